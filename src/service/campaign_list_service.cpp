#include "service/campaign_list_service.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "domain/roles.h"
#include "domain/text.h"
#include "io/xlsx.h"
#include "service/access.h"
#include "service/audit_service.h"
#include "service/caches.h"
#include "service/campaign_service.h"
#include "service/campaign_stats_service.h"
#include "service/import_file.h"
#include "store/enterprise_store.h"
#include "store/plan_store.h"

namespace duibiao {
namespace {

// Header text without spaces and line breaks ("平台现有\n技术方案编号" in the paper form).
std::string header_key(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (s.substr(i, 3) == "\xE3\x80\x80") {  // full-width space
      i += 2;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

struct ColumnMap {
  size_t header_row = 0;
  std::map<std::string, size_t> index;  // form column → position
};

// Finds the header row (the first row with a 企业名称 cell, among the first 10) and every
// column of the form; 422 naming the missing ones.
Result<ColumnMap> find_columns(const std::vector<std::vector<std::string>>& rows) {
  for (size_t r = 0; r < rows.size() && r < 10; ++r) {
    std::map<std::string, size_t> found;
    for (size_t c = 0; c < rows[r].size(); ++c) {
      std::string key = header_key(rows[r][c]);
      if (key == "序") key = "序号";
      if (!key.empty() && !found.count(key)) found[key] = c;
    }
    if (!found.count("企业名称")) continue;
    ColumnMap map{r, {}};
    std::vector<std::string> missing;
    for (auto col : list_form_columns()) {
      std::string name(col);
      if (found.count(name))
        map.index[name] = found[name];
      else
        missing.push_back("“" + name + "”");
    }
    if (!missing.empty())
      return fail(Error::field(
          "file", "表头缺少" + join(missing, "、") +
                      "列：请使用附件2模板（序号、企业名称、产品名称、执行标准号、名称、"
                      "比对标准号、名称、平台现有技术方案编号、另行制定技术方案技术支持需求）"));
    return map;
  }
  return fail(Error::field(
      "file", "未找到表头：前 10 行中应有一行包含“企业名称”等附件2的列名，请下载模板"));
}

struct PendingRow {
  size_t line = 0;
  Enterprise enterprise;
  CampaignListRow row;
};

std::string upper_ascii(std::string_view s) {
  return to_upper_ascii(s);
}

}  // namespace

Result<PageResult<CampaignListRow>> list_campaign_list(App& app, const Caller& caller, long long id,
                                                       const std::string& q,
                                                       const std::string& region_code,
                                                       const Page& page) {
  auto access = campaign_data_access(app, caller, id);
  if (!access) return fail(access.error());
  auto scope = narrow_scope(app, access->scope, region_code);
  if (!scope) return fail(scope.error());
  PageResult<CampaignListRow> out;
  std::string needle = to_lower_ascii(trim(q));
  app.db.read([&](Tx& tx) { out = list_rows(tx, *scope, id, needle, page); });
  return out;
}

Result<ListImportReport> import_campaign_list(App& app, const Caller& caller, long long id,
                                              std::string_view bytes, bool good_rows_only) {
  auto access = campaign_member_access(app, caller, id);
  if (!access) return fail(access.error());
  auto table = read_import_table(bytes, "附件2企业名单");
  if (!table) return fail(table.error());
  auto& rows = *table;
  if (rows.empty()) return fail(Error::field("file", "文件为空：第一行应为表头，请下载附件2模板"));
  auto cols = find_columns(rows);
  if (!cols) return fail(cols.error());
  if (rows.size() - cols->header_row - 1 > kMaxListImportRows)
    return fail(Error::field("file", "一次最多导入 50000 行，请分批导入"));
  auto col = [&](const std::vector<std::string>& row, const char* name) {
    return import_cell(row, cols->index.at(name));
  };

  ListImportReport report;
  std::vector<PendingRow> pending;
  std::map<std::string, size_t> seen;  // enterprise id + product → first line
  // Resolve everything in a read first: the write below then only inserts.
  std::map<std::string, std::vector<Enterprise>> enterprise_cache;
  std::map<std::string, bool> plan_cache;
  app.db.read([&](Tx& tx) {
    for (size_t r = cols->header_row + 1; r < rows.size(); ++r) {
      const auto& row = rows[r];
      bool blank = true;
      for (const auto& c : row)
        if (!trim(c).empty()) blank = false;
      if (blank) continue;
      size_t line = r + 1;
      std::string name = col(row, "企业名称");
      std::string seq_text = col(row, "序号");
      // The form's notes (注：1、… 2、…) end the table; a row with nothing but its number is an
      // unused line of the paper form.
      if (seq_text.rfind("注", 0) == 0) break;
      bool only_number = true;
      for (size_t c = 0; c < row.size(); ++c)
        if (c != cols->index.at("序号") && !trim(row[c]).empty()) only_number = false;
      if (only_number) continue;
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
      PendingRow p;
      p.line = line;
      if (name.empty()) {
        error("企业名称", "请填写企业名称（或统一社会信用代码）");
      } else {
        auto it = enterprise_cache.find(name);
        if (it == enterprise_cache.end())
          it = enterprise_cache
                   .emplace(name, find_enterprises_by_name_or_code(tx, access->scope, name,
                                                                   upper_ascii(name)))
                   .first;
        if (it->second.empty())
          error("企业名称", "企业“" + name + "”未在平台注册，或不在您管辖的区域内");
        else if (it->second.size() > 1)
          error("企业名称", "有多家名为“" + name + "”的企业，请改填统一社会信用代码");
        else
          p.enterprise = it->second.front();
      }
      p.row.product_name = col(row, "产品名称");
      if (p.row.product_name.empty())
        error("产品名称", "请填写产品名称");
      else if (utf8_length(p.row.product_name) > 100)
        error("产品名称", "产品名称最多100个字");
      p.row.executed_standards = col(row, "执行标准号、名称");
      if (p.row.executed_standards.empty()) {
        error("执行标准号、名称", "请填写企业执行的标准号和名称");
      } else {
        auto cell = parse_standard_cell(p.row.executed_standards);
        if (!cell.error.empty()) error("执行标准号、名称", cell.error);
        for (const auto& i : cell.items) p.row.executed_numbers.push_back(i.normalized);
      }
      p.row.benchmark_standards = col(row, "比对标准号、名称");
      if (!p.row.benchmark_standards.empty()) {
        auto cell = parse_standard_cell(p.row.benchmark_standards);
        if (!cell.error.empty()) error("比对标准号、名称", cell.error);
        for (const auto& i : cell.items) p.row.benchmark_numbers.push_back(i.normalized);
      }
      p.row.plan_number = upper_ascii(col(row, "平台现有技术方案编号"));
      if (!p.row.plan_number.empty()) {
        auto it = plan_cache.find(p.row.plan_number);
        if (it == plan_cache.end())
          it = plan_cache
                   .emplace(p.row.plan_number,
                            find_published_plan(tx, p.row.plan_number).has_value())
                   .first;
        if (!it->second)
          error("平台现有技术方案编号", "平台上没有已发布的技术方案“" + p.row.plan_number +
                                            "”：请填写已发布方案的编号，如 DBFA-2026-330200-0001");
      }
      std::string support = col(row, "另行制定技术方案技术支持需求");
      if (support == "是" || support == "需要")
        p.row.support_needed = true;
      else if (!support.empty() && support != "否" && support != "不需要" && support != "无")
        error("另行制定技术方案技术支持需求", "应填“是”，不需要时填“否”或留空");
      if (report.errors.size() > before) continue;
      std::string key = std::to_string(p.enterprise.id) + "\n" + p.row.product_name;
      if (auto it = seen.find(key); it != seen.end()) {
        error("产品名称", "与第 " + std::to_string(it->second) + " 行重复（同一企业的同一产品）");
        continue;
      }
      seen[key] = line;
      if (list_row_exists(tx, id, p.enterprise.id, p.row.product_name)) {
        error("产品名称", "该企业的这一产品已在名单中");
        continue;
      }
      pending.push_back(std::move(p));
    }
  });
  report.rejected = !report.errors.empty() && !good_rows_only;
  if (report.rejected || pending.empty()) {
    std::sort(report.errors.begin(), report.errors.end(),
              [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
    return report;
  }
  long long now = now_unix();
  app.db.write([&](Tx& tx) {
    int seq = next_list_seq(tx, id);
    for (auto& p : pending) {
      if (add_member_in(tx, caller, access->campaign, p.enterprise)) ++report.members_added;
      p.row.campaign_id = id;
      p.row.seq = seq++;
      p.row.enterprise_id = p.enterprise.id;
      p.row.region_path = p.enterprise.region_path;
      p.row.created_by = caller.user->id;
      p.row.created_at = now;
      p.row.id = insert_list_row(tx, p.row);
      ++report.imported;
      if (p.row.support_needed) {
        SupportRequest s;
        s.campaign_id = id;
        s.list_row_id = p.row.id;
        s.enterprise_id = p.enterprise.id;
        s.region_path = p.enterprise.region_path;
        s.industry_code = p.enterprise.industry_code;
        s.product_name = p.row.product_name;
        s.executed_standards = p.row.executed_standards;
        s.benchmark_standards = p.row.benchmark_standards;
        s.created_at = s.updated_at = now;
        insert_support_request(tx, s);
        ++report.support_requests;
      }
    }
    if (report.members_added) refresh_member_batches(tx, id);
    record_audit(tx, caller, "import_list", "campaign", std::to_string(id),
                 access->campaign.region_path, 0,
                 "导入附件2企业名单 " + std::to_string(report.imported) + " 行，新增参与企业 " +
                     std::to_string(report.members_added) + " 家，错误 " +
                     std::to_string(report.errors.size()) + " 行",
                 "", "");
  });
  std::sort(report.errors.begin(), report.errors.end(),
            [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
  return report;
}

Result<void> delete_campaign_list_row(App& app, const Caller& caller, long long id,
                                      long long row_id) {
  auto access = campaign_member_access(app, caller, id);
  if (!access) return fail(access.error());
  bool found = false;
  app.db.write([&](Tx& tx) {
    auto row = find_list_row(tx, access->scope, id, row_id);
    if (!row) return;
    found = true;
    delete_support_request_of_row(tx, row_id);
    delete_list_row(tx, row_id);
    record_audit(
        tx, caller, "delete_list_row", "campaign", std::to_string(id), row->region_path,
        row->enterprise_id, "从附件2名单删除 " + row->enterprise_name + " / " + row->product_name,
        nlohmann::json{{"row_id", row_id}, {"product_name", row->product_name}}.dump(), "");
  });
  if (!found) return fail(Error::not_found("名单中没有这一行"));
  return {};
}

namespace {
std::vector<XlsxColumn> form_columns() {
  return {{"序号", 6},
          {"企业名称", 30},
          {"产品名称", 20},
          {"执行标准号、名称", 34},
          {"比对标准号、名称", 34},
          {"平台现有技术方案编号", 22},
          {"另行制定技术方案技术支持需求", 18}};
}

std::string chinese_date(const std::string& ymd) {
  return ymd.substr(0, 4) + "年" + ymd.substr(5, 2) + "月" + ymd.substr(8, 2) + "日";
}

XlsxForm list_form(App& app, const Caller& caller, const Campaign& c) {
  XlsxForm form;
  form.sheet_name = "附件2";
  form.title = c.region_name + std::to_string(c.year) + "年参加对标达标提升专项行动企业名单";
  std::string unit = caller.user->region_code.empty()
                         ? std::string("国家专项行动办公室")
                         : (cached_region(app, caller.user->region_code)
                                ? cached_region(app, caller.user->region_code)->name
                                : "") +
                               "市场监管局";
  form.subtitle = "填报单位：" + unit + "        填报日期：" + chinese_date(today_in_china());
  form.columns = form_columns();
  form.notes = {"注：1、“平台现有技术方案编号”：填写准备直接使用的平台现有技术方案的编号。",
                "2、“另行制定技术方案技术支持需求”：另行制定技术方案时若需要技术支持的填“是”。"};
  return form;
}
}  // namespace

Result<std::string> campaign_list_xlsx(App& app, const Caller& caller, long long id,
                                       const std::string& region_code) {
  auto access = campaign_data_access(app, caller, id);
  if (!access) return fail(access.error());
  auto scope = narrow_scope(app, access->scope, region_code);
  if (!scope) return fail(scope.error());
  XlsxForm form = list_form(app, caller, access->campaign);
  app.db.read([&](Tx& tx) {
    for (int page = 1;; ++page) {
      auto rows = list_rows(tx, *scope, id, "", Page{page, 200});
      for (const auto& r : rows.items)
        form.rows.push_back({std::to_string(form.rows.size() + 1), r.enterprise_name,
                             r.product_name, r.executed_standards, r.benchmark_standards,
                             r.plan_number, r.support_needed ? "是" : ""});
      if (rows.items.size() < 200 || form.rows.size() >= kMaxListImportRows) break;
    }
  });
  return write_xlsx_form(form);
}

Result<std::string> campaign_list_template(App& app, const Caller& caller, long long id) {
  auto access = campaign_data_access(app, caller, id);
  if (!access) return fail(access.error());
  // Empty numbered lines like the paper form; an example row would not import (its enterprise
  // does not exist), so the notes say how to fill the columns instead.
  XlsxForm form = list_form(app, caller, access->campaign);
  for (int i = 1; i <= 10; ++i) form.rows.push_back({std::to_string(i), "", "", "", "", "", ""});
  form.notes.insert(
      form.notes.begin(),
      "填写说明：企业名称须与平台注册名称一致（或填统一社会信用代码）；标准栏先写标准号再写名称，"
      "如“GB 4706.19-2008 液体加热器的特殊要求”，多项用分号分隔。");
  return write_xlsx_form(form);
}

Result<PageResult<SupportRequest>> list_support_requests_for(App& app, const Caller& caller,
                                                             const SupportFilter& f,
                                                             const Page& page) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  std::optional<Scope> scope;
  if ((*me)->role == Role::kTechnicalBody || (*me)->role == Role::kExpert)
    scope = Scope{};
  else
    scope = data_scope(**me);
  if (!scope) return fail(Error::forbidden("当前角色无权查看技术支持需求"));
  if (!f.status.empty() && support_status_label_zh(f.status).empty())
    return fail(Error::field("status", "status 应为 open、taken 或 done"));
  PageResult<SupportRequest> out;
  app.db.read([&](Tx& tx) { out = list_support_requests(tx, *scope, f, page); });
  return out;
}

Result<SupportRequest> act_on_support_request(App& app, const Caller& caller, long long id,
                                              const std::string& action, const std::string& note) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  const User& u = **me;
  if (u.role != Role::kTechnicalBody)
    return fail(Error::forbidden("技术支持需求由标准化技术机构受理"));
  if (action != "take" && action != "done")
    return fail(Error::field("action", "action 应为 take（受理）或 done（完成）"));
  std::string text(trim(note));
  if (utf8_length(text) > 2000) return fail(Error::field("note", "说明最多2000个字"));
  if (action == "done" && text.empty())
    return fail(Error::field("note", "完成时请说明提供了哪些技术支持"));
  Result<SupportRequest> out = fail(Error::not_found("技术支持需求不存在"));
  app.db.write([&](Tx& tx) {
    auto r = find_support_request(tx, Scope{}, id);
    if (!r) return;
    SupportRequest before = *r;
    if (action == "take") {
      if (r->status != "open") {
        out = fail(Error::conflict("该需求已由" + r->taken_by_name + "受理"));
        return;
      }
      r->status = "taken";
      r->taken_by = u.id;
      r->taken_by_name = u.display_name.empty() ? u.username : u.display_name;
      if (!text.empty()) r->note = text;
    } else {
      if (r->status == "taken" && r->taken_by != u.id) {
        out = fail(Error::forbidden("只有受理该需求的机构可以标记完成"));
        return;
      }
      if (r->status != "taken") {
        out = fail(Error::conflict(r->status == "done" ? "该需求已完成" : "请先受理该需求"));
        return;
      }
      r->status = "done";
      r->note = text;
    }
    r->updated_at = now_unix();
    update_support_request(tx, *r);
    auto j = [](const SupportRequest& s) {
      return nlohmann::json{{"status", s.status}, {"taken_by", s.taken_by}, {"note", s.note}}
          .dump();
    };
    record_audit(tx, caller, action == "take" ? "take" : "done", "support_request",
                 std::to_string(id), r->region_path, r->enterprise_id,
                 (action == "take" ? "受理技术支持需求 " : "完成技术支持需求 ") + r->product_name,
                 j(before), j(*r));
    out = *r;
  });
  return out;
}

}  // namespace duibiao
