#include "service/demo_service.h"
#include "service/starter_catalog.h"

#include <soci/soci.h>

#include <ctime>
#include <stdexcept>

#include "domain/credit_code.h"
#include "domain/text.h"
#include "service/campaign_list_service.h"
#include "service/campaign_service.h"
#include "service/campaign_stats_service.h"
#include "service/enterprise_service.h"
#include "service/plan_service.h"
#include "service/product_service.h"
#include "service/progress_report_service.h"
#include "service/result_service.h"
#include "service/security.h"
#include "service/standard_service.h"
#include "service/user_service.h"
#include "store/user_store.h"

namespace duibiao {
namespace {

// Ends the load with the service's message: the demo is built through the same use cases as real
// data, so a refusal here is a bug in the demo, reported as such.
template <class T>
T must(Result<T> r, const std::string& what) {
  if (!r) {
    std::string msg = "demo: " + what + ": " + r.error().message;
    for (const auto& [f, m] : r.error().fields) msg += "; " + f + ": " + m;
    throw std::runtime_error(msg);
  }
  return std::move(*r);
}

Caller caller_of(const User& u) {
  Caller c;
  c.user = u;
  c.remote_addr = "demo";
  return c;
}

// A valid GB 32100 code registered in `region` (characters 3–8), numbered by `n`.
std::string credit_code(const std::string& region, int n) {
  static const char* chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  std::string org = "MA2D";
  int v = 1000 + n * 37;
  for (int i = 0; i < 4; ++i) {
    org.push_back(chars[v % 31]);
    v /= 31;
  }
  org.push_back('X');
  std::string first17 = "91" + region.substr(0, 6) + org;
  return first17 + credit_code_check_char(first17);
}

struct DemoEnterprise {
  std::string name;
  std::string region;
  std::string industry;
  std::string product;
  std::string model;
  int plan;             // 0 kettle, 1 washer
  std::string outcome;  // the state its result is left in; "" no result
};

}  // namespace

Result<DemoReport> load_demo(App& app) {
  bool empty = true;
  app.db.read([&](Tx& tx) {
    long long n = 0;
    tx.sql << "SELECT (SELECT COUNT(*) FROM enterprises) + (SELECT COUNT(*) FROM campaigns) + "
              "(SELECT COUNT(*) FROM users WHERE role <> 'admin')",
        soci::into(n);
    empty = n == 0;
  });
  if (!empty)
    return fail(
        Error::conflict("数据库中已有企业、专项行动或用户：演示数据只装入新建的数据库（请换一个新的"
                        " --data 目录）"));

  DemoReport report;
  std::time_t now = static_cast<std::time_t>(now_unix() + 8 * 3600);
  std::tm tm{};
  gmtime_r(&now, &tm);
  int year = tm.tm_year + 1900;
  auto y = [&](int offset) { return std::to_string(year + offset); };

  try {
    // ---------------------------------------------------------------- accounts
    if (!has_admin(app)) {
      auto admin = must(create_admin(app, "admin", ""), "administrator");
      report.accounts.push_back({"系统管理员", "admin", admin.password, ""});
    }
    User admin_user;
    app.db.read([&](Tx& tx) { admin_user = *find_user_by_username(tx, "admin"); });
    Caller admin = caller_of(admin_user);
    auto make_user = [&](const char* label, const std::string& username, const std::string& name,
                         const std::string& role, const std::string& region) {
      auto created = must(create_user(app, admin, {username, name, role, region, 0, ""}), username);
      // Demo accounts are for looking around: no forced password change at the first login.
      std::string hash = hash_password(created.password);
      app.db.write(
          [&](Tx& tx) { update_user_password(tx, created.user.id, hash, false, now_unix()); });
      created.user.must_change_password = false;
      report.accounts.push_back({label, username, created.password, region});
      return caller_of(created.user);
    };
    Caller national = make_user("国家专项行动办公室", "demo_national", "国家专项行动办公室",
                                "national_office", "");
    Caller zhejiang = make_user("省级监管部门", "demo_zhejiang", "浙江省市场监督管理局",
                                "province_regulator", "330000");
    Caller ningbo = make_user("市级监管部门", "demo_ningbo", "宁波市市场监督管理局",
                              "city_regulator", "330200");
    Caller haishu = make_user("县级监管部门", "demo_haishu", "宁波市海曙区市场监督管理局",
                              "county_regulator", "330203");
    Caller yinzhou = make_user("县级监管部门", "demo_yinzhou", "宁波市鄞州区市场监督管理局",
                               "county_regulator", "330212");
    Caller hangzhou = make_user("市级监管部门", "demo_hangzhou", "杭州市市场监督管理局",
                                "city_regulator", "330100");
    Caller tech =
        make_user("标准化技术机构", "demo_tech", "宁波市标准化研究院", "technical_body", "");
    make_user("专家", "demo_expert", "对标达标专家组", "expert", "");

    // ---------------------------------------------------------------- catalog and plans
    struct Std {
      const char* number;
      const char* title;
      const char* adoption;
      const char* adopted;
    };
    for (const Std& s : std::initializer_list<Std>{
             {"IEC 60335-2-15:2016", "家用和类似用途电器的安全 第2-15部分：液体加热器的特殊要求",
              "", ""},
             {"IEC 60456:2010", "家用洗衣机 性能测试方法", "", ""},
             {"GB 4706.19-2008", "家用和类似用途电器的安全 液体加热器的特殊要求", "IDT",
              "IEC 60335-2-15:2002"},
             {"GB/T 4288-2018", "家用和类似用途电动洗衣机", "", ""},
             {"ISO 9001:2015", "质量管理体系 要求", "", ""},
             {"GB/T 19001-2016", "质量管理体系 要求", "IDT", "ISO 9001:2015"},
         }) {
      StandardInput in;
      in.number = s.number;
      in.title_zh = s.title;
      in.status = "current";
      in.adoption = s.adoption;
      in.adopted_number = s.adopted;
      must(create_standard(app, national, in), s.number);
    }
    // The starter catalog (real pairs of the seeds' industries) around the demo's own entries.
    must(load_starter_catalog(app, national), "starter catalog");
    auto publish = [&](PlanInput in) {
      Plan p = must(create_plan(app, tech, in), "plan " + in.product);
      must(act_on_plan(app, tech, p.id, {"submit", "", "", ""}), "plan to consultation");
      std::string today = today_in_china();
      must(act_on_plan(app, tech, p.id, {"notice", "", today, today}), "plan to notice");
      return must(act_on_plan(app, national, p.id, {"publish", "", "", ""}), "publish plan");
    };
    PlanInput kettle_in;
    kettle_in.product = "电热水壶";
    kettle_in.industry_code = "38";
    kettle_in.author_org = "宁波市标准化研究院";
    kettle_in.summary = "电热水壶安全与性能指标对标 IEC 60335-2-15";
    kettle_in.standards = {{"domestic", "GB 4706.19-2008", ""},
                           {"benchmark", "IEC 60335-2-15:2016", ""}};
    kettle_in.indicators = {
        {"泄漏电流", "mA", "≤0.75 mA", "≤0.75 mA", "", "", true, true, false, false, "", "", ""},
        {"温升", "K", "≤75 K", "≤65 K", "", "", true, true, false, false, "", "", ""},
        {"煮水能效", "%", "≥80%", "≥85%", "", "", true, false, false, true, "", "", ""},
    };
    Plan kettle = publish(kettle_in);
    PlanInput washer_in;
    washer_in.product = "家用电动洗衣机";
    washer_in.industry_code = "38";
    washer_in.author_org = "宁波市标准化研究院";
    washer_in.summary = "洗衣机性能指标对标 IEC 60456";
    washer_in.standards = {{"domestic", "GB/T 4288-2018", ""}, {"benchmark", "IEC 60456:2010", ""}};
    washer_in.indicators = {
        {"洗净比", "", "≥0.70", "≥0.80", "", "", true, false, false, false, "", "", ""},
        {"噪声", "dB(A)", "≤62", "≤65 dB(A)", "", "", true, false, false, true, "", "", ""},
        {"泄漏电流", "mA", "≤0.75 mA", "≤0.75mA", "", "", false, true, false, false, "", "", ""},
    };
    Plan washer = publish(washer_in);
    const Plan* plans[] = {&kettle, &washer};

    // ---------------------------------------------------------------- campaigns (seeds
    // 001/000/002)
    CampaignInput nat;
    nat.name = "百城千业万企对标达标提升专项行动";
    nat.year = year - 2;
    nat.start_date = y(-2) + "-01-01";
    nat.end_date = y(1) + "-12-31";
    nat.description =
        "国标委服务联〔2018〕4号。演示数据：日期按当前年份平移，批次的城市名单为示例（方案规定第一"
        "批30个、"
        "第二批50个、第三批20个城市）。";
    nat.batches = {{1, "第一批（30个城市）", y(-2) + "-01-01", {"330200", "330100"}},
                   {2, "第二批（50个城市）", y(-2) + "-09-01", {"330300", "370200"}},
                   {3, "第三批（20个城市）", y(-1) + "-01-01", {"440300"}}};
    nat.targets = {
        {"conversion_rate", "装备制造业重点领域国际标准转化率", 90, y(1) + "-12-31", std::nullopt},
        {"consistency", "主要消费品标准与国际标准一致性程度", 95, y(1) + "-12-31", std::nullopt},
        {"leaders", "企业标准“领跑者”", 1000, y(1) + "-12-31", 0.0},
        {"manual", "标准国际化创新型城市", 10, y(1) + "-12-31", 1.0},
        {"industries", "标准化先导业态（行业）", 50, y(1) + "-12-31", std::nullopt}};
    auto national_campaign = must(create_campaign(app, national, nat), "national campaign");

    CampaignInput zj;
    zj.name = "浙江省" + y(0) + "年对标达标提升专项行动";
    zj.year = year;
    zj.parent_id = national_campaign.campaign.id;
    zj.batch = 1;
    zj.start_date = y(0) + "-03-01";
    zj.end_date = y(2) + "-12-31";
    zj.description = "浙市监函〔2020〕72号：推动制造业高质量发展（演示数据按当前年份平移）。";
    zj.industries = {"ZJ01", "ZJ02", "ZJ03", "ZJ04", "ZJ05", "ZJ06",
                     "ZJ07", "ZJ08", "ZJ09", "ZJ10", "ZJ11"};
    zj.phases = {{"select", "", y(0) + "-04-30"},
                 {"plans", "", y(0) + "-06-30"},
                 {"results", "", y(0) + "-10-31"},
                 {"summary", "", y(0) + "-12-31"}};
    zj.targets = {{"industries", "开展对标达标的行业", 200, y(2) + "-12-31", std::nullopt},
                  {"enterprises", "开展对标达标的企业", 3000, y(2) + "-12-31", std::nullopt},
                  {"manual", "新增主导制（修）订国际标准", 10, y(2) + "-12-31", 2.0},
                  {"manual", "新增国家标准和行业标准", 500, y(2) + "-12-31", 126.0},
                  {"manual", "累计制定“浙江制造”标准", 3000, y(2) + "-12-31", 1840.0}};
    zj.regions = {{"330100", 0}, {"330200", 120}, {"330300", 0}};
    auto zj_campaign = must(create_campaign(app, zhejiang, zj), "Zhejiang campaign");

    CampaignInput nb;
    nb.name = "宁波市" + y(0) + "年对标达标提升专项行动";
    nb.year = year;
    nb.parent_id = zj_campaign.campaign.id;
    nb.batch = 1;
    nb.start_date = y(0) + "-04-01";
    nb.end_date = y(2) + "-12-31";
    nb.description =
        "宁波市实施方案：附件1 各区（县）市企业数、附件2 企业名单、附件3 "
        "进展报表（演示数据按当前年份平移）。";
    nb.industries = {"ZJ03", "ZJ02", "ZJ04", "ZJ10", "NB01", "NB02", "NB03", "NB04", "ZJ08"};
    nb.phases = {{"select", "", y(0) + "-06-05"},
                 {"plans", "", y(0) + "-06-30"},
                 {"results", "", y(0) + "-10-31"},
                 {"summary", "", y(0) + "-12-31"}};
    nb.targets = {{"industries", "开展对标达标的行业", 15, y(2) + "-12-31", std::nullopt},
                  {"enterprises", "开展对标达标的企业", 450, y(2) + "-12-31", std::nullopt},
                  {"manual", "新增主导或参与制修订国际标准、国家标准", 300, y(2) + "-12-31", 41.0},
                  {"manual", "主导或参与制定“浙江制造”标准", 150, y(2) + "-12-31", 37.0},
                  {"manual", "制定推广实施市级团体标准", 10, y(2) + "-12-31", 3.0}};
    nb.regions = {{"330203", 10},   {"330205", 8},    {"330211", 8},    {"330206", 11},
                  {"330212", 15},   {"330213", 8},    {"330282", 15},   {"330281", 15},
                  {"330226", 10},   {"330225", 8},    {"330200Z01", 3}, {"330200Z02", 3},
                  {"330200Z03", 2}, {"330200Z04", 2}, {"330200Z05", 2}};
    auto nb_campaign = must(create_campaign(app, ningbo, nb), "Ningbo campaign");
    report.campaigns = 3;

    // ---------------------------------------------------------------- enterprises and results
    std::vector<DemoEnterprise> list = {
        {"宁波甬华电器有限公司", "330203", "38", "电热水壶", "YH-1715", 0, "published"},
        {"宁波海曙洁美洗衣机有限公司", "330203", "38", "滚筒洗衣机", "JM-80", 1, "accepted"},
        {"宁波鄞州科达电器有限公司", "330212", "38", "电热水壶", "KD-1520", 0,
         "province_recommended"},
        {"宁波鄞州美澜家电有限公司", "330212", "38", "波轮洗衣机", "ML-B70", 1, "city_recommended"},
        {"宁波海曙佳乐电器有限公司", "330203", "38", "电热水壶", "JL-18", 0, "county_reviewed"},
        {"宁波鄞州恒润电器有限公司", "330212", "38", "电热水壶", "HR-2", 0, "submitted"},
        {"宁波海曙新光家电有限公司", "330203", "38", "滚筒洗衣机", "XG-100", 1, "returned"},
        {"宁波北仑博远电器有限公司", "330206", "38", "电热水壶", "BY-09", 0, "draft"},
        {"慈溪市海韵小家电有限公司", "330282", "38", "电热水壶", "HY-17", 0, ""},
        {"杭州西湖智能电器有限公司", "330106", "38", "电热水壶", "XH-5", 0, "submitted"},
    };
    std::map<std::string, Caller> county_of = {{"330203", haishu}, {"330212", yinzhou}};
    std::vector<long long> ningbo_ids, zhejiang_ids;
    std::string csv =
        "序号,企业名称,产品名称,执行标准号、名称,比对标准号、名称,平台现有技术方案编号,"
        "另行制定技术方案技术支持需求\r\n";
    int n = 0;
    for (const auto& d : list) {
      ++n;
      RegistrationRequest reg;
      reg.name = d.name;
      reg.credit_code = credit_code(d.region, n);
      reg.region_code = d.region;
      reg.industry_code = d.industry;
      reg.contact_name = "张工";
      reg.contact_phone = "0574-8700" + std::to_string(1000 + n);
      reg.username = "demo_ent" + std::to_string(n);
      reg.password = random_password();
      reg.display_name = d.name;
      auto registered = must(register_enterprise(app, Caller{}, reg), d.name);
      if (n == 1) report.accounts.push_back({"企业", reg.username, reg.password, d.region});
      ++report.enterprises;
      Caller ent = caller_of(registered.session.user);
      const Plan& plan = *plans[d.plan];
      ProductInput pi{d.product,
                      d.model,
                      "家用电器",
                      d.industry,
                      {plan.standards[0].number},
                      "Q/YH " + std::to_string(100 + n) + "-" + y(0)};
      Product product = must(create_product(app, ent, pi), "product");
      must(select_product(app, ent, product.id, true), "select product");
      (d.region.rfind("3302", 0) == 0 ? ningbo_ids : zhejiang_ids)
          .push_back(registered.enterprise.id);
      if (d.region.rfind("3302", 0) == 0)
        csv += std::to_string(n) + "," + d.name + "," + d.product + "," + plan.standards[0].number +
               " " +
               (d.plan == 0 ? "家用和类似用途电器的安全 液体加热器的特殊要求"
                            : "家用和类似用途电动洗衣机") +
               "," + plan.standards[1].number + "," + plan.plan_number + "," +
               (n == 9 ? "是" : "") + "\r\n";
      if (d.outcome.empty()) continue;

      auto view = must(create_result(app, ent, {product.id, plan.id, plan.plan_number}), "result");
      ResultContent content;
      content.enterprise_standard = pi.enterprise_standard;
      bool gap = n % 3 == 0;  // every third enterprise misses one indicator and plans to fix it
      for (size_t i = 0; i < plan.indicators.size(); ++i) {
        ResultEntry e;
        e.enterprise_requirement = plan.indicators[i].benchmark_requirement;
        const std::string& bench = plan.indicators[i].benchmark_requirement;
        e.measured_value = d.plan == 0 ? (i == 0   ? "0.21"
                                          : i == 1 ? (gap ? "68" : "58")
                                                   : "87")
                                       : (i == 0   ? "0.86"
                                          : i == 1 ? "58"
                                                   : "0.30");
        (void)bench;
        e.report_number = "NBQT" + y(0) + "-" + std::to_string(1000 + n * 10 + static_cast<int>(i));
        e.lab = "宁波市产品质量检验研究院";
        e.report_date = y(0) + "-09-1" + std::to_string(i);
        content.entries.push_back(e);
      }
      content.conclusion =
          gap ? "温升指标未达到 IEC 要求，已制定达标提升计划" : "各项指标均达到或优于对标标准";
      if (gap)
        content.improvements = {
            {"温升", "改进发热盘散热结构并复测", "技术部 李工", y(1) + "-03-31"}};
      view =
          must(save_result(app, ent, view.result.id, view.result.version, content), "save result");
      if (d.outcome == "draft") continue;
      view = must(submit_result(app, ent, view.result.id, view.result.version), "submit");
      if (d.outcome == "submitted") continue;
      Caller& county = county_of.at(d.region);
      if (d.outcome == "returned") {
        must(review_result(app, county, view.result.id, view.result.version, "return",
                           "检测报告日期早于样品送检日期，请核对后重新上报"),
             "return");
        continue;
      }
      view =
          must(review_result(app, county, view.result.id, view.result.version, "pass", "材料齐全"),
               "county pass");
      if (d.outcome == "county_reviewed") continue;
      view =
          must(review_result(app, ningbo, view.result.id, view.result.version, "pass", "同意推荐"),
               "city pass");
      if (d.outcome == "city_recommended") continue;
      view = must(
          review_result(app, zhejiang, view.result.id, view.result.version, "pass", "同意推荐"),
          "province pass");
      if (d.outcome == "province_recommended") continue;
      view = must(
          review_result(app, national, view.result.id, view.result.version, "pass", "审核通过"),
          "national pass");
      if (d.outcome == "accepted") continue;
      must(review_result(app, national, view.result.id, view.result.version, "publish", ""),
           "publish");
    }
    app.db.read(
        [&](Tx& tx) { tx.sql << "SELECT COUNT(*) FROM results", soci::into(report.results); });

    // Ningbo's 附件2 list (it makes the Ningbo enterprises members), then the province and the
    // national office take their enterprises into their campaigns.
    auto imported =
        must(import_campaign_list(app, ningbo, nb_campaign.campaign.id, csv, false), "附件2");
    if (imported.rejected || imported.imported != ningbo_ids.size()) {
      std::string why;
      for (const auto& e : imported.errors)
        why += " row " + std::to_string(e.row) + ": " + e.message;
      throw std::runtime_error("demo: the 附件2 list did not import:" + why);
    }
    std::vector<long long> all = ningbo_ids;
    all.insert(all.end(), zhejiang_ids.begin(), zhejiang_ids.end());
    must(add_campaign_members(app, zhejiang, zj_campaign.campaign.id, all), "Zhejiang members");
    must(add_campaign_members(app, national, national_campaign.campaign.id, all),
         "national members");
    (void)hangzhou;

    // 附件3: 海曙 has submitted its half-year report, 鄞州 has a draft.
    std::string period = y(0) + "-H1";
    std::map<std::string, std::string> narratives;
    for (const auto& row : report_narrative_rows())
      narratives[std::string(row.key)] =
          "（演示）" + std::string(row.label_zh) + "：已按实施方案推进。";
    auto saved = must(save_report(app, haishu, nb_campaign.campaign.id, period,
                                  {"智能家电、绿色化工", 260, narratives, 0}),
                      "海曙 附件3");
    must(submit_report(app, haishu, nb_campaign.campaign.id, period, saved.report.version),
         "submit 海曙 附件3");
    must(save_report(app, yinzhou, nb_campaign.campaign.id, period,
                     {"智能家电", 180, {{"policies", "（演示）出台对标达标专项扶持政策。"}}, 0}),
         "鄞州 附件3");
  } catch (const std::exception& e) {
    return fail(Error::internal(e.what()));
  }
  return report;
}

}  // namespace duibiao
