// Planning indicators store: the preloaded Zhejiang tables, scope bound as parameters on reads and
// writes, upserts of yearly actuals and their deletion. SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <map>

#include "domain/planning.h"
#include "store/planning_store.h"
#include "store_fixture.h"

namespace duibiao {
namespace {

class PlanningStoreTest : public StoreTest {
 protected:
  std::vector<PlanningIndicator> all(const Scope& scope, const std::string& table = "") {
    PlanningFilter f{table};
    std::vector<PlanningIndicator> out;
    db_->read([&](Tx& tx) { out = list_planning_indicators(tx, scope, f, Page{1, 200}).items; });
    return out;
  }
  const PlanningIndicator* named(const std::vector<PlanningIndicator>& xs, const std::string& table,
                                 const std::string& name) {
    for (const auto& x : xs)
      if (x.table_no == table && x.name == name) return &x;
    return nullptr;
  }
};

TEST_P(PlanningStoreTest, ZhejiangTablesArePreloadedOnce) {
  auto zj = all(scope_of("330000"));
  ASSERT_EQ(zj.size(), 48u);
  EXPECT_EQ(all(scope_of("330000"), "表1-1").size(), 20u);
  EXPECT_EQ(all(scope_of("330000"), "表2-1").size(), 28u);
  // Ordered by table then the plan's order.
  EXPECT_EQ(zj.front().table_no, "表1-1");
  EXPECT_EQ(zj.front().name, "农产品质量安全监测合格率");
  EXPECT_EQ(zj.back().name, "马德里商标国际注册量（累计）");

  const auto* brand = named(zj, "表2-1", "“浙江制造精品”数量（累计）");
  ASSERT_TRUE(brand);
  EXPECT_EQ(brand->plan_name, "浙江省质量强省标准强省品牌强省建设“十四五”规划");
  EXPECT_EQ(brand->table_title, "质量强省、标准强省、品牌强省“十四五”规划主要指标");
  EXPECT_EQ(brand->category, "品牌建设");
  EXPECT_EQ(brand->unit, "项");
  EXPECT_EQ(brand->baseline_year, 2020);
  EXPECT_EQ(brand->baseline_text, "1238");
  EXPECT_EQ(brand->target_year, 2025);
  EXPECT_EQ(brand->target_text, "2500");
  EXPECT_EQ(brand->measure, "cumulative");
  EXPECT_EQ(brand->region_name, "浙江省");
  const auto* rate = named(zj, "表2-1", "制造业产品质量合格率");
  ASSERT_TRUE(rate);
  EXPECT_EQ(rate->target_text, "96以上");
  EXPECT_EQ(rate->measure, "level");
  const auto* trademarks = named(zj, "表2-1", "国内有效商标注册数（累计）");
  ASSERT_TRUE(trademarks);
  EXPECT_EQ(trademarks->unit, "万件");
  const auto* satisfaction = named(zj, "表1-1", "服务质量满意度");
  ASSERT_TRUE(satisfaction);
  EXPECT_EQ(satisfaction->unit, "");  // the plan gives no unit
  EXPECT_EQ(satisfaction->baseline_year, 2015);

  // 表1-1's completion column is its 2020 actual.
  std::vector<PlanningActual> actuals;
  db_->read([&](Tx& tx) { actuals = list_planning_actuals(tx, scope_of("330000"), {"表1-1"}); });
  ASSERT_EQ(actuals.size(), 20u);
  std::map<long long, PlanningActual> by_id;
  for (auto& a : actuals) by_id[a.indicator_id] = a;
  EXPECT_DOUBLE_EQ(by_id[satisfaction->id].value, 87.13);
  EXPECT_EQ(by_id[satisfaction->id].year, 2020);
  const auto* farm = named(zj, "表1-1", "农产品质量安全监测合格率");
  EXPECT_DOUBLE_EQ(by_id[farm->id].value, 98);
  EXPECT_NE(by_id[farm->id].note.find("98以上"), std::string::npos);
  db_->read([&](Tx& tx) {
    EXPECT_TRUE(list_planning_actuals(tx, scope_of("330000"), {"表2-1"}).empty());
  });

  // Loading again adds nothing.
  load_reference_data(*db_);
  EXPECT_EQ(all(scope_of("330000")).size(), 48u);
}

TEST_P(PlanningStoreTest, ScopeIsBoundOnReadsAndWrites) {
  auto zj = all(scope_of("330000"));
  const auto* ind = named(zj, "表2-1", "单项冠军企业数量（累计）");
  ASSERT_TRUE(ind);
  Scope hainan = scope_of("460000"), ningbo = scope_of("330200"), zhejiang = scope_of("330000");
  EXPECT_TRUE(all(hainan).empty());
  // The indicators live at the province: a city's subtree does not hold them.
  EXPECT_TRUE(all(ningbo).empty());
  db_->read([&](Tx& tx) {
    EXPECT_FALSE(find_planning_indicator(tx, hainan, ind->id));
    EXPECT_TRUE(find_planning_indicator(tx, zhejiang, ind->id));
    EXPECT_TRUE(find_planning_indicator(tx, Scope{}, ind->id));
  });

  PlanningActual a;
  a.indicator_id = ind->id;
  a.year = 2022;
  a.value = 150;
  a.note = "省经信厅数据";
  a.entered_by = 0;
  a.entered_by_name = "浙江省市场监管局";
  a.entered_at = 1700000000;
  db_->write([&](Tx& tx) { EXPECT_FALSE(put_planning_actual(tx, hainan, a)); });
  db_->read([&](Tx& tx) { EXPECT_FALSE(find_planning_actual(tx, zhejiang, ind->id, 2022)); });
  db_->write([&](Tx& tx) { EXPECT_TRUE(put_planning_actual(tx, zhejiang, a)); });
  db_->read([&](Tx& tx) {
    auto got = find_planning_actual(tx, zhejiang, ind->id, 2022);
    ASSERT_TRUE(got);
    EXPECT_DOUBLE_EQ(got->value, 150);
    EXPECT_EQ(got->note, "省经信厅数据");
    EXPECT_EQ(got->entered_by_name, "浙江省市场监管局");
    EXPECT_FALSE(find_planning_actual(tx, hainan, ind->id, 2022));
  });

  // The same year again replaces the value (one row per indicator and year).
  a.value = 162.5;
  a.note = "更正";
  db_->write([&](Tx& tx) { EXPECT_TRUE(put_planning_actual(tx, zhejiang, a)); });
  a.year = 2021;
  a.value = 130;
  db_->write([&](Tx& tx) { EXPECT_TRUE(put_planning_actual(tx, zhejiang, a)); });
  db_->read([&](Tx& tx) {
    auto xs = list_actuals_of(tx, zhejiang, ind->id);
    ASSERT_EQ(xs.size(), 2u);
    EXPECT_EQ(xs[0].year, 2021);
    EXPECT_EQ(xs[1].year, 2022);
    EXPECT_DOUBLE_EQ(xs[1].value, 162.5);
    EXPECT_EQ(xs[1].note, "更正");
    EXPECT_TRUE(list_actuals_of(tx, hainan, ind->id).empty());
    EXPECT_EQ(list_planning_actuals(tx, zhejiang, {"表2-1"}).size(), 2u);
    EXPECT_TRUE(list_planning_actuals(tx, hainan, {}).empty());
  });

  // Deleting: outside scope nothing happens; in scope the row goes, a second delete finds none.
  db_->write([&](Tx& tx) {
    EXPECT_FALSE(delete_planning_actual(tx, hainan, ind->id, 2022));
    EXPECT_TRUE(delete_planning_actual(tx, zhejiang, ind->id, 2022));
    EXPECT_FALSE(delete_planning_actual(tx, zhejiang, ind->id, 2022));
  });
  db_->read([&](Tx& tx) { EXPECT_EQ(list_actuals_of(tx, zhejiang, ind->id).size(), 1u); });
}

TEST_P(PlanningStoreTest, ValuesRoundTripExactly) {
  auto zj = all(scope_of("330000"), "表2-1");
  Scope zhejiang = scope_of("330000");
  const double values[] = {93.3, 0.1, 1e-7, 123456789.125, -2.5, 0};
  int year = 2020;
  for (double v : values) {
    PlanningActual a;
    a.indicator_id = zj[0].id;
    a.year = year++;
    a.value = v;
    a.entered_at = 1;
    db_->write([&](Tx& tx) { ASSERT_TRUE(put_planning_actual(tx, zhejiang, a)); });
  }
  std::vector<PlanningActual> xs;
  db_->read([&](Tx& tx) { xs = list_actuals_of(tx, zhejiang, zj[0].id); });
  ASSERT_EQ(xs.size(), 6u);
  for (size_t i = 0; i < xs.size(); ++i) EXPECT_EQ(xs[i].value, values[i]) << i;
}

TEST_P(PlanningStoreTest, PagingAndCounts) {
  Scope zhejiang = scope_of("330000");
  PageResult<PlanningIndicator> p;
  db_->read([&](Tx& tx) { p = list_planning_indicators(tx, zhejiang, {}, Page{2, 20}); });
  EXPECT_EQ(p.total, 48);
  ASSERT_EQ(p.items.size(), 20u);
  EXPECT_EQ(p.items.front().table_no, "表2-1");
  EXPECT_EQ(p.items.front().seq, 1);
  db_->read([&](Tx& tx) {
    EXPECT_EQ(count_planning_indicators(tx, "330000"), 48);
    EXPECT_EQ(count_planning_indicators(tx, "460000"), 0);
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanningStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace duibiao
