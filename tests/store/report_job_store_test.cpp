// Report jobs on both backends: scope bound on reads, one active job per region found for the
// dedupe, a queued job claimed by one worker only, progress, finishing, and stale running jobs
// failed.
#include <gtest/gtest.h>

#include "store/campaign_store.h"
#include "store/report_job_store.h"
#include "store/user_store.h"
#include "store_fixture.h"

namespace duibiao {
namespace {

class ReportJobStoreTest : public StoreTest {
 protected:
  long long campaign() {
    Campaign c;
    c.name = "专项行动";
    c.level = "city";
    c.region_code = "330200";
    db_->read([&](Tx& tx) { c.region_path = find_region(tx, "330200")->path; });
    c.year = 2026;
    c.start_date = "2026-04-01";
    c.end_date = "2028-12-31";
    c.created_at = c.updated_at = 100;
    User u;
    u.username = "office";
    u.display_name = "办公室";
    u.role = Role::kCityRegulator;
    u.created_at = u.updated_at = 1;
    db_->write([&](Tx& tx) { c.created_by = insert_user(tx, u); });
    db_->write([&](Tx& tx) { c.id = insert_campaign(tx, c); });
    return c.id;
  }
  ReportJob job(long long campaign_id, const std::string& code, const std::string& path) {
    ReportJob j;
    j.kind = "campaign_analysis";
    j.campaign_id = campaign_id;
    j.region_code = code;
    j.region_path = path;
    j.requested_by = 1;
    j.requested_by_name = "张三";
    j.stage = "排队中";
    j.created_at = 1000;
    db_->write([&](Tx& tx) { j.id = insert_report_job(tx, j); });
    return j;
  }
};

TEST_P(ReportJobStoreTest, ScopeDedupeClaimProgressFinish) {
  long long c = campaign();
  auto city = job(c, "330200", "/330000/330200/");
  auto hs = job(c, "330203", "/330000/330200/330203/");
  db_->read([&](Tx& tx) {
    EXPECT_TRUE(find_report_job(tx, "/330000/330200/", "/330000/330200/\x7f", hs.id));
    EXPECT_FALSE(find_report_job(tx, "/330000/330200/330205/", "/330000/330200/330205/\x7f", hs.id))
        << "another county's range does not see it";
    EXPECT_FALSE(
        find_report_job(tx, "/330000/330200/330203/", "/330000/330200/330203/\x7f", city.id))
        << "a county does not see its city's job";
    auto page = list_report_jobs(tx, c, "/330000/330200/330203/", "/330000/330200/330203/\x7f",
                                 Page{1, 20});
    ASSERT_EQ(page.total, 1);
    EXPECT_EQ(page.items[0].id, hs.id);
    page = list_report_jobs(tx, c, "/330000/", "/330000/\x7f", Page{1, 20});
    ASSERT_EQ(page.total, 2);
    EXPECT_EQ(page.items[0].id, hs.id) << "newest first";
    auto active = find_active_report_job(tx, "campaign_analysis", c, "330203");
    ASSERT_TRUE(active);
    EXPECT_EQ(active->id, hs.id);
    EXPECT_EQ(active->status, "queued");
    EXPECT_EQ(active->requested_by_name, "张三");
  });
  std::optional<ReportJob> a, b, none;
  db_->write([&](Tx& tx) { a = claim_report_job(tx, "host:1", 2000); });
  db_->write([&](Tx& tx) { b = claim_report_job(tx, "host:2", 2001); });
  db_->write([&](Tx& tx) { none = claim_report_job(tx, "host:3", 2002); });
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(none) << "two jobs, two claims";
  EXPECT_EQ(a->id, city.id) << "oldest first";
  EXPECT_EQ(b->id, hs.id);
  EXPECT_EQ(a->status, "running");
  EXPECT_EQ(a->worker, "host:1");
  EXPECT_EQ(a->started_at, 2000);
  db_->write([&](Tx& tx) { report_job_progress(tx, a->id, 40, "绘制图表", 2100); });
  db_->read([&](Tx& tx) {
    auto j = find_report_job(tx, "/", "/\x7f", a->id);
    EXPECT_EQ(j->progress, 40);
    EXPECT_EQ(j->stage, "绘制图表");
    EXPECT_EQ(j->heartbeat_at, 2100);
    EXPECT_TRUE(find_active_report_job(tx, "campaign_analysis", c, "330200"))
        << "running is active";
  });
  ReportJob done = *a;
  done.status = "done";
  done.progress = 100;
  done.file_path = "1/1-330200.docx";
  done.file_name = "x.docx";
  done.file_size = 1234;
  done.heartbeat_at = done.finished_at = 2200;
  db_->write([&](Tx& tx) { finish_report_job(tx, done); });
  // b has not been heard of since 2001: failed when stale before 2150, a (done) untouched.
  long long n = 0;
  db_->write([&](Tx& tx) { n = fail_stale_report_jobs(tx, 2150, "中断", 2300); });
  EXPECT_EQ(n, 1);
  db_->read([&](Tx& tx) {
    auto x = find_report_job(tx, "/", "/\x7f", a->id);
    EXPECT_EQ(x->status, "done");
    EXPECT_EQ(x->file_size, 1234);
    EXPECT_EQ(x->file_path, "1/1-330200.docx");
    auto y = find_report_job(tx, "/", "/\x7f", b->id);
    EXPECT_EQ(y->status, "failed");
    EXPECT_EQ(y->error, "中断");
    EXPECT_EQ(y->finished_at, 2300);
    EXPECT_FALSE(find_active_report_job(tx, "campaign_analysis", c, "330203"));
    EXPECT_TRUE(running_report_jobs(tx).empty());
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportJobStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace duibiao
