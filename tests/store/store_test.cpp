// Every store test runs on SQLite and, when DUIBIAO_TEST_PG names a PostgreSQL database
// (scripts/test starts one), on PostgreSQL too.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "domain/region.h"
#include "domain/text.h"
#include "store/audit_store.h"
#include "store/database.h"
#include "store/enterprise_store.h"
#include "store/migrations.h"
#include "store/plan_store.h"
#include "store/product_store.h"
#include "store/reference_data.h"
#include "store/reference_store.h"
#include "store/result_store.h"
#include "store/session_store.h"
#include "store/standard_store.h"
#include "store/user_store.h"
#include "store_fixture.h"

namespace duibiao {
namespace {

// A plan published by a technical body, for results to be made against.
Plan published_plan(Database& db) {
  User author;
  author.username = "tech";
  author.display_name = "技术机构";
  author.role = Role::kTechnicalBody;
  author.created_at = author.updated_at = 1;
  db.write([&](Tx& tx) { author.id = insert_user(tx, author); });
  Plan plan;
  plan.status = "published";
  plan.plan_number = "DBFA-2026-330200-0001";
  plan.product = "洗衣机";
  plan.author_id = author.id;
  plan.author_org = "院";
  plan.region_code = "330200";
  plan.created_at = plan.updated_at = 1;
  db.write([&](Tx& tx) { plan.id = insert_plan(tx, plan, ""); });
  return plan;
}

TEST_P(StoreTest, MigrationIsIdempotentAndVersioned) {
  EXPECT_EQ(schema_version(*db_), latest_schema_version());
  EXPECT_EQ(migrate(*db_), latest_schema_version());
  auto counts = load_reference_data(*db_);  // second load adds nothing
  EXPECT_GT(counts.regions, 3000);
  EXPECT_EQ(counts.industries, 20 + 97 + 15);
  if (db_->kind() == DbKind::kPostgresql) {
    long long n = 0;
    db_->read([&](Tx& tx) {
      tx.sql << "SELECT COUNT(*) FROM pg_indexes WHERE indexname IN ('standards_search_trgm', "
                "'plans_search_trgm')",
          soci::into(n);
    });
    EXPECT_EQ(n, 2) << "trigram indexes for search";
  }
}

TEST_P(StoreTest, RegionsFollowGbt2260) {
  db_->read([&](Tx& tx) {
    auto provinces = list_region_children(tx, "");
    EXPECT_EQ(provinces.size(), 31u);
    auto ningbo = find_region(tx, "330200");
    ASSERT_TRUE(ningbo);
    EXPECT_EQ(ningbo->name, "宁波市");
    EXPECT_EQ(ningbo->path, "/330000/330200/");
    auto children = list_region_children(tx, "330200");
    std::set<std::string> codes;
    for (auto& c : children) codes.insert(c.code);
    for (auto code : {"330203", "330205", "330206", "330211", "330212", "330213", "330225",
                      "330226", "330281", "330282", "330200Z01", "330200Z05"})
      EXPECT_TRUE(codes.count(code)) << code;
    auto wuzhishan = find_region(tx, "469001");
    ASSERT_TRUE(wuzhishan);
    EXPECT_EQ(wuzhishan->parent_code, "460000");  // province-administered: no city level
    EXPECT_EQ(wuzhishan->level, "county");
    auto dongcheng = find_region(tx, "110101");
    ASSERT_TRUE(dongcheng);
    EXPECT_EQ(dongcheng->parent_code, "110000");
    EXPECT_FALSE(find_region(tx, "4690").has_value());
    auto cluster = find_industry(tx, "ZJ02");
    ASSERT_TRUE(cluster);
    EXPECT_EQ(cluster->name, "汽车及零部件");
    EXPECT_EQ(cluster->members, std::vector<std::string>{"36"});
  });
}

TEST_P(StoreTest, EnterpriseScopeIsBoundByRegionPath) {
  auto haishu = make_enterprise("91330203MA2H000001", "330203");
  auto jiangbei = make_enterprise("91330205MA2H000002", "330205");
  db_->read([&](Tx& tx) {
    EXPECT_TRUE(find_enterprise(tx, scope_of("330203"), haishu.id));
    EXPECT_FALSE(find_enterprise(tx, scope_of("330205"), haishu.id));
    EXPECT_TRUE(find_enterprise(tx, scope_of("330200"), haishu.id));
    EXPECT_FALSE(find_enterprise(tx, scope_of("330100"), haishu.id));
    EXPECT_TRUE(find_enterprise(tx, scope_of("330000"), jiangbei.id));
    EXPECT_TRUE(find_enterprise(tx, Scope{}, jiangbei.id));
    Scope own = scope_of("330203");
    own.enterprise_id = haishu.id;
    EXPECT_TRUE(find_enterprise(tx, own, haishu.id));
    auto list = list_enterprises(tx, scope_of("330205"), {}, Page{});
    ASSERT_EQ(list.total, 1);
    EXPECT_EQ(list.items[0].id, jiangbei.id);
    EXPECT_EQ(list.items[0].region_name, "江北区");
    EXPECT_EQ(list.items[0].flags, (std::vector<std::string>{"little_giant", "gazelle"}));
    auto all = list_enterprises(tx, Scope{}, {}, Page{});
    EXPECT_EQ(all.total, 2);
  });
}

TEST_P(StoreTest, EnterpriseSearchEscapesLikeWildcards) {
  make_enterprise("91330203MA2H000001", "330203");
  db_->read([&](Tx& tx) {
    EXPECT_EQ(list_enterprises(tx, Scope{}, {"企业9133", ""}, Page{}).total, 1);
    EXPECT_EQ(list_enterprises(tx, Scope{}, {"MA2H000001", ""}, Page{}).total, 1);
    EXPECT_EQ(list_enterprises(tx, Scope{}, {"%", ""}, Page{}).total, 0);
    EXPECT_EQ(list_enterprises(tx, Scope{}, {"_", ""}, Page{}).total, 0);
    EXPECT_EQ(list_enterprises(tx, Scope{}, {"' OR 1=1 --", ""}, Page{}).total, 0);
  });
}

TEST_P(StoreTest, DuplicateCreditCodeIsAConstraintViolation) {
  make_enterprise("91330203MA2H000001", "330203");
  try {
    make_enterprise("91330203MA2H000001", "330205");
    FAIL() << "expected a constraint violation";
  } catch (const std::exception& e) {
    EXPECT_TRUE(is_constraint_violation(e)) << e.what();
  }
  db_->read([&](Tx& tx) {
    EXPECT_TRUE(credit_code_taken(tx, "91330203MA2H000001"));
    EXPECT_EQ(list_enterprises(tx, Scope{}, {}, Page{}).total, 1);  // rolled back
  });
}

TEST_P(StoreTest, UsersSessionsAndAudit) {
  auto haishu = make_enterprise("91330203MA2H000001", "330203");
  User u;
  u.username = "haishu_user";
  u.display_name = "李四";
  u.password_hash = "x";
  u.role = Role::kEnterprise;
  u.region_code = haishu.region_code;
  u.region_path = haishu.region_path;
  u.enterprise_id = haishu.id;
  u.created_at = u.updated_at = 1;
  User reg;
  reg.username = "jiangbei_reg";
  reg.display_name = "王五";
  reg.password_hash = "x";
  reg.role = Role::kCountyRegulator;
  reg.region_code = "330205";
  db_->read([&](Tx& tx) { reg.region_path = find_region(tx, "330205")->path; });
  db_->write([&](Tx& tx) {
    u.id = insert_user(tx, u);
    reg.id = insert_user(tx, reg);
    insert_session(tx, {"hash1", u.id, "csrf1", 10, 100}, "127.0.0.1");
    AuditEntry a;
    a.at = 5;
    a.actor_id = u.id;
    a.action = "create";
    a.entity = "enterprise";
    a.region_path = haishu.region_path;
    a.enterprise_id = haishu.id;
    a.after_json = "{}";
    insert_audit(tx, a);
  });
  db_->read([&](Tx& tx) {
    EXPECT_TRUE(username_taken(tx, "haishu_user"));
    auto found = find_session_with_user(tx, "hash1", 50);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->second.username, "haishu_user");
    EXPECT_EQ(found->second.region_name, "海曙区");
    EXPECT_EQ(found->first.csrf_token, "csrf1");
    EXPECT_FALSE(find_session_with_user(tx, "hash1", 100));  // expired
    EXPECT_TRUE(find_user(tx, scope_of("330203"), u.id));
    EXPECT_FALSE(find_user(tx, scope_of("330205"), u.id));
    EXPECT_EQ(list_users(tx, scope_of("330200"), {}, Page{}).total, 2);
    EXPECT_EQ(list_users(tx, scope_of("330200"), {"", "county_regulator"}, Page{}).total, 1);
    EXPECT_EQ(list_audit(tx, scope_of("330203"), {}, Page{}).total, 1);
    EXPECT_EQ(list_audit(tx, scope_of("330205"), {}, Page{}).total, 0);
    Scope other = scope_of("330203");
    other.enterprise_id = haishu.id + 1;
    EXPECT_EQ(list_audit(tx, other, {}, Page{}).total, 0);
  });
  db_->write([&](Tx& tx) {
    record_login_attempt(tx, "haishu_user", "1.2.3.4", 100, false);
    record_login_attempt(tx, "haishu_user", "1.2.3.4", 101, false);
    record_login_attempt(tx, "haishu_user", "1.2.3.4", 50, false);
  });
  db_->read([&](Tx& tx) {
    EXPECT_EQ(count_failed_logins_for_user(tx, "haishu_user", 90), 2);
    EXPECT_EQ(count_failed_logins_for_addr(tx, "1.2.3.4", 0), 3);
    EXPECT_EQ(last_failed_login_for_user(tx, "haishu_user", 0), 101);
  });
}

TEST_P(StoreTest, PreparedReadsSeeLaterWrites) {
  // The hot-path lookups reuse prepared statements per connection; a statement left mid-result
  // would pin an old snapshot. Read, write, read again, many times over the pool.
  auto haishu = make_enterprise("91330203MA2H000001", "330203");
  User u;
  u.username = "snap_user";
  u.display_name = "v0";
  u.password_hash = "x";
  u.role = Role::kEnterprise;
  u.region_code = haishu.region_code;
  u.region_path = haishu.region_path;
  u.enterprise_id = haishu.id;
  db_->write([&](Tx& tx) {
    u.id = insert_user(tx, u);
    insert_session(tx, {"snaphash", u.id, "csrf", 1, 1000}, "");
  });
  for (int i = 1; i <= 20; ++i) {
    // The write runs on another connection while this one is leased; the pool hands this
    // connection out again next, so a pinned snapshot would show the old name.
    db_->read([&](Tx& tx) {
      EXPECT_EQ(find_session_with_user(tx, "snaphash", 5)->second.display_name,
                "v" + std::to_string(i - 1));
      db_->write([&](Tx& w) { update_user_profile(w, u.id, "v" + std::to_string(i), false, i); });
    });
    db_->read([&](Tx& tx) {
      EXPECT_EQ(find_session_with_user(tx, "snaphash", 5)->second.display_name,
                "v" + std::to_string(i));
      EXPECT_FALSE(find_session_with_user(tx, "nohash", 5).has_value());
      EXPECT_TRUE(find_enterprise(tx, Scope{}, haishu.id).has_value());
      EXPECT_FALSE(find_enterprise(tx, scope_of("330205"), haishu.id).has_value());
    });
  }
  db_->write([&](Tx& tx) { delete_session(tx, "snaphash"); });
  db_->read([&](Tx& tx) { EXPECT_FALSE(find_session_with_user(tx, "snaphash", 5).has_value()); });
}

TEST_P(StoreTest, StandardsCatalogSearchAndAdvancedList) {
  auto add = [&](const std::string& number, const std::string& kind, const std::string& title) {
    Standard s;
    s.normalized = s.as_written = number;
    s.kind = kind;
    s.prefix = "GB";
    s.standard_key = number;
    s.title_zh = title;
    s.status = "current";
    s.created_at = s.updated_at = 1;
    long long id = 0;
    db_->write([&](Tx& tx) { id = insert_standard(tx, s, number + " " + title); });
    return id;
  };
  long long a = add("GB 4706.1-2005", "national", "家用电器安全");
  long long b = add("IEC 60335-1:2020", "international", "家用电器 安全 通用要求");
  add("GB/T 19001-2016", "national", "质量管理体系");
  db_->write([&](Tx& tx) {
    add_advanced_field(tx, b, "家用电器", 2);
    add_advanced_field(tx, b, "家用电器", 3);  // idempotent
    add_advanced_field(tx, a, "电机", 2);
  });
  db_->read([&](Tx& tx) {
    EXPECT_EQ(list_standards(tx, {"电", "", "", "", false}, Page{}).total, 2);
    EXPECT_EQ(list_standards(tx, {"质量", "", "", "", false}, Page{}).total, 1);
    EXPECT_EQ(list_standards(tx, {"", "international", "", "", false}, Page{}).total, 1);
    EXPECT_EQ(list_standards(tx, {"", "", "", "家用电器", false}, Page{}).total, 1);
    EXPECT_EQ(list_standards(tx, {"", "", "", "", true}, Page{}).total, 2);
    EXPECT_EQ(list_standards(tx, {"%", "", "", "", false}, Page{}).total, 0);
    auto page = list_standards(tx, {"", "", "", "", false}, Page{2, 2});
    EXPECT_EQ(page.total, 3);
    ASSERT_EQ(page.items.size(), 1u);
    auto found = find_standard(tx, b);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->advanced_fields, std::vector<std::string>{"家用电器"});
    EXPECT_TRUE(find_standard_by_number(tx, "GB/T 19001-2016"));
    // each listed standard with its own fields (the page's fields come in one query)
    for (const auto& item : list_standards(tx, {"", "", "", "", false}, Page{}).items)
      EXPECT_EQ(item.advanced_fields, find_standard(tx, item.id)->advanced_fields) << item.id;
    EXPECT_EQ(find_standard(tx, a)->advanced_fields, std::vector<std::string>{"电机"});
    auto counts = advanced_field_counts(tx);
    ASSERT_EQ(counts.size(), 2u);
  });
  try {
    add("GB 4706.1-2005", "national", "重复");
    FAIL() << "duplicate number accepted";
  } catch (const std::exception& e) {
    EXPECT_TRUE(is_constraint_violation(e)) << e.what();
  }
  // Search follows edits (SQLite keeps its FTS5 index in step through triggers).
  db_->write([&](Tx& tx) {
    auto s = *find_standard(tx, a);
    s.title_zh = "电动洗衣机安全";
    update_standard(tx, s, "gb 4706.1-2005 电动洗衣机安全");
  });
  db_->read([&](Tx& tx) {
    EXPECT_EQ(list_standards(tx, {"洗衣机", "", "", "", false}, Page{}).total, 1);
    EXPECT_EQ(list_standards(tx, {"家用电器安全", "", "", "", false}, Page{}).total, 0);
    EXPECT_EQ(list_standards(tx, {"4706.1", "", "", "", false}, Page{}).total, 1);
  });
  db_->write([&](Tx& tx) { remove_advanced_field(tx, b, "家用电器"); });
  db_->read([&](Tx& tx) { EXPECT_TRUE(find_standard(tx, b)->advanced_fields.empty()); });
}

TEST_P(StoreTest, PlansVisibilitySequencesAndContent) {
  User author;
  author.username = "plan_author";
  author.display_name = "技术机构";
  author.password_hash = "x";
  author.role = Role::kTechnicalBody;
  db_->write([&](Tx& tx) { author.id = insert_user(tx, author); });
  auto make = [&](const std::string& status, const std::string& product) {
    Plan p;
    p.status = status;
    p.product = product;
    p.author_id = author.id;
    p.author_org = "院";
    p.region_code = "330200";
    p.created_at = p.updated_at = 1;
    p.standards = {{"domestic", "GB 4706.1-2005", "安全"}, {"benchmark", "IEC 60335-1:2020", ""}};
    p.indicators = {
        {"噪声", "dB(A)", "≤62", "≤65", "", "", true, false, false, false, "", "better", "r"}};
    db_->write([&](Tx& tx) {
      p.id = insert_plan(tx, p, to_lower_ascii(product));
      replace_plan_content(tx, p.id, p.standards, p.indicators);
    });
    return p;
  };
  auto draft = make("draft", "洗衣机");
  auto published = make("published", "电冰箱");
  auto consultation = make("consultation", "空调");
  // Different content per plan, so that a page loaded in one query cannot mix them up.
  consultation.standards = {{"domestic", "GB 21455-2019", "能效"},
                            {"benchmark", "IEC 60335-1:2020", ""}};
  consultation.indicators = {
      {"能效比", "", "≥3.2", "≥3.5", "", "", false, false, false, true, "", "gap", "差"},
      {"噪声", "dB(A)", "≤45", "≤42", "", "", true, false, false, false, "", "gap", "r"}};
  db_->write([&](Tx& tx) {
    replace_plan_content(tx, consultation.id, consultation.standards, consultation.indicators);
  });
  PlanVisibility anon;
  PlanVisibility logged;
  logged.internal_statuses = true;
  logged.author_id = 999;
  PlanVisibility own = logged;
  own.author_id = author.id;
  PlanVisibility all;
  all.everything = true;
  db_->read([&](Tx& tx) {
    EXPECT_FALSE(find_plan(tx, anon, draft.id));
    EXPECT_FALSE(find_plan(tx, logged, draft.id));
    EXPECT_TRUE(find_plan(tx, own, draft.id));
    EXPECT_TRUE(find_plan(tx, all, draft.id));
    EXPECT_EQ(list_plans(tx, anon, {}, Page{}).total, 1);
    EXPECT_EQ(list_plans(tx, logged, {}, Page{}).total, 2);
    EXPECT_EQ(list_plans(tx, own, {}, Page{}).total, 3);
    EXPECT_EQ(list_plans(tx, all, {"冰箱", "", "", ""}, Page{}).total, 1);
    EXPECT_EQ(list_plans(tx, all, {"", "", "IEC 60335-1:2020", ""}, Page{}).total, 3);
    EXPECT_EQ(list_plans(tx, all, {"", "draft", "", ""}, Page{}).total, 1);
    auto p = find_plan(tx, anon, published.id);
    ASSERT_TRUE(p);
    ASSERT_EQ(p->standards.size(), 2u);
    EXPECT_EQ(p->standards[1].number, "IEC 60335-1:2020");
    ASSERT_EQ(p->indicators.size(), 1u);
    EXPECT_TRUE(p->indicators[0].core);
    EXPECT_EQ(p->indicators[0].verdict, "better");
    // A listed page carries each plan's own standards and indicators (loaded for the whole page
    // at once), the same as a plan found alone.
    auto listed = list_plans(tx, all, {}, Page{});
    ASSERT_EQ(listed.items.size(), 3u);
    for (const auto& item : listed.items) {
      auto alone = find_plan(tx, all, item.id);
      ASSERT_TRUE(alone);
      ASSERT_EQ(item.standards.size(), alone->standards.size()) << item.id;
      for (size_t i = 0; i < item.standards.size(); ++i) {
        EXPECT_EQ(item.standards[i].number, alone->standards[i].number);
        EXPECT_EQ(item.standards[i].role, alone->standards[i].role);
      }
      ASSERT_EQ(item.indicators.size(), alone->indicators.size()) << item.id;
      for (size_t i = 0; i < item.indicators.size(); ++i) {
        EXPECT_EQ(item.indicators[i].name, alone->indicators[i].name);
        EXPECT_EQ(item.indicators[i].environment, alone->indicators[i].environment);
        EXPECT_EQ(item.indicators[i].verdict_reason, alone->indicators[i].verdict_reason);
      }
      EXPECT_EQ(item.indicators.size(), item.id == consultation.id ? 2u : 1u);
    }
  });
  db_->write([&](Tx& tx) {
    EXPECT_EQ(next_plan_sequence(tx, "DBFA-2026-330200"), 1);
    EXPECT_EQ(next_plan_sequence(tx, "DBFA-2026-330200"), 2);
    EXPECT_EQ(next_plan_sequence(tx, "DBFA-2026-000000"), 1);
    PlanObjection o{0, author.id, "张三", "异议", 5, "", 0};
    long long oid = insert_objection(tx, published.id, o);
    EXPECT_TRUE(answer_objection(tx, published.id, oid, "答复", 6));
    EXPECT_FALSE(answer_objection(tx, draft.id, oid, "wrong plan", 6));
    insert_plan_event(tx, published.id,
                      {0, 7, author.id, "技术机构", "publish", "notice", "published", ""});
  });
  db_->read([&](Tx& tx) {
    auto objections = list_objections(tx, published.id);
    ASSERT_EQ(objections.size(), 1u);
    EXPECT_EQ(objections[0].answer, "答复");
    EXPECT_EQ(list_plan_events(tx, published.id).size(), 1u);
  });
}

TEST_P(StoreTest, ProductsAreScopedForReadsAndWrites) {
  auto hs = make_enterprise("91330203MA2H000001", "330203");
  auto jb = make_enterprise("91330205MA2H000002", "330205");
  Product p;
  p.enterprise_id = hs.id;
  p.region_path = hs.region_path;
  p.name = "洗衣机";
  p.standards = {"GB 4706.24-2008", "GB/T 4288-2018"};
  p.created_at = p.updated_at = 1;
  db_->write([&](Tx& tx) { p.id = insert_product(tx, p); });
  Scope own_hs = scope_of("330203");
  own_hs.enterprise_id = hs.id;
  Scope own_jb = scope_of("330205");
  own_jb.enterprise_id = jb.id;
  db_->read([&](Tx& tx) {
    auto found = find_product(tx, own_hs, p.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->standards, p.standards);
    EXPECT_EQ(found->enterprise_name, hs.name);
    EXPECT_FALSE(find_product(tx, own_jb, p.id));
    EXPECT_TRUE(find_product(tx, scope_of("330200"), p.id));
    EXPECT_EQ(list_products(tx, scope_of("330205"), {}, Page{}).total, 0);
    EXPECT_EQ(list_products(tx, Scope{}, {"洗衣", 0, false}, Page{}).total, 1);
  });
  // A write with another enterprise's scope changes nothing.
  db_->write([&](Tx& tx) {
    Product other = p;
    other.name = "hijacked";
    update_product(tx, own_jb, other);
    set_product_selected(tx, own_jb, p.id, true, 2);
    delete_product(tx, own_jb, p.id);
  });
  db_->read([&](Tx& tx) {
    auto found = find_product(tx, Scope{}, p.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, "洗衣机");
    EXPECT_FALSE(found->selected);
    EXPECT_EQ(count_selected_products(tx, hs.id), 0);
  });
  db_->write([&](Tx& tx) { set_product_selected(tx, own_hs, p.id, true, 3); });
  db_->read([&](Tx& tx) {
    EXPECT_EQ(count_selected_products(tx, hs.id), 1);
    EXPECT_EQ(list_products(tx, own_hs, {"", 0, true}, Page{}).total, 1);
  });
}

TEST_P(StoreTest, ResultsAreScopedVersionedAndTheirHistoryIsAppendOnly) {
  auto hs = make_enterprise("91330203MA2H000001", "330203");
  auto jb = make_enterprise("91330205MA2H000002", "330205");
  Plan plan = published_plan(*db_);
  Product product;
  product.enterprise_id = hs.id;
  product.region_path = hs.region_path;
  product.name = "滚筒洗衣机";
  product.created_at = product.updated_at = 1;
  db_->write([&](Tx& tx) { product.id = insert_product(tx, product); });
  EnterpriseResult r;
  r.code = "ABCDEFGH12";
  r.enterprise_id = hs.id;
  r.region_path = hs.region_path;
  r.product_id = product.id;
  r.plan_id = plan.id;
  r.plan_number = plan.plan_number;
  r.status = "draft";
  r.content.enterprise_standard = "Q/NBHS 001-2020";
  r.content.entries = {{"≥0.85", "0.88", "BG-1", "检验院", "2026-05-12", "", "", ""}};
  r.search_text = "滚筒洗衣机 dbfa-2026-330200-0001";
  r.created_at = r.updated_at = 10;
  db_->write([&](Tx& tx) { r.id = insert_result(tx, r); });
  Scope own_hs = scope_of("330203");
  own_hs.enterprise_id = hs.id;
  Scope own_jb = scope_of("330205");
  own_jb.enterprise_id = jb.id;
  db_->read([&](Tx& tx) {
    auto found = find_result(tx, own_hs, r.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->enterprise_name, hs.name);
    EXPECT_EQ(found->product_name, "滚筒洗衣机");
    EXPECT_EQ(found->plan_product, "洗衣机");
    ASSERT_EQ(found->content.entries.size(), 1u);
    EXPECT_EQ(found->content.entries[0].measured_value, "0.88");
    EXPECT_FALSE(find_result(tx, own_jb, r.id));
    EXPECT_FALSE(find_result(tx, scope_of("330205"), r.id));
    EXPECT_TRUE(find_result(tx, scope_of("330200"), r.id));
    EXPECT_FALSE(find_published_result(tx, r.code)) << "a draft is not public";
    EXPECT_TRUE(result_exists_for(tx, product.id, plan.plan_number));
    ResultFilter submitted;
    submitted.submitted_only = true;
    EXPECT_EQ(list_results(tx, scope_of("330203"), submitted, Page{}).total, 0);
    EXPECT_EQ(list_results(tx, own_hs, {}, Page{}).total, 1);
  });
  // Another enterprise's scope, or a stale version, writes nothing.
  db_->write([&](Tx& tx) {
    EnterpriseResult other = r;
    other.content.conclusion = "hijacked";
    EXPECT_FALSE(update_result_content(tx, own_jb, other, 1));
    EXPECT_FALSE(update_result_content(tx, own_hs, other, 7));
    EXPECT_FALSE(move_result(tx, own_jb, other, 1));
  });
  // Submit: status, stage and version move together once.
  EnterpriseResult moved = r;
  moved.status = "submitted";
  moved.stage = "county";
  moved.stage_region = "330203";
  moved.stage_since = moved.submitted_at = 20;
  db_->write([&](Tx& tx) {
    EXPECT_TRUE(move_result(tx, own_hs, moved, 1));
    EXPECT_FALSE(move_result(tx, own_hs, moved, 1)) << "the same version twice: stale";
    insert_result_event(tx, {0, r.id, 20, 1, "企业", "enterprise", "", "submit", "draft",
                             "submitted", "county", "", "[]", "{}"});
    EXPECT_FALSE(update_result_content(tx, own_hs, moved, 2)) << "submitted results are locked";
    EXPECT_FALSE(delete_draft_result(tx, own_hs, r.id));
  });
  db_->read([&](Tx& tx) {
    auto found = find_result(tx, Scope{}, r.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->version, 2);
    EXPECT_EQ(found->status, "submitted");
    EXPECT_TRUE(found->content.conclusion.empty());
    ResultFilter queue;
    queue.queue = true;
    queue.queue_stage = "county";
    queue.queue_region = "330203";
    queue.queue_region_path = hs.region_path;
    auto page = list_results(tx, scope_of("330203"), queue, Page{});
    EXPECT_EQ(page.total, 1);
    EXPECT_EQ(page.items.size(), 1u);
    // A queue region outside the caller's scope counts and lists nothing.
    EXPECT_EQ(list_results(tx, scope_of("330205"), queue, Page{}).total, 0);
    EXPECT_TRUE(list_results(tx, scope_of("330205"), queue, Page{}).items.empty());
    queue.status = "submitted";  // with a filter: the general queue query
    EXPECT_EQ(list_results(tx, scope_of("330203"), queue, Page{}).total, 1);
    EXPECT_EQ(list_results(tx, scope_of("330205"), queue, Page{}).total, 0);
    queue.status.clear();
    queue.queue_region = "330205";
    queue.queue_region_path = jb.region_path;
    EXPECT_EQ(list_results(tx, scope_of("330200"), queue, Page{}).total, 0);
    ResultFilter overdue;
    overdue.overdue_before = 21;
    EXPECT_EQ(list_results(tx, Scope{}, overdue, Page{}).total, 1);
    overdue.overdue_before = 20;
    EXPECT_EQ(list_results(tx, Scope{}, overdue, Page{}).total, 0);
    ResultFilter text;
    text.q = "滚筒洗衣";  // FTS (≥ 3 characters) on SQLite, LIKE on PostgreSQL
    EXPECT_EQ(list_results(tx, Scope{}, text, Page{}).total, 1);
    text.q = "滚筒";  // LIKE everywhere
    EXPECT_EQ(list_results(tx, Scope{}, text, Page{}).total, 1);
    text.q = "冰箱";
    EXPECT_EQ(list_results(tx, Scope{}, text, Page{}).total, 0);
    EXPECT_EQ(list_result_events(tx, r.id).size(), 1u);
    EXPECT_EQ(latest_submission_snapshots(tx, r.id, 2), std::vector<std::string>{"{}"});
  });
  // The database refuses to change or remove history.
  EXPECT_ANY_THROW(db_->write([&](Tx& tx) { tx.sql << "UPDATE result_events SET comment = 'x'"; }));
  EXPECT_ANY_THROW(db_->write([&](Tx& tx) { tx.sql << "DELETE FROM result_events"; }));
  db_->read([&](Tx& tx) {
    auto events = list_result_events(tx, r.id);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].comment, "");
  });
  // Uploads are per enterprise; the same file twice is one row.
  Upload u{0, std::string(64, 'a'), hs.id, hs.region_path, 10, "application/pdf", "r.pdf", 1, 1};
  db_->write([&](Tx& tx) {
    insert_upload(tx, u);
    insert_upload(tx, u);
  });
  db_->read([&](Tx& tx) {
    EXPECT_TRUE(find_upload(tx, own_hs, u.hash));
    EXPECT_FALSE(find_upload(tx, own_jb, u.hash));
    EXPECT_TRUE(find_upload(tx, scope_of("330200"), u.hash));
    long long n = 0;
    tx.sql << "SELECT COUNT(*) FROM uploads", soci::into(n);
    EXPECT_EQ(n, 1);
  });
}

// A county office's work queue page by page: every page (on PostgreSQL the page and its total
// come from one statement), including one past the end, carries the queue's total, and the pages
// together are the queue in waiting order (ties by id).
TEST_P(StoreTest, QueuePagesCarryTheQueueTotalInWaitingOrder) {
  auto hs = make_enterprise("91330203MA2H000001", "330203");
  Plan plan = published_plan(*db_);
  const long long waiting_since[] = {50, 30, 30, 70, 10};
  std::vector<std::pair<long long, long long>> expected;  // (stage_since, id)
  for (int i = 0; i < 5; ++i) {
    Product product;
    product.enterprise_id = hs.id;
    product.region_path = hs.region_path;
    product.name = "洗衣机" + std::to_string(i);
    product.created_at = product.updated_at = 1;
    EnterpriseResult r;
    r.code = "QUEUE0000" + std::to_string(i);
    r.enterprise_id = hs.id;
    r.region_path = hs.region_path;
    r.plan_id = plan.id;
    r.plan_number = plan.plan_number;
    r.status = "submitted";
    r.stage = "county";
    r.stage_region = "330203";
    r.stage_since = r.submitted_at = waiting_since[i];
    r.created_at = r.updated_at = 1;
    db_->write([&](Tx& tx) {
      r.product_id = product.id = insert_product(tx, product);
      r.id = insert_result(tx, r);
    });
    expected.emplace_back(r.stage_since, r.id);
  }
  std::sort(expected.begin(), expected.end());
  ResultFilter queue;
  queue.queue = true;
  queue.queue_stage = "county";
  queue.queue_region = "330203";
  queue.queue_region_path = hs.region_path;
  db_->read([&](Tx& tx) {
    std::vector<long long> seen;
    for (int p = 1; p <= 4; ++p) {
      auto page = list_results(tx, scope_of("330203"), queue, Page{p, 2});
      EXPECT_EQ(page.total, 5) << "page " << p;
      EXPECT_EQ(page.items.size(), p < 3 ? 2u : p == 3 ? 1u : 0u) << "page " << p;
      for (const auto& item : page.items) seen.push_back(item.id);
    }
    std::vector<long long> want;
    for (const auto& [since, id] : expected) want.push_back(id);
    EXPECT_EQ(seen, want);
    auto outside = list_results(tx, scope_of("330205"), queue, Page{1, 2});
    EXPECT_EQ(outside.total, 0);
    EXPECT_TRUE(outside.items.empty());
    Scope own = scope_of("330203");
    own.enterprise_id = hs.id + 1000;  // another enterprise's own scope sees none of them
    EXPECT_EQ(list_results(tx, own, queue, Page{1, 2}).total, 0);
  });
  // Moves out of the queue (returned), to the next office, a rolled-back move, a deletion: the
  // counted total (migration 25) follows the rows.
  auto total = [&](const std::string& stage, const std::string& region, const std::string& path) {
    ResultFilter f;
    f.queue = true;
    f.queue_stage = stage;
    f.queue_region = region;
    f.queue_region_path = path;
    long long n = 0;
    db_->read([&](Tx& tx) { n = list_results(tx, scope_of(region), f, Page{1, 2}).total; });
    return n;
  };
  std::string city_path;
  db_->read([&](Tx& tx) { city_path = find_region(tx, "330200")->path; });
  db_->write([&](Tx& tx) {
    tx.sql
        << "UPDATE results SET status = 'returned', stage = '', stage_region = '' WHERE id = :id",
        soci::use(expected[0].second);
    tx.sql << "UPDATE results SET status = 'county_reviewed', stage = 'city', stage_region = "
              "'330200' WHERE id = :id",
        soci::use(expected[1].second);
  });
  EXPECT_THROW(db_->write([&](Tx& tx) {
    tx.sql << "UPDATE results SET stage = '' WHERE id = :id", soci::use(expected[2].second);
    throw std::runtime_error("refused");
  }),
               std::runtime_error);
  EXPECT_EQ(total("county", "330203", hs.region_path), 3);
  EXPECT_EQ(total("city", "330200", city_path), 1);
  db_->write([&](Tx& tx) {
    tx.sql << "DELETE FROM result_contents WHERE result_id = :id", soci::use(expected[3].second);
    tx.sql << "DELETE FROM results WHERE id = :id", soci::use(expected[3].second);
  });
  EXPECT_EQ(total("county", "330203", hs.region_path), 2);
  db_->read([&](Tx& tx) {
    long long counted = 0, recount = 0;
    tx.sql << "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM queue_counts", soci::into(counted);
    tx.sql << "SELECT COUNT(*) FROM results WHERE stage <> ''", soci::into(recount);
    EXPECT_EQ(counted, recount);
  });
}

TEST_P(StoreTest, FailedTransactionLeavesNothing) {
  EXPECT_THROW(db_->write([&](Tx& tx) {
    set_setting(tx, "k", "v");
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  db_->read([&](Tx& tx) { EXPECT_FALSE(get_setting(tx, "k").has_value()); });
}

TEST_P(StoreTest, SqliteOnlineBackup) {
  if (db_->kind() != DbKind::kSqlite) GTEST_SKIP() << "pg_dump is used for PostgreSQL";
  make_enterprise("91330203MA2H000001", "330203");
  auto file = dir_ / "backup.db";
  db_->backup_to(file.string());
  auto copy = Database::open("sqlite:" + file.string(), 1);
  copy->read([&](Tx& tx) { EXPECT_EQ(list_enterprises(tx, Scope{}, {}, Page{}).total, 1); });
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace duibiao
