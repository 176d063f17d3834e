#include "service/progress_report_service.h"

#include <nlohmann/json.hpp>

#include <ctime>

#include "domain/region.h"
#include "domain/roles.h"
#include "domain/text.h"
#include "io/docx.h"
#include "io/xlsx.h"
#include "service/audit_service.h"
#include "service/caches.h"
#include "service/campaign_service.h"
#include "service/campaign_stats_service.h"
#include "store/progress_report_store.h"
#include "store/reference_store.h"
#include "store/result_store.h"

namespace duibiao {
namespace {

constexpr const char* kNotFound = "进展报表不存在";

ReportDueDays due_days_of(const Campaign& c) {
  ReportDueDays d = default_report_due_days();
  for (const auto& [level, days] : c.report_due) d.by_level[level] = days;
  return d;
}

std::string add_days(const std::string& ymd, int days) {
  std::tm tm{};
  tm.tm_year = std::stoi(ymd.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(ymd.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(ymd.substr(8, 2)) + days;
  std::time_t t = timegm(&tm);
  std::tm out{};
  gmtime_r(&t, &out);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &out);
  return buf;
}

// The office a regulator files for: its own region, when that lies inside the campaign's.
bool files_in(const User& u, const Campaign& c) {
  return is_regulator(u.role) && path_in_subtree(u.region_path, c.region_path);
}

std::string office_role_of(const std::string& level) {
  if (level == "county" || level == "zone") return "county_regulator";
  if (level == "city") return "city_regulator";
  if (level == "province") return "province_regulator";
  return "national_office";
}

// The region whose office receives a region's report (its parent; the national office above
// provinces).
std::optional<Region> receiving_region(App& app, const Region& r) {
  if (r.parent_code.empty()) return std::nullopt;
  return cached_region(app, r.parent_code);
}

void finish_view(App& app, ReportView& v, const std::string& today) {
  auto region = cached_region(app, v.report.region_code);
  v.region_name = region ? region->name : v.report.region_code;
  if (auto p = parse_report_period(v.report.period)) v.period_label = p->label();
  bool done = v.report.status == "submitted";
  v.overdue = !done && !v.report.due_date.empty() && today > v.report.due_date;
  v.due_soon =
      !done && !v.overdue && !v.report.due_date.empty() && add_days(today, 7) >= v.report.due_date;
  if (v.report.frozen) {
    v.figures = *v.report.frozen;
    v.figures_known = true;
  }
}

Result<ReportFigures> live_figures(App& app, const Caller& caller, long long campaign_id,
                                   const std::string& region_code, long long scale) {
  auto s = campaign_stats(app, caller, campaign_id, region_code);
  if (!s) return fail(s.error());
  ReportFigures f;
  f.enterprises = s->enterprises;
  f.scale_enterprises = scale;
  f.plans = s->plans;
  f.products = s->products;
  f.products_with_plan = s->results;
  f.results = s->submitted;
  return f;
}

struct Office {
  Campaign campaign;
  Region region;  // the caller's own region
  ReportPeriod period;
};

Result<Office> office_for(App& app, const Caller& caller, long long campaign_id,
                          const std::string& period) {
  auto access = campaign_data_access(app, caller, campaign_id);
  if (!access) return fail(access.error());
  const User& u = *caller.user;
  Office o{std::move(access->campaign), {}, {}};
  std::string code = u.region_code.empty() ? std::string(kNationalRegionCode) : u.region_code;
  auto region = cached_region(app, code);
  if (!region) return fail(Error::forbidden("账号未绑定有效的行政区划"));
  o.region = *region;
  if (period.empty()) {
    o.period = current_report_period(today_in_china());
  } else {
    auto p = parse_report_period(period);
    if (!p)
      return fail(
          Error::field("period", "报告期应为 YYYY-H1（上半年）或 YYYY-H2（全年），如 2026-H1"));
    o.period = *p;
  }
  return o;
}

ReportView own_view(App& app, const Office& o, const User& u, std::optional<ProgressReport> row) {
  ReportView v;
  if (row) {
    v.report = std::move(*row);
  } else {
    v.report.campaign_id = o.campaign.id;
    v.report.region_code = o.region.code;
    v.report.region_path = o.region.path;
    v.report.level = report_level_of(o.region.level);
    v.report.period = o.period.key();
    v.report.status = "draft";
    std::vector<std::string> names;
    for (const auto& code : o.campaign.industries)
      if (auto i = cached_industry(app, code)) names.push_back(i->name);
    v.report.industries_text = join(names, "、");
  }
  v.report.due_date = report_due_date(due_days_of(o.campaign), v.report.level, o.period);
  v.can_edit = files_in(u, o.campaign) && v.report.status != "submitted";
  return v;
}

Result<void> validate_input(const ReportInput& in, ProgressReport& r) {
  std::map<std::string, std::string> fields;
  r.industries_text = std::string(trim(in.industries_text));
  if (utf8_length(r.industries_text) > 500) fields["industries_text"] = "对标产业名称最多500个字";
  if (in.scale_enterprises < 0 || in.scale_enterprises > 100000000)
    fields["scale_enterprises"] = "规上企业总数应为 0 至 100000000 的整数";
  r.scale_enterprises = in.scale_enterprises;
  for (const auto& [k, v] : in.narratives) {
    if (!is_narrative_key(k)) {
      fields["narratives." + k] = "附件3中没有这一栏";
      continue;
    }
    std::string text(trim(v));
    if (utf8_length(text) > 5000) fields["narratives." + k] = "每栏最多5000个字";
    r.narratives[k] = text;
  }
  if (!fields.empty()) return fail(Error::validation(fields));
  return {};
}

void notify(Tx& tx, const std::vector<long long>& users, const std::string& kind,
            const std::string& text) {
  for (long long id : users) {
    Notification n;
    n.user_id = id;
    n.at = now_unix();
    n.kind = kind;
    n.text = text;
    insert_notification(tx, n);
  }
}

std::string audit_json(const ProgressReport& r) {
  return nlohmann::json{{"id", r.id},
                        {"campaign_id", r.campaign_id},
                        {"region_code", r.region_code},
                        {"period", r.period},
                        {"status", r.status},
                        {"scale_enterprises", r.scale_enterprises},
                        {"narratives", r.narratives}}
      .dump();
}

}  // namespace

Result<ReportDesk> report_desk(App& app, const Caller& caller, long long campaign_id,
                               const std::string& period) {
  auto o = office_for(app, caller, campaign_id, period);
  if (!o) return fail(o.error());
  const User& u = *caller.user;
  ReportDesk d;
  d.campaign = o->campaign;
  d.period = o->period;
  d.periods = report_periods(o->campaign.start_date, o->campaign.end_date);
  std::string today = today_in_china();
  std::optional<ProgressReport> own_row;
  std::vector<ProgressReport> rows;
  std::vector<Region> children;
  auto range = subtree_range(o->region.path);
  app.db.read([&](Tx& tx) {
    if (files_in(u, o->campaign))
      own_row = find_progress_report(tx, campaign_id, o->period.key(), o->region.code);
    rows = list_progress_reports(tx, campaign_id, o->period.key(), range.lo, range.hi);
    children = list_region_children(tx, o->region.code);
  });
  if (files_in(u, o->campaign)) {
    ReportView v = own_view(app, *o, u, own_row);
    if (!v.report.frozen) {
      auto f = live_figures(app, caller, campaign_id, o->region.code, v.report.scale_enterprises);
      if (!f) return fail(f.error());
      v.figures = *f;
      v.figures_known = true;
    }
    finish_view(app, v, today);
    d.own = std::move(v);
  }
  std::map<std::string, ProgressReport> by_region;
  for (auto& r : rows) by_region[r.region_code] = std::move(r);
  auto days = due_days_of(o->campaign);
  for (const auto& ch : children) {
    if (!path_in_subtree(ch.path, o->campaign.region_path)) continue;  // outside the campaign
    ReportView v;
    auto it = by_region.find(ch.code);
    if (it != by_region.end()) {
      v.report = it->second;
      if (v.report.status == "draft") {  // a draft is the office's own business
        v.report.narratives.clear();
        v.report.frozen.reset();
      }
    } else {
      v.report.campaign_id = campaign_id;
      v.report.region_code = ch.code;
      v.report.region_path = ch.path;
      v.report.level = report_level_of(ch.level);
      v.report.period = o->period.key();
      v.report.status = "missing";
    }
    v.report.due_date = report_due_date(days, v.report.level, o->period);
    v.can_return = v.report.status == "submitted";
    finish_view(app, v, today);
    if (v.report.status == "submitted") {
      d.aggregate = add_figures(d.aggregate, v.figures);
      ++d.children_submitted;
    }
    d.children.push_back(std::move(v));
  }
  return d;
}

Result<ReportView> save_report(App& app, const Caller& caller, long long campaign_id,
                               const std::string& period, const ReportInput& in) {
  auto o = office_for(app, caller, campaign_id, period);
  if (!o) return fail(o.error());
  const User& u = *caller.user;
  if (!files_in(u, o->campaign))
    return fail(Error::forbidden("进展报表由参与本专项行动的各级市场监管部门填报"));
  Result<ReportView> out = fail(Error::internal());
  app.db.write([&](Tx& tx) {
    auto row = find_progress_report(tx, campaign_id, o->period.key(), o->region.code);
    ReportView v = own_view(app, *o, u, row);
    if (v.report.status == "submitted") {
      out = fail(Error::conflict("报表已报送，不能修改；如需修改请联系上级退回"));
      return;
    }
    if (row && in.version != row->version) {
      out = fail(Error::conflict("报表已被修改（当前版本 " + std::to_string(row->version) +
                                 "），请刷新后再改"));
      return;
    }
    ProgressReport before = v.report;
    if (auto ok = validate_input(in, v.report); !ok) {
      out = fail(ok.error());
      return;
    }
    v.report.updated_at = now_unix();
    if (!row) {
      v.report.created_by = u.id;
      v.report.created_at = v.report.updated_at;
      v.report.id = insert_progress_report(tx, v.report);
      v.report.version = 1;
    } else {
      if (!update_progress_report(tx, v.report, row->version)) {
        out = fail(Error::conflict("报表已被修改，请刷新后再改"));
        return;
      }
      ++v.report.version;
    }
    record_audit(tx, caller, row ? "update" : "create", "progress_report",
                 std::to_string(v.report.id), v.report.region_path, 0,
                 "保存进展报表 " + o->region.name + " " + o->period.label(),
                 row ? audit_json(before) : "", audit_json(v.report));
    out = v;
  });
  if (!out) return out;
  auto f = live_figures(app, caller, campaign_id, o->region.code, out->report.scale_enterprises);
  if (!f) return fail(f.error());
  out->figures = *f;
  out->figures_known = true;
  finish_view(app, *out, today_in_china());
  return out;
}

Result<ReportView> submit_report(App& app, const Caller& caller, long long campaign_id,
                                 const std::string& period, long long version) {
  auto o = office_for(app, caller, campaign_id, period);
  if (!o) return fail(o.error());
  const User& u = *caller.user;
  if (!files_in(u, o->campaign))
    return fail(Error::forbidden("进展报表由参与本专项行动的各级市场监管部门填报"));
  std::optional<ProgressReport> row;
  app.db.read([&](Tx& tx) {
    row = find_progress_report(tx, campaign_id, o->period.key(), o->region.code);
  });
  if (!row) return fail(Error::conflict("请先保存报表再报送"));
  if (row->status == "submitted") return fail(Error::conflict("报表已报送"));
  if (version != row->version)
    return fail(Error::conflict("报表已被修改（当前版本 " + std::to_string(row->version) +
                                "），请刷新后再报送"));
  std::map<std::string, std::string> missing;
  if (row->industries_text.empty()) missing["industries_text"] = "请填写对标产业名称";
  if (row->scale_enterprises <= 0)
    missing["scale_enterprises"] = "请填写对标产业规上企业总数（用于计算参与企业占比）";
  for (const auto& n : report_narrative_rows())
    if (row->narratives[std::string(n.key)].empty())
      missing["narratives." + std::string(n.key)] =
          "请填写“" + std::string(n.label_zh) + "”（没有可填“无”）";
  if (!missing.empty())
    return fail(
        Error::validation(missing, "还有" + std::to_string(missing.size()) + "栏未填写，不能报送"));
  // The figures as they stand now, kept with the report from here on.
  auto f = live_figures(app, caller, campaign_id, o->region.code, row->scale_enterprises);
  if (!f) return fail(f.error());
  Result<ReportView> out = fail(Error::internal());
  app.db.write([&](Tx& tx) {
    ProgressReport r = *row;
    r.status = "submitted";
    r.frozen = *f;
    r.return_reason.clear();
    r.submitted_at = r.updated_at = now_unix();
    r.submitted_by = u.id;
    r.submitted_by_name = u.display_name.empty() ? u.username : u.display_name;
    if (!update_progress_report(tx, r, row->version)) {
      out = fail(Error::conflict("报表已被修改，请刷新后再报送"));
      return;
    }
    ++r.version;
    if (auto upper = receiving_region(app, o->region)) {
      std::string role = office_role_of(upper->level);
      auto users = office_user_ids(tx, role, role == "national_office" ? "" : upper->code);
      notify(tx, users, "report_submitted",
             o->region.name + "报送了" + o->period.label() + "对标达标进展情况报表（" +
                 o->campaign.name + "）");
    }
    record_audit(tx, caller, "submit", "progress_report", std::to_string(r.id), r.region_path, 0,
                 "报送进展报表 " + o->region.name + " " + o->period.label(), audit_json(*row),
                 audit_json(r));
    ReportView v = own_view(app, *o, u, r);
    out = v;
  });
  if (!out) return out;
  finish_view(app, *out, today_in_china());
  return out;
}

Result<ReportView> get_report(App& app, const Caller& caller, long long report_id) {
  if (!caller.user) return fail(Error::unauthenticated());
  const User& u = *caller.user;
  if (!is_regulator(u.role) && u.role != Role::kNationalOffice && u.role != Role::kAdmin)
    return fail(Error::forbidden("当前角色无权查看进展报表"));
  auto range = subtree_range(u.region_path);
  std::optional<ProgressReport> row;
  app.db.read([&](Tx& tx) { row = find_progress_report_by_id(tx, range.lo, range.hi, report_id); });
  if (!row) return fail(Error::not_found(kNotFound));
  // Another office's draft is not for reading.
  bool own = is_regulator(u.role) && row->region_code == u.region_code;
  if (!own && row->status == "draft") return fail(Error::not_found(kNotFound));
  auto access = campaign_data_access(app, caller, row->campaign_id);
  if (!access) return fail(access.error());
  ReportView v;
  v.report = std::move(*row);
  v.can_edit = own && v.report.status != "submitted";
  auto region = cached_region(app, v.report.region_code);
  auto upper = region ? receiving_region(app, *region) : std::nullopt;
  v.can_return = v.report.status == "submitted" && upper &&
                 ((is_regulator(u.role) && upper->code == u.region_code) ||
                  (u.role == Role::kNationalOffice && upper->level == "national"));
  if (!v.report.frozen) {
    auto f = live_figures(app, caller, v.report.campaign_id, v.report.region_code,
                          v.report.scale_enterprises);
    if (f) {
      v.figures = *f;
      v.figures_known = true;
    }
  }
  finish_view(app, v, today_in_china());
  return v;
}

Result<ReportView> return_report(App& app, const Caller& caller, long long report_id,
                                 long long version, const std::string& reason) {
  auto v = get_report(app, caller, report_id);
  if (!v) return v;
  std::string why(trim(reason));
  if (why.empty()) return fail(Error::field("reason", "请写明退回理由"));
  if (utf8_length(why) > 1000) return fail(Error::field("reason", "退回理由最多1000个字"));
  if (!v->can_return) {
    if (v->report.status != "submitted") return fail(Error::conflict("只有已报送的报表可以退回"));
    return fail(Error::forbidden("只有接收该报表的上级部门可以退回"));
  }
  if (version != v->report.version)
    return fail(Error::conflict("报表已被修改（当前版本 " + std::to_string(v->report.version) +
                                "），请刷新"));
  const User& u = *caller.user;
  Result<ReportView> out = fail(Error::internal());
  app.db.write([&](Tx& tx) {
    ProgressReport r = v->report;
    ProgressReport before = r;
    r.status = "returned";
    r.frozen.reset();
    r.return_reason = why;
    r.returned_at = r.updated_at = now_unix();
    r.returned_by_name = u.display_name.empty() ? u.username : u.display_name;
    if (!update_progress_report(tx, r, before.version)) {
      out = fail(Error::conflict("报表已被修改，请刷新"));
      return;
    }
    ++r.version;
    auto region = cached_region(app, r.region_code);
    std::string role = office_role_of(region ? region->level : "county");
    notify(tx, office_user_ids(tx, role, r.region_code), "report_returned",
           v->period_label + "对标达标进展情况报表被退回：" + why);
    record_audit(tx, caller, "return", "progress_report", std::to_string(r.id), r.region_path, 0,
                 "退回进展报表 " + v->region_name + " " + v->period_label + "：" + why,
                 audit_json(before), audit_json(r));
    ReportView nv = *v;
    nv.report = r;
    nv.can_return = false;
    out = nv;
  });
  if (!out) return out;
  auto f = live_figures(app, caller, out->report.campaign_id, out->report.region_code,
                        out->report.scale_enterprises);
  if (f) {
    out->figures = *f;
    out->figures_known = true;
  }
  finish_view(app, *out, today_in_china());
  return out;
}

// ---------------------------------------------------------------------------------- exports
namespace {
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string chinese_date(const std::string& ymd) {
  return ymd.substr(0, 4) + "年" + ymd.substr(5, 2) + "月" + ymd.substr(8, 2) + "日";
}

std::vector<std::vector<std::string>> form_rows(const ReportView& v) {
  const auto& f = v.figures;
  std::vector<std::vector<std::string>> rows = {
      {"对标产业名称", v.report.industries_text, "", ""},
      {"参与对标企业数", std::to_string(f.enterprises), "占对标产业规上企业总数比例（%）",
       num(f.enterprise_share())},
      {"上传平台数据情况：上传对标方案数", std::to_string(f.plans), "占应上传方案总数比例（%）",
       num(f.plan_share())},
      {"上传平台数据情况：上传对标结果数", std::to_string(f.results), "占应上传结果总数比例（%）",
       num(f.result_share())},
  };
  for (const auto& n : report_narrative_rows()) {
    auto it = v.report.narratives.find(std::string(n.key));
    rows.push_back(
        {std::string(n.label_zh), it != v.report.narratives.end() ? it->second : "", "", ""});
  }
  return rows;
}

const char* kFigureNote =
    "说明：参与对标企业数、上传对标方案数（所用已发布技术方案数）、上传对标结果数（已上报的结果数）"
    "由平台"
    "按报送时的数据计算；应上传方案数和应上传结果数按参与企业选定的对标产品数计算；规上企业总数由填"
    "报单位填写。";

std::string unit_of(const ReportView& v) {
  return v.region_name + "市场监管局";
}
}  // namespace

std::string report_xlsx(const ReportView& v, const Campaign& c) {
  XlsxForm form;
  form.sheet_name = "附件3";
  form.title = "对标达标提升专项行动进展情况报表（" + v.period_label + "）";
  std::string date = v.report.submitted_at
                         ? format_time_utc(v.report.submitted_at + 8 * 3600).substr(0, 10)
                         : today_in_china();
  form.subtitle = "填报单位：" + unit_of(v) + "        填报日期：" + chinese_date(date) +
                  "        专项行动：" + c.name;
  form.columns = {{"项目", 34}, {"情况", 40}, {"项目", 30}, {"比例（%）", 12}};
  form.rows = form_rows(v);
  form.notes = {"注：栏目大小可根据内容篇幅进行调整。", kFigureNote,
                "填报人：                    审核人：                    联系电话："};
  return write_xlsx_form(form);
}

std::string report_docx(const ReportView& v, const Campaign& c) {
  DocxBuilder doc;
  doc.title("对标达标提升专项行动进展情况报表");
  std::string date = v.report.submitted_at
                         ? format_time_utc(v.report.submitted_at + 8 * 3600).substr(0, 10)
                         : today_in_china();
  doc.paragraph("填报单位：" + unit_of(v) + "        填报日期：" + chinese_date(date));
  doc.paragraph("专项行动：" + c.name + "        报告期：" + v.period_label);
  std::vector<std::vector<std::string>> rows = {{"项目", "情况", "项目", "比例（%）"}};
  for (auto& r : form_rows(v)) rows.push_back(std::move(r));
  doc.table(rows, {2600, 3400, 2400, 1200});
  doc.paragraph("注：栏目大小可根据内容篇幅进行调整。");
  doc.paragraph(kFigureNote);
  doc.paragraph("");
  doc.paragraph("填报人：                    审核人：                    联系电话：");
  return doc.build();
}

std::string desk_xlsx(const ReportDesk& d) {
  std::vector<XlsxColumn> cols = {
      {"地区", 16},           {"状态", 10},           {"截止日期", 12},     {"报送时间", 20},
      {"参与对标企业数", 12}, {"规上企业总数", 12},   {"占比（%）", 10},    {"上传对标方案数", 12},
      {"方案占比（%）", 12},  {"上传对标结果数", 12}, {"结果占比（%）", 12}};
  for (const auto& n : report_narrative_rows()) cols.push_back({std::string(n.label_zh), 30});
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : d.children) {
    const auto& f = v.figures;
    bool shown = v.report.status == "submitted";
    std::vector<std::string> row = {
        v.region_name,
        std::string(report_status_label_zh(v.report.status)) + (v.overdue ? "（逾期）" : ""),
        v.report.due_date,
        v.report.submitted_at ? format_time_utc(v.report.submitted_at) : "",
        shown ? std::to_string(f.enterprises) : "",
        shown ? std::to_string(f.scale_enterprises) : "",
        shown ? num(f.enterprise_share()) : "",
        shown ? std::to_string(f.plans) : "",
        shown ? num(f.plan_share()) : "",
        shown ? std::to_string(f.results) : "",
        shown ? num(f.result_share()) : ""};
    for (const auto& n : report_narrative_rows()) {
      auto it = v.report.narratives.find(std::string(n.key));
      row.push_back(shown && it != v.report.narratives.end() ? it->second : "");
    }
    rows.push_back(std::move(row));
  }
  const auto& a = d.aggregate;
  rows.push_back({"合计（已报送 " + std::to_string(d.children_submitted) + " 个）", "", "", "",
                  std::to_string(a.enterprises), std::to_string(a.scale_enterprises),
                  num(a.enterprise_share()), std::to_string(a.plans), num(a.plan_share()),
                  std::to_string(a.results), num(a.result_share())});
  return write_xlsx(d.period.label() + "汇总", cols, rows);
}

}  // namespace duibiao
