// Campaign store: visibility bound as parameters, optimistic versions, members, the 附件2 list,
// and the aggregate reads of the dashboard staying exact after every write. SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <tuple>

#include "store/campaign_stats_store.h"
#include "store/campaign_store.h"
#include "store/migration_counter_slots.h"
#include "store/plan_store.h"
#include "store/product_store.h"
#include "store/result_store.h"
#include "store/row_util.h"
#include "store/user_store.h"
#include "store/workbench_store.h"
#include "store_fixture.h"

namespace duibiao {
namespace {

// What the threads of a concurrency test threw, thread by thread ("A: …"); empty when none did.
class ThreadErrors {
 public:
  // Runs `fn`; false, with what it threw kept under `who`, when it threw.
  bool run(const char* who, const std::function<void()>& fn) {
    try {
      fn();
      return true;
    } catch (const std::exception& e) {
      std::lock_guard lock(mutex_);
      text_ += std::string(who) + ": " + e.what() + "\n";
      return false;
    }
  }
  std::string text() {
    std::lock_guard lock(mutex_);
    return text_;
  }

 private:
  std::mutex mutex_;
  std::string text_;
};

class CampaignStoreTest : public StoreTest {
 protected:
  std::string path_of(const std::string& code) {
    std::string path;
    db_->read([&](Tx& tx) { path = find_region(tx, code)->path; });
    return path;
  }

  Campaign make_campaign(const std::string& level, const std::string& region, long long by) {
    Campaign c;
    c.name = "专项行动" + region;
    c.level = level;
    c.region_code = region;
    c.region_path = path_of(region);
    c.year = 2026;
    c.start_date = "2026-04-01";
    c.end_date = "2028-12-31";
    c.industries = {"NB02", "38"};
    c.phases = {{"select", "确定对标企业", "2026-06-05"}};
    c.targets = {{"enterprises", "企业", 450, "2028-12-31", std::nullopt},
                 {"manual", "团体标准", 10, "", 3.0}};
    c.batches = {{1, "第一批", "2026-01-01", {"330203"}}};
    c.regions = {{"330203", "海曙区", path_of("330203"), 10, 1},
                 {"330212", "鄞州区", path_of("330212"), 15, 0}};
    c.created_by = by;
    c.created_at = c.updated_at = 100;
    db_->write([&](Tx& tx) { c.id = insert_campaign(tx, c); });
    return c;
  }

  long long make_user() {
    User u;
    u.username = "office" + std::to_string(++users_);
    u.display_name = "办公室";
    u.role = Role::kCityRegulator;
    u.created_at = u.updated_at = 1;
    long long id = 0;
    db_->write([&](Tx& tx) { id = insert_user(tx, u); });
    return id;
  }

  CampaignMember member_of(const Campaign& c, const Enterprise& e, long long by) {
    CampaignMember m;
    m.campaign_id = c.id;
    m.enterprise_id = e.id;
    m.region_code = e.region_code;
    m.region_path = e.region_path;
    m.industry_code = e.industry_code;
    m.added_by = by;
    m.added_at = 1780000000;
    return m;
  }

  // A result of `e` in `status` on a plan made for the purpose.
  long long make_result(const Enterprise& e, long long author, const std::string& status,
                        const std::string& rollup, const std::string& search_text = "") {
    Plan plan;
    plan.status = "published";
    plan.plan_number = "DBFA-2026-330200-" + std::to_string(1000 + ++plans_);
    plan.product = "电热水壶";
    plan.author_id = author;
    plan.author_org = "院";
    plan.region_code = "330200";
    plan.created_at = plan.updated_at = 1;
    Product product;
    product.enterprise_id = e.id;
    product.region_path = e.region_path;
    product.name = "电热水壶" + std::to_string(plans_);
    product.selected = true;
    product.created_at = product.updated_at = 1;
    EnterpriseResult r;
    db_->write([&](Tx& tx) {
      plan.id = insert_plan(tx, plan, "");
      replace_plan_content(
          tx, plan.id,
          {{"domestic", "GB 4706.19-2008", ""}, {"benchmark", "IEC 60335-2-15:2016", ""}}, {});
      product.id = insert_product(tx, product);
      r.code = "CODE" + std::to_string(100000 + plans_);
      r.enterprise_id = e.id;
      r.region_path = e.region_path;
      r.product_id = product.id;
      r.plan_id = plan.id;
      r.plan_number = plan.plan_number;
      r.status = status;
      r.rollup = rollup;
      r.compliant = rollup != "not_met";
      r.submitted_at = status == "draft" ? 0 : 1780100000;
      r.published_at = status == "published" ? 1780200000 : 0;
      r.created_at = r.updated_at = 10;
      r.search_text = search_text;
      r.id = insert_result(tx, r);
    });
    return r.id;
  }

  std::map<std::string, long long> status_counts(const StatsRange& range) {
    std::map<std::string, long long> out;
    db_->read([&](Tx& tx) {
      for (const auto& g : result_groups(tx, range)) out[g.status] += g.count;
    });
    return out;
  }

  int users_ = 0;
  int plans_ = 0;
};

TEST_P(CampaignStoreTest, VisibilityIsBoundAndVersionsGuardUpdates) {
  long long by = make_user();
  Campaign nb = make_campaign("city", "330200", by);
  auto ent = make_enterprise("91330203MA2H0000A1", "330203");

  auto visible = [&](CampaignVisibility v) {
    v.containing.resize(4, "!");
    bool found = false;
    db_->read([&](Tx& tx) { found = find_campaign(tx, v, nb.id).has_value(); });
    return found;
  };
  auto subtree = [&](const std::string& code) {
    auto r = subtree_range(path_of(code));
    CampaignVisibility v;
    v.lo = r.lo;
    v.hi = r.hi;
    return v;
  };
  EXPECT_TRUE(visible(subtree("330000")));   // the province contains it
  EXPECT_FALSE(visible(subtree("330100")));  // another city
  CampaignVisibility county = subtree("330203");
  EXPECT_FALSE(visible(county));
  county.containing = {"/", path_of("330000"), path_of("330200")};
  EXPECT_TRUE(visible(county));  // a county inside it
  CampaignVisibility enterprise;
  enterprise.lo = enterprise.hi = "/";
  enterprise.enterprise_id = ent.id;
  EXPECT_FALSE(visible(enterprise));
  db_->write([&](Tx& tx) { insert_member(tx, member_of(nb, ent, by)); });
  EXPECT_TRUE(visible(enterprise));  // members see their campaign

  // The definition reads back whole.
  CampaignVisibility all;
  all.all = true;
  all.containing.assign(4, "!");
  std::optional<Campaign> back;
  db_->read([&](Tx& tx) { back = find_campaign(tx, all, nb.id); });
  ASSERT_TRUE(back);
  EXPECT_EQ(back->version, 1);
  EXPECT_EQ(back->member_count, 1);
  ASSERT_EQ(back->targets.size(), 2u);
  EXPECT_EQ(back->targets[1].manual_actual.value_or(-1), 3.0);
  EXPECT_FALSE(back->targets[0].manual_actual);
  ASSERT_EQ(back->regions.size(), 2u);
  EXPECT_EQ(back->regions[0].quota, 10);
  EXPECT_EQ(back->regions[0].region_name, "海曙区");
  ASSERT_EQ(back->batches.size(), 1u);
  EXPECT_EQ(back->batches[0].regions, std::vector<std::string>{"330203"});

  Campaign edited = *back;
  edited.name = "改名";
  edited.regions.pop_back();
  bool stale = true, fresh = false;
  db_->write([&](Tx& tx) {
    stale = update_campaign(tx, edited, 7);
    fresh = update_campaign(tx, edited, 1);
  });
  EXPECT_FALSE(stale);
  EXPECT_TRUE(fresh);
  db_->read([&](Tx& tx) { back = find_campaign(tx, all, nb.id); });
  EXPECT_EQ(back->name, "改名");
  EXPECT_EQ(back->version, 2);
  EXPECT_EQ(back->regions.size(), 1u);
  bool again = true;
  db_->write([&](Tx& tx) { again = update_campaign(tx, edited, 1); });
  EXPECT_FALSE(again);  // the version the editor started from is gone
}

TEST_P(CampaignStoreTest, MembersBatchesAndListRows) {
  long long by = make_user();
  Campaign nb = make_campaign("city", "330200", by);
  auto hs = make_enterprise("91330203MA2H0000B1", "330203");
  auto yz = make_enterprise("91330212MA2H0000B2", "330212");
  auto hz = make_enterprise("91330106MA2H0000B3", "330106");
  db_->write([&](Tx& tx) {
    insert_member(tx, member_of(nb, hs, by));
    insert_member(tx, member_of(nb, yz, by));
    refresh_member_batches(tx, nb.id);
  });
  Scope ningbo = scope_of("330200");
  MemberFilter f;
  PageResult<CampaignMember> page;
  db_->read([&](Tx& tx) { page = list_members(tx, ningbo, nb.id, f, Page{1, 20}); });
  EXPECT_EQ(page.total, 2);
  f.batch = 1;
  db_->read([&](Tx& tx) { page = list_members(tx, ningbo, nb.id, f, Page{1, 20}); });
  ASSERT_EQ(page.total, 1);  // 海曙 joined in batch 1
  EXPECT_EQ(page.items[0].enterprise_id, hs.id);
  f = {};
  f.q = "b2";  // a fragment of the credit code, lower-cased by the service
  db_->read([&](Tx& tx) { page = list_members(tx, ningbo, nb.id, f, Page{1, 20}); });
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].enterprise_id, yz.id);
  // Scope is bound: the county of 海曙 sees only its member.
  db_->read([&](Tx& tx) { page = list_members(tx, scope_of("330203"), nb.id, {}, Page{1, 20}); });
  EXPECT_EQ(page.total, 1);
  // Candidates: enterprises of the scope that are not members.
  PageResult<Enterprise> candidates;
  Scope zj = scope_of("330000");
  db_->read([&](Tx& tx) {
    candidates = list_candidates(tx, zj, nb.id, "", "/", "/\x7f", Page{1, 20});
  });
  ASSERT_EQ(candidates.total, 1);
  EXPECT_EQ(candidates.items[0].id, hz.id);

  CampaignListRow row;
  row.campaign_id = nb.id;
  row.enterprise_id = hs.id;
  row.region_path = hs.region_path;
  row.product_name = "电热水壶";
  row.executed_standards = "GB 4706.19-2008 液体加热器";
  row.executed_numbers = {"GB 4706.19-2008"};
  row.benchmark_numbers = {"IEC 60335-2-15:2016"};
  row.support_needed = true;
  row.created_by = by;
  db_->write([&](Tx& tx) {
    row.seq = next_list_seq(tx, nb.id);
    row.id = insert_list_row(tx, row);
    SupportRequest s;
    s.campaign_id = nb.id;
    s.list_row_id = row.id;
    s.enterprise_id = hs.id;
    s.region_path = hs.region_path;
    s.product_name = row.product_name;
    insert_support_request(tx, s);
  });
  PageResult<CampaignListRow> rows;
  PageResult<SupportRequest> requests, elsewhere;
  db_->read([&](Tx& tx) {
    rows = list_rows(tx, ningbo, nb.id, "", Page{1, 20});
    EXPECT_TRUE(list_row_exists(tx, nb.id, hs.id, "电热水壶"));
    EXPECT_FALSE(list_row_exists(tx, nb.id, yz.id, "电热水壶"));
    EXPECT_EQ(next_list_seq(tx, nb.id), 2);
    requests = list_support_requests(tx, Scope{}, {"open", "", 0}, Page{1, 20});
    elsewhere = list_support_requests(tx, scope_of("330100"), {}, Page{1, 20});
  });
  ASSERT_EQ(rows.total, 1);
  EXPECT_EQ(rows.items[0].executed_numbers, std::vector<std::string>{"GB 4706.19-2008"});
  EXPECT_TRUE(rows.items[0].support_needed);
  EXPECT_GT(rows.items[0].support_request_id, 0);
  EXPECT_EQ(requests.total, 1);
  EXPECT_EQ(elsewhere.total, 0);
}

TEST_P(CampaignStoreTest, DashboardFiguresStayExactAfterEveryWrite) {
  long long by = make_user();
  Campaign nb = make_campaign("city", "330200", by);
  auto hs = make_enterprise("91330203MA2H0000C1", "330203");
  auto yz = make_enterprise("91330212MA2H0000C2", "330212");
  StatsRange all{nb.id, "330200", path_of("330200"), path_of("330200") + "\x7f"};
  StatsRange haishu{nb.id, "330203", path_of("330203"), path_of("330203") + "\x7f"};

  auto members = [&](const StatsRange& r) {
    long long n = 0;
    db_->read([&](Tx& tx) {
      for (const auto& g : member_groups(tx, r)) n += g.count;
    });
    return n;
  };
  EXPECT_EQ(members(all), 0);
  db_->write([&](Tx& tx) { insert_member(tx, member_of(nb, hs, by)); });
  EXPECT_EQ(members(all), 1);
  db_->write([&](Tx& tx) { insert_member(tx, member_of(nb, yz, by)); });
  EXPECT_EQ(members(all), 2);
  EXPECT_EQ(members(haishu), 1);

  long long draft = make_result(hs, by, "draft", "undetermined");
  long long sub = make_result(yz, by, "submitted", "all_equal");
  make_result(hs, by, "published", "all_better");
  auto counts = status_counts(all);
  EXPECT_EQ(counts["draft"], 1);
  EXPECT_EQ(counts["submitted"], 1);
  EXPECT_EQ(counts["published"], 1);
  EXPECT_EQ(status_counts(haishu)["submitted"], 0);

  // A move shows at once: the submitted one is returned.
  db_->write([&](Tx& tx) {
    auto r = find_result(tx, Scope{}, sub);
    ASSERT_TRUE(r);
    EnterpriseResult moved = *r;
    moved.status = "returned";
    moved.stage.clear();
    ASSERT_TRUE(move_result(tx, Scope{}, moved, r->version));
  });
  counts = status_counts(all);
  EXPECT_EQ(counts["submitted"], 0);
  EXPECT_EQ(counts["returned"], 1);

  std::vector<std::pair<std::string, RegionProgress>> progress;
  std::vector<std::string> plans;
  std::vector<std::pair<std::string, std::string>> standards;
  std::vector<MonthCount> months;
  std::vector<std::pair<std::string, long long>> products;
  db_->read([&](Tx& tx) {
    StatsRange kids = all;
    kids.children = true;  // one row per district of Ningbo
    progress = region_progress(tx, kids);
    plans = plan_numbers_used(tx, all);
    standards = plan_standards_used(tx, all);
    months = month_counts(tx, all);
    products = selected_products(tx, all);
  });
  std::map<std::string, RegionProgress> by_region(progress.begin(), progress.end());
  EXPECT_EQ(by_region["330203"].members, 1);
  EXPECT_EQ(by_region["330203"].members_with_plan, 1);
  EXPECT_EQ(by_region["330203"].members_submitted, 1);  // its published one
  EXPECT_EQ(by_region["330203"].members_concluded, 0);  // the draft is not concluded
  EXPECT_EQ(by_region["330212"].members_submitted, 0);  // returned does not count
  EXPECT_EQ(plans.size(), 3u);
  EXPECT_FALSE(standards.empty());
  std::map<std::string, long long> published;
  for (const auto& m : months)
    if (m.kind == "published") published[m.month] += m.count;
  EXPECT_EQ(
      published,
      (std::map<std::string, long long>{{month_of_cst_day((1780200000 + 28800) / 86400), 1}}));
  long long selected = 0;
  for (const auto& [code, n] : products) selected += n;
  EXPECT_EQ(selected, 3);

  // Drill-down: the rows behind "returned", and nothing outside the range.
  CampaignResultFilter f;
  f.status = "returned";
  PageResult<CampaignResultRow> rows, none;
  db_->read([&](Tx& tx) {
    rows = list_campaign_results(tx, all, f, Page{1, 20});
    none = list_campaign_results(tx, haishu, f, Page{1, 20});
  });
  ASSERT_EQ(rows.total, 1);
  EXPECT_EQ(rows.items[0].id, sub);
  EXPECT_EQ(none.total, 0);
  f = {};
  f.status = "reported";
  db_->read([&](Tx& tx) { rows = list_campaign_results(tx, all, f, Page{1, 20}); });
  EXPECT_EQ(rows.total, 1);  // only the published one is beyond draft / returned

  // Without a time range the total comes from the counters: it must equal the rows the list
  // itself finds (from the members and results) for every filter the counters know.
  auto total_matches_rows = [&](const StatsRange& range) {
    std::vector<CampaignResultFilter> filters(1);
    for (std::string s : {"draft", "returned", "reported", "published", "submitted"}) {
      filters.emplace_back();
      filters.back().status = s;
    }
    for (int cp : {0, 1}) {
      filters.emplace_back();
      filters.back().compliant = cp;
    }
    for (std::string ro : {"all_better", "partly_better", "none"}) {
      filters.emplace_back();
      filters.back().rollup = ro;
    }
    filters.emplace_back();
    filters.back().batch = 1;
    filters.emplace_back();
    filters.back().industry_codes = {"38", "17"};
    for (const auto& each : filters) {
      PageResult<CampaignResultRow> got;
      db_->read([&](Tx& tx) { got = list_campaign_results(tx, range, each, Page{1, 100}); });
      EXPECT_EQ(got.total, static_cast<long long>(got.items.size()))
          << range.region_code << " status=" << each.status << " rollup=" << each.rollup
          << " compliant=" << each.compliant << " batch=" << each.batch;
    }
  };
  total_matches_rows(all);
  total_matches_rows(haishu);

  // Removing a member takes its figures away.
  db_->write([&](Tx& tx) { delete_member(tx, nb.id, hs.id); });
  EXPECT_EQ(members(all), 1);
  counts = status_counts(all);
  EXPECT_EQ(counts["draft"] + counts["published"], 0);
  total_matches_rows(all);
  (void)draft;
}

// The counters the triggers keep equal the figures computed from the rows, after every kind of
// write, in random order: members in and out, results created, saved, moved and deleted, products
// selected, batches changed.
// Pages of a large scope are read from a window of the newest rows when it is expected to hold
// them (kRecentResults / kRecentMembers): whatever the window, every page, total and order must
// equal those found by joining the whole scope (window 0), for every filter, with results and
// members of other regions and of no campaign interleaved with the scope's own.
TEST_P(CampaignStoreTest, RecentWindowFindsTheSamePagesAsTheWholeScope) {
  long long by = make_user();
  Campaign nb = make_campaign("city", "330200", by);
  const char* regions[] = {"330203", "330212", "330203", "330106", "330212", "330203"};
  const char* statuses[] = {"draft", "submitted", "published", "returned", "city_passed"};
  const char* rollups[] = {"all_better", "partly_better", "not_met", "all_equal"};
  std::vector<Enterprise> members;
  int n = 0;
  for (int i = 0; i < 18; ++i) {
    std::string code = "91330203MA2H00" + std::to_string(10 + i) + "W" + std::to_string(i % 10);
    auto e = make_enterprise(code, regions[i % 6]);
    bool member = i % 5 != 4 && e.region_code != "330106";
    if (member) {
      CampaignMember m = member_of(nb, e, by);
      m.added_at = 1780000000 + (i * 7) % 11;  // ties and an order unlike the ids'
      db_->write([&](Tx& tx) { insert_member(tx, m); });
      members.push_back(e);
    }
    for (int k = 0; k < 1 + i % 3; ++k, ++n) make_result(e, by, statuses[n % 5], rollups[n % 4]);
  }
  db_->write([&](Tx& tx) { refresh_member_batches(tx, nb.id); });  // 海曙 joins in batch 1
  ASSERT_GE(members.size(), 9u);
  StatsRange all{nb.id, "330200", path_of("330200"), path_of("330200") + "\x7f"};
  StatsRange haishu{nb.id, "330203", path_of("330203"), path_of("330203") + "\x7f"};
  std::vector<CampaignResultFilter> filters(1);
  for (std::string st : {"reported", "draft", "published"}) {
    filters.emplace_back();
    filters.back().status = st;
  }
  filters.emplace_back();
  filters.back().rollup = "not_met";
  filters.emplace_back();
  filters.back().compliant = 1;
  filters.emplace_back();
  filters.back().time_field = 1;  // submitted in a range: the total from the rows, not counters
  filters.back().t0 = 1780000000;
  filters.back().t1 = 1790000000;
  auto ids = [](const auto& page) {
    std::vector<long long> out;
    for (const auto& x : page.items) out.push_back(x.id);
    return out;
  };
  int compared = 0;
  for (const StatsRange* range : {&all, &haishu})
    for (const auto& f : filters)
      for (int size : {1, 2, 3, 5})
        for (int page = 1; page <= 8; ++page) {
          PageResult<CampaignResultRow> whole;
          db_->read([&](Tx& tx) {
            whole = list_campaign_results(tx, *range, f, Page{page, size}, RecentWindow{0, false});
          });
          for (long long w : {1, 2, 4, 7, 1000}) {
            PageResult<CampaignResultRow> windowed;
            db_->read([&](Tx& tx) {
              windowed =
                  list_campaign_results(tx, *range, f, Page{page, size}, RecentWindow{w, true});
            });
            ASSERT_EQ(windowed.total, whole.total) << range->region_code << " " << f.status;
            ASSERT_EQ(ids(windowed), ids(whole))
                << range->region_code << " status=" << f.status << " rollup=" << f.rollup
                << " page " << page << " of " << size << " window " << w;
            ++compared;
          }
        }
  EXPECT_GT(compared, 1000);

  auto member_ids = [](const PageResult<CampaignMember>& page) {
    std::vector<long long> out;
    for (const auto& m : page.items) out.push_back(m.enterprise_id);
    return out;
  };
  std::vector<MemberFilter> member_filters(1);
  member_filters.emplace_back();
  member_filters.back().result_status = "reported";
  member_filters.emplace_back();
  member_filters.back().q = "w3";
  long long seen = 0;
  for (const std::string& region : {std::string("330200"), std::string("330212")})
    for (const auto& f : member_filters)
      for (int size : {1, 2, 4})
        for (int page = 1; page <= 10; ++page) {
          PageResult<CampaignMember> whole;
          db_->read([&](Tx& tx) {
            whole = list_members(tx, scope_of(region), nb.id, f, Page{page, size},
                                 RecentWindow{0, false});
          });
          if (f.q.empty() && f.result_status.empty() && region == "330200" && page == 1)
            seen = whole.total;
          for (long long w : {1, 3, 6, 1000}) {
            PageResult<CampaignMember> windowed;
            db_->read([&](Tx& tx) {
              windowed = list_members(tx, scope_of(region), nb.id, f, Page{page, size},
                                      RecentWindow{w, true});
            });
            ASSERT_EQ(windowed.total, whole.total);
            ASSERT_EQ(member_ids(windowed), member_ids(whole))
                << region << " status=" << f.result_status << " q=" << f.q << " page " << page
                << " of " << size << " window " << w;
          }
        }
  EXPECT_EQ(seen, static_cast<long long>(members.size()));

  // Totals of the plain page come from the member counters: they must equal the live count
  // (a name fragment every member has forces it) for every scope, narrowing, industry and batch.
  auto total = [&](const Scope& scope, MemberFilter f) {
    PageResult<CampaignMember> page;
    db_->read([&](Tx& tx) { page = list_members(tx, scope, nb.id, f, Page{1, 1}); });
    return page.total;
  };
  int checked = 0;
  for (const Scope& scope : {Scope{}, scope_of("330200"), scope_of("330212"), scope_of("330106")})
    for (const std::string& narrow : {std::string(""), std::string("330203")})
      for (int batch : {0, 1})
        for (bool industry : {false, true}) {
          MemberFilter f;
          if (!narrow.empty()) {
            f.lo = path_of(narrow);
            f.hi = f.lo + "\x7f";
          }
          f.batch = batch;
          if (industry) f.industry_codes = {"38", "17"};
          MemberFilter live = f;
          live.q = "9133";  // in every credit code
          EXPECT_EQ(total(scope, f), total(scope, live))
              << scope.lo << " narrowed to " << narrow << " batch " << batch << " industry "
              << industry;
          ++checked;
        }
  EXPECT_EQ(total(Scope{}, {}), static_cast<long long>(members.size()));
  MemberFilter first_batch;
  first_batch.batch = 1;
  EXPECT_GT(total(Scope{}, first_batch), 0);
  EXPECT_LT(total(Scope{}, first_batch), total(Scope{}, {}));
  EXPECT_EQ(checked, 32);
}

TEST_P(CampaignStoreTest, CountersEqualTheRowsAfterRandomWrites) {
  long long by = make_user();
  Campaign nb = make_campaign("city", "330200", by);
  Campaign zj = make_campaign("province", "330000", by);
  std::vector<Enterprise> ents;
  const char* regions[] = {"330203", "330212", "330205", "330106", "330200Z01"};
  for (int i = 0; i < 8; ++i) {
    std::string code = "91330200MA2H0D00" + std::to_string(10 + i);
    ents.push_back(make_enterprise(code, regions[i % 5]));
  }
  auto range_of = [&](long long campaign, const std::string& code) {
    return StatsRange{campaign, code, path_of(code), path_of(code) + "\x7f", false};
  };
  std::vector<StatsRange> ranges = {range_of(nb.id, "330200"),    range_of(zj.id, "330000"),
                                    range_of(nb.id, "330203"),    range_of(zj.id, "330100"),
                                    range_of(nb.id, "330200Z01"), range_of(zj.id, "000000")};
  ranges.back().lo = "/";
  ranges.back().hi = "/\x7f";
  // The province's campaign at the nation: above its own region, where (migration 27) the
  // result and month counters keep nothing, no reader asking there; the member counters do.
  auto above_campaign = [&](const StatsRange& r) { return r.campaign_id == zj.id && r.lo == "/"; };
  auto sorted = [](auto v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  auto check = [&](const std::string& step) {
    db_->read([&](Tx& tx) {
      for (const auto& r : ranges) {
        std::map<std::tuple<std::string, std::string, int>, long long> a, b;
        for (const auto& g : member_groups(tx, r))
          a[{g.region_code, g.industry_code, g.batch}] += g.count;
        for (const auto& g : member_groups(tx, r, true))
          b[{g.region_code, g.industry_code, g.batch}] += g.count;
        ASSERT_EQ(a, b) << step << ": members at " << r.region_code;
        std::map<std::tuple<std::string, int, std::string, std::string, bool>, long long> c, d;
        for (const auto& g : result_groups(tx, r))
          c[{g.region_code, g.batch, g.status, g.rollup, g.compliant}] += g.count;
        for (const auto& g : result_groups(tx, r, true))
          d[{g.region_code, g.batch, g.status, g.rollup, g.compliant}] += g.count;
        if (above_campaign(r)) {
          ASSERT_TRUE(c.empty()) << step << ": result counters above the campaign's region";
          ASSERT_TRUE(month_counts(tx, r).empty()) << step << ": month counters above it";
          continue;
        }
        ASSERT_EQ(c, d) << step << ": results at " << r.region_code;
        auto months = [](const std::vector<MonthCount>& v) {
          std::map<std::pair<std::string, std::string>, long long> m;
          for (const auto& x : v) m[{x.kind, x.month}] += x.count;
          return m;
        };
        ASSERT_EQ(months(month_counts(tx, r)), months(month_counts(tx, r, true))) << step;
        std::map<std::string, std::tuple<long long, long long, long long, long long>> p, q;
        for (const auto& [k, v] : region_progress(tx, r))
          p[k] = {v.members, v.members_with_plan, v.members_submitted, v.members_concluded};
        for (const auto& [k, v] : region_progress(tx, r, true))
          q[k] = {v.members, v.members_with_plan, v.members_submitted, v.members_concluded};
        ASSERT_EQ(p, q) << step << ": progress at " << r.region_code;
        std::map<std::string, long long> s1, s2;
        for (const auto& [k, v] : selected_products(tx, r)) s1[k] += v;
        for (const auto& [k, v] : selected_products(tx, r, true)) s2[k] += v;
        ASSERT_EQ(s1, s2) << step << ": products";
        ASSERT_EQ(sorted(plan_numbers_used(tx, r)), sorted(plan_numbers_used(tx, r, true))) << step;
        ASSERT_EQ(sorted(plan_standards_used(tx, r)), sorted(plan_standards_used(tx, r, true)))
            << step;
      }
      // The rows per child region equal each child's own figures.
      StatsRange kids = range_of(nb.id, "330200");
      kids.children = true;
      std::map<std::string, long long> by_child, each;
      for (const auto& g : member_groups(tx, kids)) by_child[g.region_code] += g.count;
      for (const char* code : {"330203", "330212", "330205", "330200Z01"})
        for (const auto& g : member_groups(tx, range_of(nb.id, code), true)) each[code] += g.count;
      ASSERT_EQ(by_child, each) << step << ": children of 宁波";
      std::map<std::string, long long> r1, r2;
      for (const auto& g : result_groups(tx, kids)) r1[g.region_code + g.status] += g.count;
      for (const char* code : {"330203", "330212", "330205", "330200Z01"})
        for (const auto& g : result_groups(tx, range_of(nb.id, code), true))
          r2[code + g.status] += g.count;
      ASSERT_EQ(r1, r2) << step << ": results of the children of 宁波";
    });
  };
  std::mt19937 rng(20261203);
  std::vector<long long> results;
  const char* statuses[] = {"draft",           "returned", "submitted",
                            "county_reviewed", "accepted", "published"};
  const char* rollups[] = {"all_better", "partly_better", "all_equal", "not_met", "undetermined"};
  for (int step = 0; step < 120; ++step) {
    const Enterprise& e = ents[rng() % ents.size()];
    const Campaign& c = rng() % 2 ? nb : zj;
    int kind = static_cast<int>(rng() % 7);
    std::string what = "step " + std::to_string(step) + " kind " + std::to_string(kind);
    if (kind == 0 || kind == 1) {                                // a member in or out
      if (e.region_code == "330106" && c.id == nb.id) continue;  // not in Ningbo
      db_->write([&](Tx& tx) {
        if (member_exists(tx, c.id, e.id))
          delete_member(tx, c.id, e.id);
        else {
          CampaignMember m = member_of(c, e, by);
          m.added_at += static_cast<long long>(rng() % 5) * 86400;
          insert_member(tx, m);
          refresh_member_batches(tx, c.id);
        }
      });
    } else if (kind == 2) {  // a new result
      results.push_back(make_result(e, by, statuses[rng() % 6], rollups[rng() % 5]));
    } else if (kind == 3 && !results.empty()) {  // a move along the chain
      long long id = results[rng() % results.size()];
      db_->write([&](Tx& tx) {
        auto r = find_result(tx, Scope{}, id);
        if (!r) return;
        EnterpriseResult moved = *r;
        moved.status = statuses[rng() % 6];
        moved.rollup = rollups[rng() % 5];
        moved.compliant = rng() % 2;
        if (moved.status != "draft" && moved.submitted_at == 0)
          moved.submitted_at = 1780300000 + step * 3600;
        if (moved.status == "published") moved.published_at = 1780400000 + step * 86400;
        move_result(tx, Scope{}, moved, r->version);
      });
    } else if (kind == 4 && !results.empty()) {  // a draft deleted
      long long id = results[rng() % results.size()];
      db_->write([&](Tx& tx) { delete_draft_result(tx, Scope{}, id); });
    } else if (kind == 5) {  // a product (un)selected
      db_->write([&](Tx& tx) {
        auto list = list_products(tx, Scope{}, ProductFilter{"", e.id, false}, Page{1, 5});
        if (!list.items.empty()) {
          const Product& p = list.items[rng() % list.items.size()];
          set_product_selected(tx, Scope{}, p.id, !p.selected, 5);
        }
      });
    } else if (kind == 6) {  // the batch of a participating region changes
      Campaign edited;
      db_->read([&](Tx& tx) {
        CampaignVisibility all;
        all.all = true;
        all.containing.assign(4, "!");
        edited = *find_campaign(tx, all, nb.id);
      });
      edited.regions[0].batch = static_cast<int>(rng() % 3);
      db_->write([&](Tx& tx) {
        ASSERT_TRUE(update_campaign(tx, edited, edited.version));
        refresh_member_batches(tx, nb.id);
      });
    }
    check(what);
    if (HasFatalFailure()) return;
  }
}

// The statistics cache is keyed by this epoch: every write to a table the statistics read must
// move it on in the same transaction, and a rolled-back write must not.
TEST_P(CampaignStoreTest, StatsEpochMovesOnWithEveryCommittedWrite) {
  auto epoch = [&] {
    long long e = 0;
    db_->read([&](Tx& tx) { e = stats_epoch(tx); });
    return e;
  };
  long long by = make_user();
  long long e0 = epoch();
  Campaign nb = make_campaign("city", "330200", by);
  long long e1 = epoch();
  EXPECT_GT(e1, e0) << "creating a campaign";
  auto hs = make_enterprise("91330203MA2H0000E1", "330203");
  long long e2 = epoch();
  EXPECT_GT(e2, e1) << "registering an enterprise";
  db_->write([&](Tx& tx) { insert_member(tx, member_of(nb, hs, by)); });
  long long e3 = epoch();
  EXPECT_GT(e3, e2) << "adding a member";
  try {
    db_->write([&](Tx& tx) {
      tx.sql << "UPDATE campaigns SET name = name WHERE id = :c", soci::use(nb.id);
      throw std::runtime_error("rolled back");
    });
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(epoch(), e3) << "a rolled-back write leaves the epoch";
  db_->write([&](Tx& tx) {
    tx.sql << "DELETE FROM campaign_members WHERE campaign_id = :c", soci::use(nb.id);
  });
  EXPECT_GT(epoch(), e3) << "removing members";
}

// The epoch must move on for a write that follows a rolled-back savepoint in the same
// transaction (PostgreSQL marks a transaction once: the mark must go with the savepoint), and
// not for the rolled-back part alone.
TEST_P(CampaignStoreTest, StatsEpochAfterARolledBackSavepoint) {
  auto epoch = [&] {
    long long e = 0;
    db_->read([&](Tx& tx) { e = stats_epoch(tx); });
    return e;
  };
  long long e0 = epoch();
  db_->write([&](Tx& tx) {
    tx.sql << "SAVEPOINT s1";
    tx.sql << "UPDATE regions SET name = name WHERE code = '330203'";
    tx.sql << "ROLLBACK TO SAVEPOINT s1";
  });
  EXPECT_EQ(epoch(), e0) << "only a rolled-back write";
  db_->write([&](Tx& tx) {
    tx.sql << "SAVEPOINT s1";
    tx.sql << "UPDATE regions SET name = name WHERE code = '330203'";
    tx.sql << "ROLLBACK TO SAVEPOINT s1";
    tx.sql << "UPDATE regions SET name = name WHERE code = '330205'";
  });
  EXPECT_GT(epoch(), e0) << "a write after the rolled-back savepoint";
}

// PostgreSQL moves the epoch once per transaction (migration 21): many statements in one
// transaction left as many dead versions of the epoch row, walked by every later statement
// (a bulk load went quadratic). The next transaction of the same connection moves it again.
TEST_P(CampaignStoreTest, StatsEpochMovesOncePerTransactionOnPostgresql) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "SQLite moves it per row, in place";
  auto epoch = [&] {
    long long e = 0;
    db_->read([&](Tx& tx) { e = stats_epoch(tx); });
    return e;
  };
  long long e0 = epoch();
  db_->write([&](Tx& tx) {
    for (int i = 0; i < 50; ++i) tx.sql << "UPDATE regions SET name = name WHERE code = '330203'";
  });
  EXPECT_EQ(epoch(), e0 + 1);
  for (int k = 0; k < 3; ++k)
    db_->write([&](Tx& tx) { tx.sql << "UPDATE regions SET name = name WHERE code = '330205'"; });
  EXPECT_EQ(epoch(), e0 + 4) << "each committed transaction moves it once";
}

// PostgreSQL: two writers whose later statements need each other's rows. Had the epoch been
// updated AFTER the first statement (migration 16 alone), the first writer would hold it to the end
// while the second, holding a row the first needs next, waits for it: a deadlock, one of them
// failed after deadlock_timeout. Since migration 19 each transaction takes the epoch first, and
// since migration 28 each connection has an epoch row of its own: the second writer no longer
// waits for the epoch, and the first waits for the second's row only until it commits. SQLite has
// one writer at a time.
TEST_P(CampaignStoreTest, StatsEpochLetsConcurrentWritersCommit) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "one writer at a time on SQLite";
  auto epoch = [&] {
    long long e = 0;
    db_->read([&](Tx& tx) { e = stats_epoch(tx); });
    return e;
  };
  long long e0 = epoch();
  std::promise<void> a_wrote, b_wrote;
  auto a_wrote_f = a_wrote.get_future();
  auto b_wrote_f = b_wrote.get_future();
  std::atomic<int> committed{0};
  ThreadErrors errors;
  std::thread a([&] {
    if (errors.run("A", [&] {
          db_->write([&](Tx& tx) {
            tx.sql << "UPDATE regions SET name = name WHERE code = '330203'";
            a_wrote.set_value();
            // B's first write done (it now waits for the epoch, so we time out and go on)
            b_wrote_f.wait_for(std::chrono::seconds(2));
            tx.sql << "UPDATE regions SET name = name WHERE code = '330205'";  // B's row
          });
        }))
      ++committed;
  });
  std::thread b([&] {
    a_wrote_f.wait();
    if (errors.run("B", [&] {
          db_->write([&](Tx& tx) {
            tx.sql << "UPDATE regions SET name = name WHERE code = '330205'";
            b_wrote.set_value();
            std::this_thread::sleep_for(std::chrono::milliseconds(300));  // A now waits for us
            tx.sql << "UPDATE regions SET name = name WHERE code = '330212'";
          });
        }))
      ++committed;
  });
  a.join();
  b.join();
  EXPECT_EQ(errors.text(), "");
  EXPECT_EQ(committed.load(), 2);
  EXPECT_GE(epoch(), e0 + 2) << "moved on by both committed transactions";
}

// PostgreSQL (migration 28): two transactions that move the same counter rows (two results of
// one county in one campaign, draft → submitted) run side by side. Before the counters were kept
// per connection slot, the second waited for the first's epoch row until that one committed
// (here: its lock_timeout, an error); now it commits while the first is still open. The figures
// then add up over the slots: the draft groups that three slots moved to 0 between them (+2, −1,
// −1) are not shown, and every figure equals a count of the rows.
TEST_P(CampaignStoreTest, CountingWritesOfTwoConnectionsDoNotWaitForEachOther) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "one writer at a time on SQLite";
  long long by = make_user();
  Campaign nb = make_campaign("city", "330200", by);
  auto hs = make_enterprise("91330203MA2H0000C1", "330203");
  auto hs2 = make_enterprise("91330203MA2H0000C2", "330203");
  db_->write([&](Tx& tx) {
    insert_member(tx, member_of(nb, hs, by));
    insert_member(tx, member_of(nb, hs2, by));
  });
  long long ra = make_result(hs, by, "draft", "undetermined");
  long long rb = make_result(hs2, by, "draft", "undetermined");
  auto submit = [&](Tx& tx, long long id) {
    auto r = find_result(tx, Scope{}, id);
    ASSERT_TRUE(r);
    EnterpriseResult moved = *r;
    moved.status = "submitted";
    moved.submitted_at = 1780100000;
    ASSERT_TRUE(move_result(tx, Scope{}, moved, r->version));
  };
  std::promise<void> a_moved, b_committed;
  auto a_moved_f = a_moved.get_future();
  auto b_committed_f = b_committed.get_future();
  std::atomic<bool> b_done_while_a_open{false};
  ThreadErrors errors;
  std::thread a([&] {
    errors.run("A", [&] {
      db_->write([&](Tx& tx) {
        submit(tx, ra);
        a_moved.set_value();
        b_done_while_a_open =
            b_committed_f.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
      });
    });
  });
  std::thread b([&] {
    // Bounded: should A fail before it moved, B still runs (and the test fails, not hangs).
    a_moved_f.wait_for(std::chrono::seconds(10));
    errors.run("B", [&] {
      db_->write([&](Tx& tx) {
        tx.sql << "SET LOCAL lock_timeout = '3s'";
        submit(tx, rb);
      });
      b_committed.set_value();
    });
  });
  a.join();
  b.join();
  EXPECT_EQ(errors.text(), "");
  EXPECT_TRUE(b_done_while_a_open) << "the second write waited for the first";

  StatsRange city{nb.id, "330200", path_of("330200"), path_of("330200") + "\x7f"};
  db_->read([&](Tx& tx) {
    int slots = 0;
    tx.sql << "SELECT COUNT(DISTINCT slot) FROM campaign_result_counts WHERE campaign_id = :c",
        soci::use(nb.id), soci::into(slots);
    EXPECT_GE(slots, 2) << "the two writes kept their counts in rows of their own";
    std::map<std::tuple<std::string, std::string, bool>, long long> counted, live;
    for (const auto& g : result_groups(tx, city)) {
      EXPECT_NE(g.count, 0) << g.region_code << " " << g.status << ": a group of no results";
      counted[{g.region_code, g.status, g.compliant}] += g.count;
    }
    for (const auto& g : result_groups(tx, city, true))
      live[{g.region_code, g.status, g.compliant}] += g.count;
    EXPECT_EQ(counted, live);
    EXPECT_EQ((counted[{"330200", "submitted", true}]), 2);
    EXPECT_EQ((counted.count({"330200", "draft", true})), 0u);
    std::map<std::pair<std::string, std::string>, long long> months, months_live;
    for (const auto& x : month_counts(tx, city)) {
      EXPECT_NE(x.count, 0);
      months[{x.kind, x.month}] += x.count;
    }
    for (const auto& x : month_counts(tx, city, true)) months_live[{x.kind, x.month}] += x.count;
    EXPECT_EQ(months, months_live);
    for (const auto& [k, v] : region_progress(tx, city)) {
      auto lv = region_progress(tx, city, true);
      ASSERT_EQ(lv.size(), 1u);
      EXPECT_EQ(v.members, lv[0].second.members);
      EXPECT_EQ(v.members_submitted, 2);
      EXPECT_EQ(v.members_submitted, lv[0].second.members_submitted);
    }
    auto sorted = [](auto v) {
      std::sort(v.begin(), v.end());
      return v;
    };
    EXPECT_EQ(sorted(plan_numbers_used(tx, city)), sorted(plan_numbers_used(tx, city, true)));
  });
}

// Searching results finds the same rows in every shape of list (the nation and a province
// walked newest first, a county, an enterprise's own, an office's queue) as a LIKE over the rows
// does; on PostgreSQL the text is searched in its own table (migration 28), which follows the
// results it was made with and loses the ones deleted.
TEST_P(CampaignStoreTest, SearchFindsTheSameResultsInEveryShapeOfList) {
  long long by = make_user();
  auto hs = make_enterprise("91330203MA2H0000C1", "330203");
  auto yz = make_enterprise("91330212MA2H0000C2", "330212");
  long long r1 = make_result(hs, by, "submitted", "all_better", "电热水壶 宁波海曙 abc123");
  make_result(yz, by, "submitted", "all_equal", "电饭煲 鄞州 abc999");
  make_result(hs, by, "published", "all_better", "空调 xyz");
  long long r4 = make_result(hs, by, "draft", "undetermined", "电热水壶 二号");
  db_->write([&](Tx& tx) {
    tx.sql << "UPDATE results SET stage = 'county', stage_region = '330203' WHERE id = :id",
        soci::use(r1);
  });
  struct Case {
    std::string name;
    Scope scope;
  };
  std::vector<Case> cases = {{"nation", Scope{"/", "/\x7f", 0}},
                             {"province", Scope{path_of("330000"), path_of("330000") + "\x7f", 0}},
                             {"county", Scope{path_of("330203"), path_of("330203") + "\x7f", 0}},
                             {"own", Scope{path_of("330203"), path_of("330203") + "\x7f", hs.id}}};
  auto check = [&](const std::string& after) {
    for (const auto& c : cases) {
      // The last: SQL in the text, found nowhere (it is bound, never part of the statement).
      for (std::string q : {"abc", "电热水壶", "xyz", "二号", "无此", "') or 1=1 --"}) {
        ResultFilter f;
        f.q = q;
        PageResult<EnterpriseResult> page;
        std::vector<long long> want;
        db_->read([&](Tx& tx) {
          page = list_results(tx, c.scope, f, Page{1, 10});
          std::string pattern = "%" + q + "%";
          long long id = 0;
          soci::statement st =
              (tx.sql.prepare << "SELECT id FROM results WHERE region_path >= :lo AND "
                                 "region_path < :hi AND (:e1 = 0 OR enterprise_id = :e2) AND "
                                 "search_text LIKE :p ORDER BY id DESC",
               soci::use(c.scope.lo), soci::use(c.scope.hi), soci::use(c.scope.enterprise_id),
               soci::use(c.scope.enterprise_id), soci::use(pattern), soci::into(id));
          st.execute();
          while (st.fetch()) want.push_back(id);
        });
        std::vector<long long> got;
        for (const auto& x : page.items) got.push_back(x.id);
        EXPECT_EQ(got, want) << after << ": " << c.name << " q=" << q;
        EXPECT_EQ(page.total, static_cast<long long>(want.size())) << after << ": " << c.name;
      }
    }
    // The county office's queue: r1 waits there, and only "abc" (or nothing) finds it.
    for (auto [q, n] :
         std::vector<std::pair<std::string, size_t>>{{"abc", 1}, {"xyz", 0}, {"", 1}}) {
      ResultFilter f;
      f.q = q;
      f.queue = true;
      f.queue_stage = "county";
      f.queue_region = "330203";
      f.queue_region_path = path_of("330203");
      PageResult<EnterpriseResult> page;
      db_->read([&](Tx& tx) { page = list_results(tx, cases[2].scope, f, Page{1, 10}); });
      ASSERT_EQ(page.items.size(), n) << after << ": queue q=" << q;
      EXPECT_EQ(page.total, static_cast<long long>(n)) << after << ": queue q=" << q;
      if (n) EXPECT_EQ(page.items[0].id, r1);
    }
  };
  check("made");
  db_->write([&](Tx& tx) { ASSERT_TRUE(delete_draft_result(tx, Scope{"/", "/\x7f", 0}, r4)); });
  check("draft deleted");
  if (GetParam() == "postgresql") {
    long long texts = 0, results = 0;
    db_->read([&](Tx& tx) {
      tx.sql << "SELECT COUNT(*) FROM result_search s JOIN results r ON r.id = s.result_id AND "
                "r.search_text = s.search_text",
          soci::into(texts);
      tx.sql << "SELECT COUNT(*) FROM results", soci::into(results);
    });
    EXPECT_EQ(texts, results) << "one search text per result, the result's own";
  }
}

// PostgreSQL: every connection claims a slot of its own, across processes (here two pools),
// and holds it for as long as it lives (a session advisory lock).
TEST_P(CampaignStoreTest, EveryPostgresqlConnectionHoldsACounterSlotOfItsOwn) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "PostgreSQL connections only";
  auto slot_of = [](Database& db) {
    std::string slot;
    int held = 0;
    db.read([&](Tx& tx) {
      tx.sql << "SELECT current_setting('duibiao.counter_slot')", soci::into(slot);
      tx.sql << "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = :k AND "
                "objid = CAST(:s AS INTEGER) AND pid = pg_backend_pid() AND granted",
          soci::use(kCounterSlotLockClass), soci::use(slot), soci::into(held);
    });
    EXPECT_EQ(held, 1) << "slot " << slot << " is not this connection's";
    return slot;
  };
  auto other = Database::open(pg_url(), 3);
  std::string mine = slot_of(*db_), theirs = slot_of(*other);
  EXPECT_NE(mine, "0");
  EXPECT_NE(theirs, "0");
  EXPECT_NE(mine, theirs);
  int claimed = 0;
  other->read([&](Tx& tx) {
    tx.sql << "SELECT COUNT(DISTINCT objid) FROM pg_locks WHERE locktype = 'advisory' AND "
              "classid = :k AND granted",
        soci::use(kCounterSlotLockClass), soci::into(claimed);
  });
  EXPECT_GE(claimed, 4 + 3) << "each connection of both pools its own slot";
}

// The offices' home pages read results by status from counters (migration 23): after inserts,
// moves, a region change and deletions they equal a count of the rows, for every scope.
TEST_P(CampaignStoreTest, ResultStatusCountersEqualACountOfTheRows) {
  long long by = make_user();
  const char* regions[] = {"330203", "330212", "330106", "330203"};
  const char* statuses[] = {"draft", "submitted", "published", "returned", "county_reviewed"};
  std::vector<long long> ids;
  std::vector<Enterprise> ents;
  for (int i = 0; i < 4; ++i)
    ents.push_back(make_enterprise(
        "91330203MA2H01" + std::to_string(10 + i) + "W" + std::to_string(i), regions[i]));
  for (int i = 0; i < 14; ++i)
    ids.push_back(make_result(ents[i % 4], by, statuses[i % 5], "all_better"));
  auto recount = [&](const Scope& sc, bool sub) {
    std::map<std::string, long long> out;
    db_->read([&](Tx& tx) {
      soci::rowset<soci::row> rows =
          (tx.sql.prepare << "SELECT status, COUNT(*) FROM results WHERE region_path >= :lo AND "
                             "region_path < :hi AND (:sub = 0 OR submitted_at > 0) GROUP BY status",
           soci::use(sc.lo), soci::use(sc.hi), soci::use(sub ? 1 : 0));
      for (const auto& row : rows) out[row.get<std::string>(0)] = row_int(row, 1);
    });
    return out;
  };
  auto counted = [&](const Scope& sc, bool sub) {
    std::map<std::string, long long> out;
    db_->read([&](Tx& tx) {
      for (const auto& k : count_results_by_status(tx, sc, sub)) out[k.key] = k.count;
    });
    return out;
  };
  std::vector<Scope> scopes = {Scope{}};
  for (std::string code : {"330000", "330200", "330203", "330106", "110000"})
    scopes.push_back(Scope{path_of(code), path_of(code) + "\x7f", 0});
  auto check = [&](const std::string& after) {
    for (const auto& sc : scopes) {
      for (bool sub : {false, true})
        ASSERT_EQ(counted(sc, sub), recount(sc, sub))
            << after << " " << sc.lo << " submitted_only=" << sub;
      long long counted_ents = 0, ents_in = 0;
      db_->read([&](Tx& tx) {
        counted_ents = count_enterprises_in(tx, sc);
        tx.sql << "SELECT COUNT(*) FROM enterprises WHERE region_path >= :lo AND region_path < :hi",
            soci::use(sc.lo), soci::use(sc.hi), soci::into(ents_in);
      });
      ASSERT_EQ(counted_ents, ents_in) << after << " enterprises of " << sc.lo;
      // list totals filtered by region and status come from the same counters
      std::string ningbo = path_of("330200");
      for (int k = 0; k < 6; ++k) {
        ResultFilter f;
        f.submitted_only = k % 2 == 1;
        if (k >= 2) f.status = "submitted";
        if (k >= 4) {
          f.region_lo = ningbo;
          f.region_hi = ningbo + "\x7f";
        }
        ResultFilter pub;
        pub.published_only = pub.submitted_only = true;
        long long want = 0, want_pub = 0;
        PageResult<EnterpriseResult> page, pub_page;
        db_->read([&](Tx& tx) {
          page = list_results(tx, sc, f, Page{1, 2});
          pub_page = list_results(tx, sc, pub, Page{1, 2});
          std::string rl = f.region_lo.empty() ? std::string("/") : f.region_lo;
          std::string rh = f.region_lo.empty() ? std::string("/\x7f") : f.region_hi;
          tx.sql << "SELECT COUNT(*) FROM results WHERE region_path >= :lo AND region_path < :hi "
                    "AND region_path >= :rl AND region_path < :rh AND (:s1 = '' OR status = :s2) "
                    "AND (:so = 0 OR submitted_at > 0)",
              soci::use(sc.lo), soci::use(sc.hi), soci::use(rl), soci::use(rh), soci::use(f.status),
              soci::use(f.status), soci::use(f.submitted_only ? 1 : 0), soci::into(want);
          tx.sql << "SELECT COUNT(*) FROM results WHERE region_path >= :lo AND region_path < :hi "
                    "AND status = 'published'",
              soci::use(sc.lo), soci::use(sc.hi), soci::into(want_pub);
        });
        ASSERT_EQ(page.total, want) << after << " list of " << sc.lo << " filter " << k;
        ASSERT_EQ(pub_page.total, want_pub) << after << " public list of " << sc.lo;
        ASSERT_EQ(page.items.size(), static_cast<size_t>(std::min<long long>(want, 2)));
        // the page itself: the newest two of the same rows, whichever statement found them
        std::vector<long long> want_ids, got_ids;
        for (const auto& x : page.items) got_ids.push_back(x.id);
        db_->read([&](Tx& tx) {
          std::string rl = f.region_lo.empty() ? std::string("/") : f.region_lo;
          std::string rh = f.region_lo.empty() ? std::string("/\x7f") : f.region_hi;
          soci::rowset<soci::row> rows =
              (tx.sql.prepare << "SELECT id FROM results WHERE region_path >= :lo AND "
                                 "region_path < :hi AND region_path >= :rl AND region_path < :rh "
                                 "AND (:s1 = '' OR status = :s2) AND (:so = 0 OR submitted_at > "
                                 "0) ORDER BY id DESC LIMIT 2",
               soci::use(sc.lo), soci::use(sc.hi), soci::use(rl), soci::use(rh),
               soci::use(f.status), soci::use(f.status), soci::use(f.submitted_only ? 1 : 0));
          for (const auto& row : rows) want_ids.push_back(row_int(row, 0));
        });
        ASSERT_EQ(got_ids, want_ids) << after << " page of " << sc.lo << " filter " << k;
      }
    }
  };
  check("inserts");
  EXPECT_EQ(counted(Scope{}, false)["draft"], 3);
  db_->write([&](Tx& tx) {
    // a draft submitted, a submission passed, a returned one resubmitted, a no-op update
    tx.sql << "UPDATE results SET status = 'submitted', submitted_at = 1780300000 WHERE id = :i",
        soci::use(ids[0]);
    tx.sql << "UPDATE results SET status = 'county_reviewed' WHERE id = :i", soci::use(ids[1]);
    tx.sql << "UPDATE results SET status = 'submitted' WHERE id = :i", soci::use(ids[3]);
    tx.sql << "UPDATE results SET updated_at = 99 WHERE id = :i", soci::use(ids[2]);
  });
  check("moves");
  std::string yinzhou = path_of("330212");
  db_->write([&](Tx& tx) {
    tx.sql << "UPDATE results SET region_path = :p WHERE id = :i", soci::use(yinzhou),
        soci::use(ids[4]);
    tx.sql << "UPDATE enterprises SET region_path = :p WHERE id = :i", soci::use(yinzhou),
        soci::use(ents[2].id);
    tx.sql << "DELETE FROM result_contents WHERE result_id = :i", soci::use(ids[5]);
    tx.sql << "DELETE FROM results WHERE id = :i", soci::use(ids[5]);
  });
  check("a region change and a deletion");
  // a write rolled back leaves the counters as they were
  try {
    db_->write([&](Tx& tx) {
      tx.sql << "UPDATE results SET status = 'published' WHERE id = :i", soci::use(ids[6]);
      throw std::runtime_error("undone");
    });
  } catch (const std::runtime_error&) {
  }
  check("a rolled-back write");
  // an enterprise counts its own rows only
  std::map<std::string, long long> own;
  db_->read([&](Tx& tx) {
    Scope sc{path_of(ents[0].region_code), path_of(ents[0].region_code) + "\x7f", ents[0].id};
    for (const auto& k : count_results_by_status(tx, sc, false)) own[k.key] = k.count;
  });
  long long own_total = 0;
  for (const auto& [k, n] : own) own_total += n;
  long long rows_of_first = 0;
  db_->read([&](Tx& tx) {
    // (one of its rows was moved to 鄞州 above: outside its scope now)
    std::string lo = path_of(ents[0].region_code), hi = lo + "\x7f";
    tx.sql << "SELECT COUNT(*) FROM results WHERE enterprise_id = :e AND region_path >= :lo AND "
              "region_path < :hi",
        soci::use(ents[0].id), soci::use(lo), soci::use(hi), soci::into(rows_of_first);
  });
  EXPECT_EQ(own_total, rows_of_first);
  // its own list: its rows only, newest first, with their total
  PageResult<EnterpriseResult> own_page;
  db_->read([&](Tx& tx) {
    Scope sc{path_of(ents[0].region_code), path_of(ents[0].region_code) + "\x7f", ents[0].id};
    own_page = list_results(tx, sc, ResultFilter{}, Page{1, 50});
  });
  EXPECT_EQ(own_page.total, rows_of_first);
  ASSERT_EQ(own_page.items.size(), static_cast<size_t>(rows_of_first));
  for (size_t i = 0; i < own_page.items.size(); ++i) {
    EXPECT_EQ(own_page.items[i].enterprise_id, ents[0].id);
    if (i > 0) EXPECT_LT(own_page.items[i].id, own_page.items[i - 1].id);
  }
  EXPECT_LT(own_total, static_cast<long long>(ids.size()) - 1)
      << "not the region's other enterprises";
}

// The latest moves of a wide scope start from a window of the newest events: whatever the window,
// the same events as a walk of the scope's results.
TEST_P(CampaignStoreTest, RecentActivityWindowFindsTheSameEventsAsTheScope) {
  long long by = make_user();
  const char* regions[] = {"330203", "330106", "110101", "330212", "330203"};
  std::vector<long long> ids;
  for (int i = 0; i < 5; ++i) {
    auto e = make_enterprise("91330203MA2H02" + std::to_string(10 + i) + "W" + std::to_string(i),
                             regions[i]);
    for (int k = 0; k < 2; ++k) ids.push_back(make_result(e, by, "submitted", "all_better"));
  }
  const char* actions[] = {"submit", "save", "pass", "return", "publish", "create"};
  db_->write([&](Tx& tx) {
    for (int i = 0; i < 60; ++i) {
      ResultEvent ev;
      ev.result_id = ids[(i * 7) % ids.size()];
      ev.at = 1780000000 + i;
      ev.actor_id = by;
      ev.actor_name = "用户" + std::to_string(i);
      ev.actor_role = "enterprise";
      ev.action = actions[i % 6];
      ev.to_status = "submitted";
      insert_result_event(tx, ev);
    }
  });
  auto names = [](const std::vector<ResultActivity>& v) {
    std::vector<std::string> out;
    for (const auto& a : v) out.push_back(a.actor_name + "/" + std::to_string(a.result_id));
    return out;
  };
  int compared = 0;
  for (std::string code : {"", "330000", "110000", "330200"}) {
    Scope sc = code.empty() ? Scope{} : Scope{path_of(code), path_of(code) + "\x7f", 0};
    for (int limit : {1, 3, 8, 40}) {
      std::vector<ResultActivity> whole;
      db_->read([&](Tx& tx) { whole = recent_result_activity(tx, sc, limit, 0); });
      ASSERT_FALSE(whole.empty()) << code;
      for (const auto& a : whole) ASSERT_NE(a.action, "save");
      for (long long w : {1, 3, 10, 25, 1000}) {
        std::vector<ResultActivity> windowed;
        db_->read([&](Tx& tx) { windowed = recent_result_activity(tx, sc, limit, w); });
        ASSERT_EQ(names(windowed), names(whole)) << code << " limit " << limit << " window " << w;
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 80);
}

// Migration 26 makes the SQLite result counters again (clustered by region, WITHOUT ROWID): the
// rows of a database at schema 25 come through as they were, and the triggers write the new table.
TEST(CounterMigration, ResultCountersComeThroughTheRebuildOfSchema26) {
  fs::path dir = fs::temp_directory_path() / ("duibiao-migration26-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto db = Database::open("sqlite:" + (dir / "t.db").string(), 2);
  ASSERT_EQ(migrate(*db, 25), 25);
  using Row = std::tuple<long long, std::string, std::string, std::string, int, std::string,
                         std::string, int, long long>;
  std::vector<Row> before;
  const char* statuses[] = {"draft", "submitted", "accepted"};
  for (int i = 0; i < 60; ++i)  // a key of its own per row: the industry code is the row's number
    before.emplace_back(1 + i % 2, i % 3 ? "330203" : "330200", i % 3 ? "330200" : "330000",
                        std::to_string(i), i % 2, statuses[i % 3], i % 5 ? "all_better" : "not_met",
                        i % 2, 1 + i);
  std::sort(before.begin(), before.end());
  db->write([&](Tx& tx) {
    for (const auto& [c, r, p, ind, b, st, ro, co, n] : before)
      tx.sql << "INSERT INTO campaign_result_counts (campaign_id, region_code, parent_code, "
                "industry_code, batch, status, rollup, compliant, n) VALUES (:c, :r, :p, :i, :b, "
                ":s, :ro, :co, :n)",
          soci::use(c), soci::use(r), soci::use(p), soci::use(ind), soci::use(b), soci::use(st),
          soci::use(ro), soci::use(co), soci::use(n);
  });
  ASSERT_EQ(migrate(*db), latest_schema_version());
  std::vector<Row> after;
  std::string ddl;
  db->read([&](Tx& tx) {
    soci::rowset<soci::row> rows =
        (tx.sql.prepare << "SELECT campaign_id, region_code, parent_code, industry_code, batch, "
                           "status, rollup, compliant, n FROM campaign_result_counts");
    for (const auto& row : rows)
      after.emplace_back(row_int(row, 0), row_str(row, 1), row_str(row, 2), row_str(row, 3),
                         static_cast<int>(row_int(row, 4)), row_str(row, 5), row_str(row, 6),
                         static_cast<int>(row_int(row, 7)), row_int(row, 8));
    tx.sql << "SELECT sql FROM sqlite_master WHERE name = 'campaign_result_counts'",
        soci::into(ddl);
  });
  std::sort(after.begin(), after.end());
  EXPECT_EQ(after, before);
  EXPECT_NE(ddl.find("WITHOUT ROWID"), std::string::npos) << ddl;
  db.reset();
  fs::remove_all(dir);
}

// Migration 27 on a database of schema 26: the result and month counters above each campaign's
// region go, those within it stay as they were (whatever the clustering of the new tables).
TEST(CounterMigration, CountersAboveTheirCampaignsRegionGoInSchema27) {
  fs::path dir = fs::temp_directory_path() / ("duibiao-migration27-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto db = Database::open("sqlite:" + (dir / "t.db").string(), 2);
  ASSERT_EQ(migrate(*db, 26), 26);
  load_reference_data(*db);
  long long national = 0, city = 0;
  db->write([&](Tx& tx) {
    User u;
    u.username = "office";
    u.display_name = "办公室";
    u.role = Role::kNationalOffice;
    u.created_at = u.updated_at = 1;
    long long by = insert_user(tx, u);
    for (auto [level, region, id] :
         {std::tuple{"national", "000000", &national}, std::tuple{"city", "330200", &city}}) {
      Campaign c;
      c.name = std::string("专项行动") + region;
      c.level = level;
      c.region_code = region;
      c.region_path = std::string(region) == "000000" ? "/" : "/330000/330200/";
      c.year = 2026;
      c.start_date = "2026-04-01";
      c.end_date = "2028-12-31";
      c.created_by = by;
      c.created_at = c.updated_at = 100;
      *id = insert_campaign(tx, c);
    }
  });
  // Each campaign counted at the county, city, province and nation (as schema 26 did).
  using Row = std::tuple<long long, std::string, std::string, long long>;
  std::vector<Row> results, months;
  const std::pair<const char*, const char*> levels[] = {
      {"330203", "330200"}, {"330200", "330000"}, {"330000", "000000"}, {"000000", ""}};
  for (long long c : {national, city})
    for (auto [region, parent] : levels) {
      results.emplace_back(c, region, parent, c * 10 + std::string(region).size());
      months.emplace_back(c, region, "2026-05", c * 100 + std::string(region).size());
    }
  db->write([&](Tx& tx) {
    for (const auto& [c, r, p, n] : results)
      tx.sql << "INSERT INTO campaign_result_counts (campaign_id, region_code, parent_code, "
                "industry_code, batch, status, rollup, compliant, n) VALUES (:c, :r, :p, '38', 0, "
                "'submitted', 'all_better', 1, :n)",
          soci::use(c), soci::use(r), soci::use(p), soci::use(n);
    for (const auto& [c, r, m, n] : months)
      tx.sql << "INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, n) "
                "VALUES (:c, :r, 'submitted', :m, :n)",
          soci::use(c), soci::use(r), soci::use(m), soci::use(n);
  });
  ASSERT_EQ(migrate(*db), latest_schema_version());
  std::vector<Row> results_after, months_after;
  db->read([&](Tx& tx) {
    soci::rowset<soci::row> rows = (tx.sql.prepare << "SELECT campaign_id, region_code, "
                                                      "parent_code, n FROM campaign_result_counts");
    for (const auto& row : rows)
      results_after.emplace_back(row_int(row, 0), row_str(row, 1), row_str(row, 2),
                                 row_int(row, 3));
    soci::rowset<soci::row> more = (tx.sql.prepare << "SELECT campaign_id, region_code, month, n "
                                                      "FROM campaign_month_counts");
    for (const auto& row : more)
      months_after.emplace_back(row_int(row, 0), row_str(row, 1), row_str(row, 2), row_int(row, 3));
  });
  // Kept: the national campaign everywhere, the city campaign at the city and its county.
  auto kept = [&](const Row& r) {
    return std::get<0>(r) == national || std::get<1>(r) == "330200" || std::get<1>(r) == "330203";
  };
  std::vector<Row> expected_results, expected_months;
  std::copy_if(results.begin(), results.end(), std::back_inserter(expected_results), kept);
  std::copy_if(months.begin(), months.end(), std::back_inserter(expected_months), kept);
  std::sort(results_after.begin(), results_after.end());
  std::sort(months_after.begin(), months_after.end());
  std::sort(expected_results.begin(), expected_results.end());
  std::sort(expected_months.begin(), expected_months.end());
  EXPECT_EQ(results_after, expected_results);
  EXPECT_EQ(months_after, expected_months);
  EXPECT_EQ(expected_results.size(), 6u);
  db.reset();
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, CampaignStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace duibiao
