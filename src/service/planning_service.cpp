#include "service/planning_service.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "domain/csv.h"
#include "domain/region.h"
#include "domain/roles.h"
#include "domain/text.h"
#include "domain/units.h"
#include "io/encoding.h"
#include "io/xlsx.h"
#include "io/xlsx_reader.h"
#include "service/access.h"
#include "service/audit_service.h"
#include "service/import_file.h"

namespace duibiao {
namespace {

constexpr const char* kNotFound = "规划指标不存在";
constexpr const char* kReadersOnly = "规划指标监测仅向市场监管部门和国家专项行动办公室开放";
constexpr const char* kProvinceOnly = "规划指标的实际值由该省（区、市）市场监管部门填报";

// "/330000/330200/330203/" → "/330000/": a regulator works to its province's plan.
std::string province_path(const std::string& path) {
  size_t second = path.find('/', 1);
  return second == std::string::npos ? path : path.substr(0, second + 1);
}

Result<Scope> read_scope(const Caller& caller) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  const User& u = **me;
  if (u.role == Role::kNationalOffice || u.role == Role::kAdmin) return Scope{};
  if (is_regulator(u.role)) {
    auto range = subtree_range(province_path(u.region_path));
    return Scope{range.lo, range.hi, 0};
  }
  return fail(Error::forbidden(kReadersOnly));
}

bool may_edit(const User& u, const PlanningIndicator& ind) {
  return u.role == Role::kProvinceRegulator && u.region_code == ind.region_code;
}

// The indicator, visible to the caller (404 otherwise) and writable by it (403 otherwise).
Result<PlanningIndicator> writable_indicator(App& app, const Caller& caller, long long id) {
  auto scope = read_scope(caller);
  if (!scope) return fail(scope.error());
  std::optional<PlanningIndicator> ind;
  app.db.read([&](Tx& tx) { ind = find_planning_indicator(tx, *scope, id); });
  if (!ind) return fail(Error::not_found(kNotFound));
  if (!may_edit(*caller.user, *ind)) return fail(Error::forbidden(kProvinceOnly));
  return *ind;
}

Scope province_scope(const PlanningIndicator& ind) {
  auto range = subtree_range(ind.region_path);
  return Scope{range.lo, range.hi, 0};
}

std::string audit_json(const PlanningIndicator& ind, const PlanningActual& a) {
  return nlohmann::json{{"indicator_id", ind.id}, {"table_no", ind.table_no}, {"name", ind.name},
                        {"year", a.year},         {"value", a.value},         {"note", a.note}}
      .dump();
}

PlanningRow make_row(const User& me, PlanningIndicator ind, std::vector<PlanningActual> actuals) {
  PlanningRow row;
  row.progress = assess_progress(ind, actuals);
  row.can_edit = may_edit(me, ind);
  row.indicator = std::move(ind);
  row.actuals = std::move(actuals);
  return row;
}

std::string validate_actual(const PlanningIndicator& ind, int year, const ActualInput& in,
                            std::map<std::string, std::string>& fields) {
  if (auto msg = check_actual_year(ind, year); !msg.empty()) fields["year"] = msg;
  if (!in.value)
    fields["value"] = "请填写实际值（数值）";
  else if (!std::isfinite(*in.value) || std::fabs(*in.value) > 1e15)
    fields["value"] = "实际值应为有限的数值";
  std::string note(trim(in.note));
  if (utf8_length(note) > kMaxActualNoteChars) fields["note"] = "备注最多500个字";
  return note;
}

// ------------------------------------------------------------------------------------ import

std::string header_key(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '*') continue;
    if (s.substr(i, 3) == "\xE3\x80\x80") {  // full-width space
      i += 2;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string cell_text(const std::vector<std::string>& row, std::optional<size_t> i) {
  return i ? import_cell(row, *i) : "";
}

struct Columns {
  size_t header_row = 0;
  std::optional<size_t> id, table, name, year, value, note;
};

Result<Columns> find_columns(const std::vector<std::vector<std::string>>& rows) {
  for (size_t r = 0; r < rows.size() && r < 10; ++r) {
    Columns c{r};
    for (size_t i = 0; i < rows[r].size(); ++i) {
      std::string k = header_key(rows[r][i]);
      auto set = [&](std::optional<size_t>& slot) {
        if (!slot) slot = i;
      };
      if (k == "编号" || k == "指标编号")
        set(c.id);
      else if (k == "表号" || k == "表")
        set(c.table);
      else if (k == "指标名称" || k == "指标")
        set(c.name);
      else if (k == "年份" || k == "年度")
        set(c.year);
      else if (k == "实际值" || k == "完成值")
        set(c.value);
      else if (k == "备注" || k == "说明")
        set(c.note);
    }
    if (!c.year && !c.value) continue;
    std::vector<std::string> missing;
    if (!c.id && !c.name) missing.push_back("“指标名称”或“编号”");
    if (!c.year) missing.push_back("“年份”");
    if (!c.value) missing.push_back("“实际值”");
    if (!missing.empty())
      return fail(Error::field(
          "file", "表头缺少" + join(missing, "、") +
                      "列：请使用导入模板（编号、表号、指标名称、年份、实际值、备注）"));
    return c;
  }
  return fail(Error::field(
      "file", "未找到表头：前 10 行中应有一行包含“年份”“实际值”等列名，请下载导入模板"));
}

std::optional<int> parse_year(std::string s) {
  if (s.size() > 3 && s.substr(s.size() - 3) == "年") s.resize(s.size() - 3);
  if (s.size() > 2 && s.substr(s.size() - 2) == ".0") s.resize(s.size() - 2);
  if (s.size() != 4 ||
      !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoi(s);
}

// "93.5", "93.5%" (the indicator's own unit may follow), "1,500".
std::optional<double> parse_actual(std::string s, const std::string& unit) {
  std::string folded(s.size(), '\0');
  folded.resize(fold_width(s, folded.data()));
  std::string_view v = trim(folded);
  if (!unit.empty() && v.size() > unit.size() && v.substr(v.size() - unit.size()) == unit)
    v = trim(v.substr(0, v.size() - unit.size()));
  auto d = parse_decimal(v);
  if (!d) return std::nullopt;
  return d->to_double();
}

struct PendingActual {
  size_t line = 0;
  PlanningIndicator indicator;
  PlanningActual actual;
};

std::string china_date() {
  return format_time_utc(now_unix() + 8 * 3600).substr(0, 10);
}

}  // namespace

Result<PageResult<PlanningRow>> list_planning_for(App& app, const Caller& caller,
                                                  const PlanningFilter& f, const Page& page) {
  auto scope = read_scope(caller);
  if (!scope) return fail(scope.error());
  PageResult<PlanningIndicator> inds;
  std::vector<PlanningActual> actuals;
  app.db.read([&](Tx& tx) {
    inds = list_planning_indicators(tx, *scope, f, page);
    actuals = list_planning_actuals(tx, *scope, f);
  });
  std::map<long long, std::vector<PlanningActual>> by_indicator;
  for (auto& a : actuals) by_indicator[a.indicator_id].push_back(std::move(a));
  PageResult<PlanningRow> out;
  out.total = inds.total;
  for (auto& ind : inds.items) {
    long long id = ind.id;
    out.items.push_back(make_row(*caller.user, std::move(ind), std::move(by_indicator[id])));
  }
  return out;
}

Result<PlanningRow> get_planning_row(App& app, const Caller& caller, long long id) {
  auto scope = read_scope(caller);
  if (!scope) return fail(scope.error());
  std::optional<PlanningIndicator> ind;
  std::vector<PlanningActual> actuals;
  app.db.read([&](Tx& tx) {
    ind = find_planning_indicator(tx, *scope, id);
    if (ind) actuals = list_actuals_of(tx, *scope, id);
  });
  if (!ind) return fail(Error::not_found(kNotFound));
  return make_row(*caller.user, std::move(*ind), std::move(actuals));
}

Result<PlanningRow> put_planning_actual_for(App& app, const Caller& caller, long long id, int year,
                                            const ActualInput& in) {
  auto ind = writable_indicator(app, caller, id);
  if (!ind) return fail(ind.error());
  std::map<std::string, std::string> fields;
  std::string note = validate_actual(*ind, year, in, fields);
  if (!fields.empty()) return fail(Error::validation(fields));
  PlanningActual a;
  a.indicator_id = id;
  a.year = year;
  a.value = *in.value;
  a.note = note;
  a.entered_by = caller.user->id;
  a.entered_by_name = caller.user->display_name;
  a.entered_at = now_unix();
  Scope scope = province_scope(*ind);
  app.db.write([&](Tx& tx) {
    auto before = find_planning_actual(tx, scope, id, year);
    put_planning_actual(tx, scope, a);
    record_audit(tx, caller, before ? "update" : "create", "planning_actual",
                 std::to_string(id) + "/" + std::to_string(year), ind->region_path, 0,
                 std::string(before ? "修改" : "填报") + "规划指标实际值 " + ind->name + " " +
                     std::to_string(year) + "年 " + format_with_unit(a.value, ind->unit),
                 before ? audit_json(*ind, *before) : "", audit_json(*ind, a));
  });
  return get_planning_row(app, caller, id);
}

Result<void> delete_planning_actual_for(App& app, const Caller& caller, long long id, int year) {
  auto ind = writable_indicator(app, caller, id);
  if (!ind) return fail(ind.error());
  Scope scope = province_scope(*ind);
  bool found = false;
  app.db.write([&](Tx& tx) {
    auto before = find_planning_actual(tx, scope, id, year);
    if (!before) return;
    found = delete_planning_actual(tx, scope, id, year);
    record_audit(tx, caller, "delete", "planning_actual",
                 std::to_string(id) + "/" + std::to_string(year), ind->region_path, 0,
                 "删除规划指标实际值 " + ind->name + " " + std::to_string(year) + "年",
                 audit_json(*ind, *before), "");
  });
  if (!found) return fail(Error::not_found("该年份没有实际值"));
  return {};
}

Result<PlanningImportReport> import_planning_actuals(App& app, const Caller& caller,
                                                     std::string_view bytes, bool good_rows_only) {
  auto scope = read_scope(caller);
  if (!scope) return fail(scope.error());
  const User& me = *caller.user;
  if (me.role != Role::kProvinceRegulator) return fail(Error::forbidden(kProvinceOnly));
  auto table = read_import_table(bytes, "规划指标实际值");
  if (!table) return fail(table.error());
  auto& rows = *table;
  if (rows.empty()) return fail(Error::field("file", "文件为空：第一行应为表头，请下载导入模板"));
  auto cols = find_columns(rows);
  if (!cols) return fail(cols.error());
  if (rows.size() - cols->header_row - 1 > kMaxPlanningImportRows)
    return fail(Error::field("file", "一次最多导入 5000 行，请分批导入"));

  // The province's own indicators only (its scope is its subtree; indicators live at the
  // province itself).
  auto range = subtree_range(me.region_path);
  Scope own{range.lo, range.hi, 0};
  std::vector<PlanningIndicator> inds;
  app.db.read([&](Tx& tx) {
    for (int page = 1;; ++page) {
      auto p = list_planning_indicators(tx, own, {}, Page{page, 200});
      for (auto& i : p.items)
        if (i.region_code == me.region_code) inds.push_back(std::move(i));
      if (p.items.size() < 200) break;
    }
  });
  std::map<long long, const PlanningIndicator*> by_id;
  std::map<std::string, std::vector<const PlanningIndicator*>> by_name;
  for (const auto& i : inds) {
    by_id[i.id] = &i;
    by_name[header_key(i.name)].push_back(&i);
  }

  PlanningImportReport report;
  std::vector<PendingActual> pending;
  std::map<std::pair<long long, int>, size_t> seen;  // (indicator, year) → first line
  long long now = now_unix();
  for (size_t r = cols->header_row + 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    size_t line = r + 1;
    std::string id_text = cell_text(row, cols->id), table_no = cell_text(row, cols->table),
                name = cell_text(row, cols->name), year_text = cell_text(row, cols->year),
                value_text = cell_text(row, cols->value), note = cell_text(row, cols->note);
    // A template line left blank (indicator named, no year and no value) is not a row.
    if (year_text.empty() && value_text.empty() && note.empty()) continue;
    auto error = [&](const char* column, std::string message) {
      report.errors.push_back({line, column, std::move(message)});
    };
    size_t before = report.errors.size();
    for (const auto& c : row)
      if (utf8_length(c) > 1000) {
        error("", "单元格内容过长（最多1000个字）");
        break;
      }
    if (report.errors.size() > before) continue;
    auto year = parse_year(year_text);
    if (year_text.empty())
      error("年份", "请填写年份，如 2023");
    else if (!year)
      error("年份", "“" + year_text + "”不是年份：应为四位数字，如 2023");
    const PlanningIndicator* ind = nullptr;
    if (!id_text.empty()) {
      long long id = 0;
      try {
        size_t used = 0;
        id = std::stoll(id_text, &used);
        if (used != id_text.size()) id = 0;
      } catch (const std::exception&) {
        id = 0;
      }
      if (auto it = by_id.find(id); it != by_id.end())
        ind = it->second;
      else
        error("编号", "编号“" + id_text + "”不是本省的规划指标");
      if (ind && !name.empty() && header_key(name) != header_key(ind->name))
        error("指标名称", "编号 " + id_text + " 是“" + ind->name + "”，与所填名称不符");
    } else if (name.empty()) {
      error(cols->name ? "指标名称" : "编号", "请填写指标名称或编号");
    } else {
      std::vector<const PlanningIndicator*> candidates;
      if (auto it = by_name.find(header_key(name)); it != by_name.end()) candidates = it->second;
      if (!table_no.empty())
        std::erase_if(candidates,
                      [&](const PlanningIndicator* p) { return p->table_no != table_no; });
      // A name both tables use (农产品质量安全监测合格率): the table whose years after the
      // baseline contain the year.
      if (candidates.size() > 1 && year)
        std::erase_if(candidates, [&](const PlanningIndicator* p) {
          return !(*year > p->baseline_year && *year <= p->target_year);
        });
      if (candidates.empty())
        error("指标名称", "本省规划指标中没有“" + name + "”" +
                              (table_no.empty() ? "" : "（" + table_no + "）"));
      else if (candidates.size() > 1)
        error("指标名称", "有多个名为“" + name + "”的指标，请填写编号或表号");
      else
        ind = candidates.front();
    }
    std::optional<double> value;
    if (value_text.empty())
      error("实际值", "请填写实际值");
    else if (!(value = parse_actual(value_text, ind ? ind->unit : "")) || !std::isfinite(*value))
      error("实际值", "“" + value_text + "”不是数值");
    if (utf8_length(note) > kMaxActualNoteChars) error("备注", "备注最多500个字");
    if (ind && year)
      if (auto msg = check_actual_year(*ind, *year); !msg.empty()) error("年份", msg);
    if (report.errors.size() > before) continue;
    auto key = std::make_pair(ind->id, *year);
    if (auto it = seen.find(key); it != seen.end()) {
      error("年份", "与第 " + std::to_string(it->second) + " 行重复（同一指标的同一年份）");
      continue;
    }
    seen[key] = line;
    PendingActual p;
    p.line = line;
    p.indicator = *ind;
    p.actual.indicator_id = ind->id;
    p.actual.year = *year;
    p.actual.value = *value;
    p.actual.note = note;
    p.actual.entered_by = me.id;
    p.actual.entered_by_name = me.display_name;
    p.actual.entered_at = now;
    pending.push_back(std::move(p));
  }
  std::sort(report.errors.begin(), report.errors.end(),
            [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
  report.rejected = !report.errors.empty() && !good_rows_only;
  if (report.rejected || pending.empty()) return report;
  app.db.write([&](Tx& tx) {
    for (const auto& p : pending) {
      auto before = find_planning_actual(tx, own, p.actual.indicator_id, p.actual.year);
      if (!put_planning_actual(tx, own, p.actual)) continue;
      ++report.imported;
      record_audit(tx, caller, before ? "update" : "create", "planning_actual",
                   std::to_string(p.actual.indicator_id) + "/" + std::to_string(p.actual.year),
                   p.indicator.region_path, 0,
                   "导入规划指标实际值 " + p.indicator.name + " " + std::to_string(p.actual.year) +
                       "年 " + format_with_unit(p.actual.value, p.indicator.unit),
                   before ? audit_json(p.indicator, *before) : "",
                   audit_json(p.indicator, p.actual));
    }
  });
  return report;
}

Result<std::string> planning_template_xlsx(App& app, const Caller& caller) {
  auto scope = read_scope(caller);
  if (!scope) return fail(scope.error());
  std::vector<std::vector<std::string>> rows;
  app.db.read([&](Tx& tx) {
    for (int page = 1;; ++page) {
      auto p = list_planning_indicators(tx, *scope, {}, Page{page, 200});
      for (const auto& i : p.items)
        rows.push_back({std::to_string(i.id), i.table_no, i.name, i.unit, "", "", ""});
      if (p.items.size() < 200) break;
    }
  });
  return write_xlsx("实际值导入",
                    {{"编号", 8},
                     {"表号", 8},
                     {"指标名称", 44},
                     {"单位", 8},
                     {"年份", 8},
                     {"实际值", 12},
                     {"备注", 30}},
                    rows);
}

Result<std::string> planning_evaluation_xlsx(App& app, const Caller& caller,
                                             const PlanningFilter& f) {
  std::vector<PlanningRow> all;
  for (int page = 1;; ++page) {
    auto p = list_planning_for(app, caller, f, Page{page, 200});
    if (!p) return fail(p.error());
    for (auto& r : p->items) all.push_back(std::move(r));
    if (p->items.size() < 200) break;
  }
  // One column per year after the baselines up to the targets, and any year with an actual.
  std::set<int> years;
  std::set<std::string> plans, regions;
  for (const auto& r : all) {
    for (int y = r.indicator.baseline_year + 1; y <= r.indicator.target_year; ++y) years.insert(y);
    for (const auto& a : r.actuals) years.insert(a.year);
    plans.insert(r.indicator.plan_name);
    regions.insert(r.indicator.region_name);
  }
  XlsxForm form;
  form.sheet_name = "中期评估";
  form.title = (plans.size() == 1 ? *plans.begin() : std::string("规划")) + "主要指标中期评估" +
               (f.table_no.empty() ? "" : "（" + f.table_no + "）");
  form.subtitle =
      "地区：" +
      (regions.empty() ? std::string("—")
                       : join(std::vector<std::string>(regions.begin(), regions.end()), "、")) +
      "    导出日期：" + china_date();
  form.columns = {{"序号", 6}, {"表号", 8}, {"类别", 10}, {"指标", 40},
                  {"单位", 8}, {"属性", 8}, {"基期", 12}, {"目标", 12}};
  for (int y : years) form.columns.push_back({std::to_string(y) + "年实际", 11});
  for (const char* c : {"最新年份", "直线路径预期值", "完成进度", "应达进度", "状态", "说明"})
    form.columns.push_back({c, std::string_view(c) == "说明" ? 48.0 : 12.0});
  int seq = 0;
  auto percent = [](const std::optional<double>& x) {
    if (!x) return std::string();
    return format_plan_number(std::round(*x * 1000) / 10) + "%";
  };
  for (const auto& r : all) {
    const auto& i = r.indicator;
    std::vector<std::string> row = {
        std::to_string(++seq),
        i.table_no,
        i.category,
        i.name,
        i.unit,
        i.attribute,
        std::to_string(i.baseline_year) + "年：" +
            (i.baseline_text.empty() ? "—" : i.baseline_text),
        std::to_string(i.target_year) + "年：" + (i.target_text.empty() ? "—" : i.target_text)};
    std::map<int, double> by_year;
    for (const auto& a : r.actuals) by_year[a.year] = a.value;
    for (int y : years) row.push_back(by_year.count(y) ? format_plan_number(by_year[y]) : "");
    const auto& p = r.progress;
    row.push_back(p.year ? std::to_string(*p.year) : "");
    row.push_back(p.expected ? format_plan_number(std::round(*p.expected * 100) / 100) : "");
    row.push_back(percent(p.progress));
    row.push_back(percent(p.expected_progress));
    row.push_back(std::string(progress_status_label(p.status)));
    row.push_back(p.reason);
    form.rows.push_back(std::move(row));
  }
  form.notes = {
      "注：1. 直线路径：基期值与目标值之间按年份等分，某年的预期值 = 基期值 + (目标值 − 基期值) × "
      "(该年 − 基期年) ÷ (目标年 − 基期年)。",
      "2. 名称带“（新增）”的指标，实际值填报自基期年以来的累计新增数，直线路径自 0 起至目标值。",
      "3. 状态按最新一年的实际值判断：已达到目标、符合进度（不差于直线路径预期值）、落后于进度；"
      "基期值或目标值缺失、不是数值的，无法画出直线路径，标为无法评估（已达到目标值的仍标为已达到）"
      "。",
      "4. “98以上”等目标按 98 判断是否达到。"};
  return write_xlsx_form(form);
}

}  // namespace duibiao
