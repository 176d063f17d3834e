// 领跑者 store: plans with indicators and the tier rule round-trip, optimistic versions, rounds
// unique per number, declarations scoped by region range and enterprise, one declaration per
// enterprise standard and round, and the public list joining published rounds only. SQLite and
// PostgreSQL.
#include <gtest/gtest.h>

#include "domain/region.h"
#include "store/leader_store.h"
#include "store/user_store.h"
#include "store_fixture.h"

namespace duibiao {
namespace {

class LeaderStoreTest : public StoreTest {
 protected:
  long long make_user() {
    User u;
    u.username = "tech" + std::to_string(++users_);
    u.display_name = "技术机构";
    u.role = Role::kTechnicalBody;
    u.created_at = u.updated_at = 1;
    long long id = 0;
    db_->write([&](Tx& tx) { id = insert_user(tx, u); });
    return id;
  }
  LeaderPlan plan(long long author) {
    LeaderPlan p;
    p.status = "draft";
    p.product = "洗衣机";
    p.author_id = author;
    p.evaluator = "中国标准化研究院";
    p.joint_evaluators = "甲\n乙";
    p.region_code = "330200";
    p.rule.cuts = {10, 40, 100};
    p.rule.leader_tiers = 1;
    p.rule.follower_tiers = 3;
    p.created_at = p.updated_at = 5;
    p.indicators = {{"洗净比", "", "higher", "≥0.70", "GB/T 4288-2018", ""},
                    {"噪声", "dB(A)", "lower", "≤62 dB(A)", "", "备注"}};
    db_->write([&](Tx& tx) {
      p.id = insert_leader_plan(tx, p, "洗衣机");
      replace_leader_indicators(tx, p.id, p.indicators);
    });
    return p;
  }
  LeaderDeclaration declaration(long long round, const Enterprise& e, const std::string& std_no) {
    LeaderDeclaration d;
    d.round_id = round;
    d.enterprise_id = e.id;
    d.enterprise_name = e.name;
    d.region_path = e.region_path;
    d.region_code = e.region_code;
    d.standard_number = std_no;
    d.values = {"≥0.85", "≤55 \"dB\""};
    d.created_at = d.updated_at = 7;
    db_->write([&](Tx& tx) {
      d.id = insert_leader_declaration(tx, d, to_lower_ascii(e.name + " " + std_no));
    });
    return d;
  }
  static std::string to_lower_ascii(std::string s) {
    for (auto& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  }
  int users_ = 0;
};

TEST_P(LeaderStoreTest, PlanRoundTripAndVersions) {
  long long author = make_user();
  LeaderPlan p = plan(author);
  std::optional<LeaderPlan> got;
  LeaderPlanVisibility mine{false, author};
  db_->read([&](Tx& tx) { got = find_leader_plan(tx, mine, p.id); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->rule.cuts, (std::vector<int>{10, 40, 100}));
  EXPECT_EQ(got->rule.follower_tiers, 3);
  EXPECT_EQ(got->joint_evaluators, "甲\n乙");
  ASSERT_EQ(got->indicators.size(), 2u);
  EXPECT_EQ(got->indicators[1].direction, "lower");
  EXPECT_EQ(got->indicators[1].baseline, "≤62 dB(A)");
  EXPECT_EQ(got->indicators[1].notes, "备注");
  // a draft is invisible to others; public statuses are not
  LeaderPlanVisibility other{false, author + 100};
  db_->read([&](Tx& tx) { EXPECT_FALSE(find_leader_plan(tx, other, p.id)); });
  LeaderPlan next = *got;
  next.status = "notice";
  next.version = 2;
  bool ok = false, stale = true;
  db_->write([&](Tx& tx) {
    ok = update_leader_plan(tx, next, "x", 1);
    stale = update_leader_plan(tx, next, "x", 1);
  });
  EXPECT_TRUE(ok);
  EXPECT_FALSE(stale);
  db_->read([&](Tx& tx) {
    auto seen = find_leader_plan(tx, other, p.id);
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->version, 2);
    auto list = list_leader_plans(tx, other, "", "notice", Page{1, 20});
    EXPECT_EQ(list.total, 1);
    EXPECT_EQ(list_leader_plans(tx, other, "", "draft", Page{1, 20}).total, 0);
  });
}

TEST_P(LeaderStoreTest, DeclarationsScopedAndListedOnlyWhenPublished) {
  long long author = make_user();
  LeaderPlan p = plan(author);
  LeaderRound r;
  r.plan_id = p.id;
  r.title = "第1轮";
  r.status = "declaring";
  r.created_at = r.updated_at = 6;
  db_->write([&](Tx& tx) { r.id = insert_leader_round(tx, r); });
  LeaderRound dup = r;
  EXPECT_THROW(db_->write([&](Tx& tx) { insert_leader_round(tx, dup); }), std::exception);
  Enterprise hs = make_enterprise("91330203MA2AGB001X", "330203");
  Enterprise jb = make_enterprise("91330205MA2AGB002X", "330205");
  LeaderDeclaration a = declaration(r.id, hs, "Q/HS 1-2020");
  LeaderDeclaration b = declaration(r.id, jb, "Q/JB 1-2020");
  EXPECT_THROW(declaration(r.id, hs, "Q/HS 1-2020"), std::exception);
  db_->read([&](Tx& tx) {
    EXPECT_EQ(list_leader_declarations(tx, Scope{}, r.id, Page{1, 20}).total, 2);
    auto own = list_leader_declarations(tx, scope_of("330203"), r.id, Page{1, 20});
    ASSERT_EQ(own.total, 1);
    EXPECT_EQ(own.items[0].id, a.id);
    EXPECT_EQ(own.items[0].values, (std::vector<std::string>{"≥0.85", "≤55 \"dB\""}));
    Scope ent = scope_of("330205");
    ent.enterprise_id = hs.id;  // wrong enterprise for the region: nothing
    EXPECT_EQ(list_leader_declarations(tx, ent, r.id, Page{1, 20}).total, 0);
    EXPECT_FALSE(find_leader_declaration(tx, scope_of("330205"), a.id));
    EXPECT_TRUE(find_leader_declaration(tx, scope_of("330200"), a.id));
    EXPECT_EQ(all_leader_declarations(tx, r.id).size(), 2u);
  });
  // listed but the round not published: not public
  a.status = "listed";
  a.level = "leader";
  a.version = 2;
  db_->write([&](Tx& tx) { EXPECT_TRUE(update_leader_declaration(tx, a, 1)); });
  db_->read([&](Tx& tx) { EXPECT_EQ(list_listed_entries(tx, "", "", 0, Page{1, 20}).total, 0); });
  r.status = "published";
  r.published_at = 9;
  r.version = 2;
  db_->write([&](Tx& tx) { EXPECT_TRUE(update_leader_round(tx, r, 1)); });
  db_->read([&](Tx& tx) {
    auto pub = list_listed_entries(tx, "", "", 0, Page{1, 20});
    ASSERT_EQ(pub.total, 1);
    EXPECT_EQ(pub.items[0].declaration.id, a.id);
    EXPECT_EQ(pub.items[0].product, "洗衣机");
    EXPECT_EQ(list_listed_entries(tx, "", "follower", 0, Page{1, 20}).total, 0);
    EXPECT_EQ(list_listed_entries(tx, "q/hs", "", 0, Page{1, 20}).total, 1);
    EXPECT_EQ(list_listed_entries(tx, "100%_", "", 0, Page{1, 20}).total, 0);
    EXPECT_EQ(list_listed_entries(tx, "", "", r.id + 1, Page{1, 20}).total, 0);
  });
  (void)b;
}

INSTANTIATE_TEST_SUITE_P(Backends, LeaderStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace duibiao
