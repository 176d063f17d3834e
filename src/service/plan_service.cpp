#include "service/plan_service.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>

#include "domain/objection.h"
#include "domain/requirement.h"
#include "domain/standard_number.h"
#include "domain/text.h"
#include "service/access.h"
#include "service/audit_service.h"
#include "store/reference_store.h"
#include "store/standard_store.h"

namespace duibiao {
namespace {

constexpr size_t kMaxIndicators = 300;
constexpr size_t kMaxStandards = 30;

PlanVisibility visibility_of(const Caller& caller) {
  PlanVisibility v;
  if (!caller.user) return v;
  v.internal_statuses = true;
  v.author_id = caller.user->id;
  v.everything = caller.user->role == Role::kNationalOffice || caller.user->role == Role::kAdmin;
  return v;
}

bool is_publisher(const User& u) {
  return u.role == Role::kNationalOffice || u.role == Role::kAdmin;
}

bool is_author(const User& u, const Plan& p) {
  return u.id == p.author_id || u.role == Role::kAdmin;
}

// China Standard Time (UTC+8) date, YYYY-MM-DD: notice periods are set in local dates.
std::string today_cst() {
  std::time_t t = static_cast<std::time_t>(now_unix() + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string search_text_of(const Plan& p) {
  std::string t = p.plan_number + " " + p.product + " " + p.author_org + " " + p.summary;
  for (const auto& s : p.standards) {
    t += " " + s.number;
    for (char c : s.number)
      if (c != ' ') t.push_back(c);
    t += " " + s.title;
  }
  for (const auto& i : p.indicators) t += " " + i.name;
  return to_lower_ascii(t);
}

std::string audit_json(const Plan& p) {
  nlohmann::json standards = nlohmann::json::array();
  for (const auto& s : p.standards) standards.push_back({{"role", s.role}, {"number", s.number}});
  return nlohmann::json{{"id", p.id},
                        {"plan_number", p.plan_number},
                        {"version", p.version},
                        {"status", p.status},
                        {"product", p.product},
                        {"author_org", p.author_org},
                        {"standards", standards},
                        {"indicators", p.indicators.size()}}
      .dump();
}

// Validates and normalizes the content; verdicts are computed here, never typed by hand.
Result<void> normalize_input(App& app, const PlanInput& in, Plan& p) {
  std::map<std::string, std::string> fields;
  p.product = std::string(trim(in.product));
  if (p.product.empty())
    fields["product"] = "请填写产品类别";
  else if (utf8_length(p.product) > 100)
    fields["product"] = "产品类别最多100个字";
  p.author_org = std::string(trim(in.author_org));
  if (p.author_org.empty())
    fields["author_org"] = "请填写起草单位";
  else if (utf8_length(p.author_org) > 100)
    fields["author_org"] = "起草单位最多100个字";
  p.summary = std::string(trim(in.summary));
  if (utf8_length(p.summary) > 4000) fields["summary"] = "说明最多4000个字";
  p.industry_code = std::string(trim(in.industry_code));
  if (!p.industry_code.empty()) {
    bool known = false;
    app.db.read([&](Tx& tx) { known = find_industry(tx, p.industry_code).has_value(); });
    if (!known) fields["industry_code"] = "行业代码“" + p.industry_code + "”不存在";
  }
  if (in.standards.size() > kMaxStandards) fields["standards"] = "标准最多30项";
  p.standards.clear();
  for (size_t i = 0; i < in.standards.size() && i < kMaxStandards; ++i) {
    const auto& s = in.standards[i];
    std::string key = "standards[" + std::to_string(i) + "]";
    if (s.role != "domestic" && s.role != "benchmark") {
      fields[key + ".role"] = "应为 domestic（国内标准）或 benchmark（对标标准）";
      continue;
    }
    auto parsed = parse_standard_number(s.number);
    if (!parsed) {
      fields[key + ".number"] = parsed.error;
      continue;
    }
    std::string title(trim(s.title));
    if (title.empty()) {
      app.db.read([&](Tx& tx) {
        if (auto found = find_standard_by_number(tx, parsed.value.normalized))
          title = found->title_zh;
      });
    }
    p.standards.push_back({s.role, parsed.value.normalized, title});
  }
  if (in.indicators.size() > kMaxIndicators) fields["indicators"] = "关键技术指标最多300项";
  p.indicators.clear();
  for (size_t i = 0; i < in.indicators.size() && i < kMaxIndicators; ++i) {
    PlanIndicator row = in.indicators[i];
    std::string key = "indicators[" + std::to_string(i) + "]";
    row.name = std::string(trim(row.name));
    if (row.name.empty()) fields[key + ".name"] = "请填写指标名称";
    for (auto* text : {&row.unit, &row.domestic_requirement, &row.benchmark_requirement,
                       &row.domestic_method, &row.benchmark_method, &row.notes})
      *text = std::string(trim(*text));
    if (utf8_length(row.name) > 100) fields[key + ".name"] = "指标名称最多100个字";
    row.verdict.clear();
    row.verdict_reason.clear();
    if (!row.domestic_requirement.empty() && !row.benchmark_requirement.empty()) {
      ParseOptions options;
      options.default_unit = row.unit;
      auto a = parse_requirement(row.domestic_requirement, options);
      auto b = parse_requirement(row.benchmark_requirement, options);
      auto c = compare_requirements(a, b);
      row.verdict = std::string(verdict_name(c.verdict));
      row.verdict_reason = std::string(c.reason);
      if (!a.ok())
        row.verdict_reason = "国内标准要求无法解析：" + std::string(a.reason);
      else if (!b.ok())
        row.verdict_reason = "对标标准要求无法解析：" + std::string(b.reason);
    }
    p.indicators.push_back(std::move(row));
  }
  if (!fields.empty()) return fail(Error::validation(fields));
  return {};
}

// Completeness a plan needs before it leaves the drafting body.
Result<void> check_complete(App& app, const Plan& p) {
  std::map<std::string, std::string> fields;
  bool domestic = false, benchmark = false;
  for (size_t i = 0; i < p.standards.size(); ++i) {
    const auto& s = p.standards[i];
    if (s.role == "domestic") domestic = true;
    if (s.role != "benchmark") continue;
    benchmark = true;
    bool in_catalog = false;
    app.db.read([&](Tx& tx) { in_catalog = find_standard_by_number(tx, s.number).has_value(); });
    if (!in_catalog)
      fields["standards[" + std::to_string(i) + "].number"] =
          "对标标准 " + s.number + " 不在标准目录中：请先由技术机构或全国办录入";
  }
  std::vector<std::string> missing;
  if (!domestic) missing.push_back("至少需要一项国内标准");
  if (!benchmark) missing.push_back("至少需要一项对标标准（国际标准或国外先进标准）");
  if (!missing.empty()) fields["standards"] = join(missing, "；");
  if (p.indicators.empty()) fields["indicators"] = "至少需要一项关键技术指标";
  // 2. every indicator row states both requirements before it leaves the drafting body
  for (size_t i = 0; i < p.indicators.size(); ++i) {
    const auto& row = p.indicators[i];
    std::string key = "indicators[" + std::to_string(i) + "]";
    if (row.domestic_requirement.empty())
      fields[key + ".domestic_requirement"] = "请填写国内标准的要求（" + row.name + "）";
    if (row.benchmark_requirement.empty())
      fields[key + ".benchmark_requirement"] = "请填写对标标准的要求（" + row.name + "）";
  }
  if (!fields.empty()) return fail(Error::validation(fields, "方案内容不完整，不能提交"));
  return {};
}

void record_event(Tx& tx, const Caller& caller, long long plan_id, const std::string& action,
                  const std::string& from, const std::string& to, const std::string& comment) {
  PlanEvent e;
  e.at = now_unix();
  e.actor_id = caller.user ? caller.user->id : 0;
  e.actor_name = caller.user ? caller.user->display_name : "";
  e.action = action;
  e.from_status = from;
  e.to_status = to;
  e.comment = comment;
  insert_plan_event(tx, plan_id, e);
}

}  // namespace

std::string plan_status_label_zh(const std::string& status) {
  if (status == "draft") return "草稿";
  if (status == "consultation") return "征求意见";
  if (status == "notice") return "公示";
  if (status == "published") return "已发布";
  if (status == "superseded") return "已被替代";
  if (status == "withdrawn") return "已废止";
  return status;
}

std::string format_plan_number(int year, const std::string& region_code, long long sequence) {
  char seq[16];
  std::snprintf(seq, sizeof seq, "%04lld", sequence);
  return "DBFA-" + std::to_string(year) + "-" + region_code + "-" + seq;
}

Result<PageResult<Plan>> list_plans_for(App& app, const Caller& caller, PlanFilter filter,
                                        const Page& page) {
  filter.q = to_lower_ascii(trim(filter.q));
  if (!filter.standard.empty()) {
    auto parsed = parse_standard_number(filter.standard);
    if (!parsed) return fail(Error::field("standard", parsed.error));
    filter.standard = parsed.value.normalized;
  }
  PageResult<Plan> out;
  app.db.read([&](Tx& tx) { out = list_plans(tx, visibility_of(caller), filter, page); });
  return out;
}

Result<Plan> get_plan(App& app, const Caller& caller, long long id) {
  std::optional<Plan> p;
  app.db.read([&](Tx& tx) { p = find_plan(tx, visibility_of(caller), id); });
  if (!p) return fail(Error::not_found("技术方案不存在"));
  return *p;
}

Result<Plan> get_published_plan(App& app, const std::string& number) {
  std::optional<Plan> p;
  std::string n = to_upper_ascii(trim(number));
  app.db.read([&](Tx& tx) { p = find_published_plan(tx, n); });
  if (!p) return fail(Error::not_found("没有编号为 " + n + " 的已发布技术方案"));
  return *p;
}

Result<Plan> create_plan(App& app, const Caller& caller, const PlanInput& in) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  if ((*me)->role != Role::kTechnicalBody && (*me)->role != Role::kAdmin)
    return fail(Error::forbidden("对标技术方案由技术机构起草"));
  Plan p;
  PlanInput effective = in;
  if (trim(effective.author_org).empty()) effective.author_org = (*me)->display_name;
  if (auto ok = normalize_input(app, effective, p); !ok) return fail(ok.error());
  p.status = "draft";
  p.author_id = (*me)->id;
  p.region_code = (*me)->region_code.empty() ? "000000" : (*me)->region_code;
  p.created_at = p.updated_at = now_unix();
  app.db.write([&](Tx& tx) {
    p.id = insert_plan(tx, p, search_text_of(p));
    replace_plan_content(tx, p.id, p.standards, p.indicators);
    record_event(tx, caller, p.id, "create", "", "draft", "");
    record_audit(tx, caller, "create", "plan", std::to_string(p.id), "/", 0,
                 "起草技术方案：" + p.product, "", audit_json(p));
  });
  return p;
}

Result<Plan> update_plan_content(App& app, const Caller& caller, long long id,
                                 const PlanInput& in) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto current = get_plan(app, caller, id);
  if (!current) return fail(current.error());
  if (!is_author(**me, *current)) return fail(Error::forbidden("只有起草人可以修改方案"));
  if (current->status != "draft")
    return fail(Error::conflict("只有草稿状态的方案可以修改（当前：" +
                                plan_status_label_zh(current->status) + "）"));
  Plan p = *current;
  if (auto ok = normalize_input(app, in, p); !ok) return fail(ok.error());
  p.updated_at = now_unix();
  Result<Plan> out = fail(Error::internal());
  app.db.write([&](Tx& tx) {
    // Re-check inside the transaction: a concurrent submit must not be overwritten.
    auto fresh = find_plan(tx, visibility_of(caller), id);
    if (!fresh || fresh->status != "draft") {
      out = fail(Error::conflict("方案状态已变化，请刷新后重试"));
      return;
    }
    update_plan(tx, p, search_text_of(p));
    replace_plan_content(tx, p.id, p.standards, p.indicators);
    record_audit(tx, caller, "update", "plan", std::to_string(p.id), "/", 0,
                 "修改技术方案草稿：" + p.product, audit_json(*fresh), audit_json(p));
    out = p;
  });
  return out;
}

Result<Plan> act_on_plan(App& app, const Caller& caller, long long id, const PlanAction& a) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto current = get_plan(app, caller, id);
  if (!current) return fail(current.error());
  const User& user = **me;
  std::string from = current->status, to;
  Plan p = *current;
  std::string comment(trim(a.comment));
  if (a.action == "submit") {
    if (!is_author(user, p)) return fail(Error::forbidden("只有起草人可以提交征求意见"));
    if (from != "draft") return fail(Error::conflict("只有草稿可以提交征求意见"));
    if (auto ok = check_complete(app, p); !ok) return fail(ok.error());
    to = "consultation";
  } else if (a.action == "notice") {
    if (!is_author(user, p)) return fail(Error::forbidden("只有起草人可以发起公示"));
    if (from != "consultation") return fail(Error::conflict("征求意见后才能公示"));
    std::map<std::string, std::string> fields;
    if (!is_iso_date(a.notice_start)) fields["notice_start"] = "公示开始日期格式应为 YYYY-MM-DD";
    if (!is_iso_date(a.notice_end)) fields["notice_end"] = "公示结束日期格式应为 YYYY-MM-DD";
    if (fields.empty() && a.notice_end < a.notice_start)
      fields["notice_end"] = "公示结束日期不能早于开始日期";
    if (!fields.empty()) return fail(Error::validation(fields));
    p.notice_start = a.notice_start;
    p.notice_end = a.notice_end;
    to = "notice";
  } else if (a.action == "publish") {
    if (!is_publisher(user)) return fail(Error::forbidden("技术方案由全国专项行动办公室发布"));
    if (from != "notice") return fail(Error::conflict("公示后才能发布"));
    if (today_cst() < p.notice_end)
      return fail(Error::conflict("公示期至 " + p.notice_end + " 结束，结束后才能发布"));
    to = "published";
  } else if (a.action == "reject") {
    if (!is_publisher(user)) return fail(Error::forbidden("只有全国专项行动办公室可以退回方案"));
    if (from != "consultation" && from != "notice")
      return fail(Error::conflict("只有征求意见或公示中的方案可以退回"));
    if (comment.empty()) return fail(Error::field("comment", "退回须说明理由"));
    p.last_reason = comment;
    p.notice_start.clear();  // a new notice period is set when it is publicised again
    p.notice_end.clear();
    to = "draft";
  } else if (a.action == "withdraw") {
    if (!is_publisher(user)) return fail(Error::forbidden("只有全国专项行动办公室可以废止方案"));
    if (from != "published") return fail(Error::conflict("只有已发布的方案可以废止"));
    if (comment.empty()) return fail(Error::field("comment", "废止须说明理由"));
    p.last_reason = comment;
    to = "withdrawn";
  } else {
    return fail(Error::field(
        "action", "未知操作“" + a.action + "”：应为 submit、notice、publish、reject 或 withdraw"));
  }
  Result<Plan> out = fail(Error::internal());
  app.db.write([&](Tx& tx) {
    auto fresh = find_plan(tx, visibility_of(caller), id);
    if (!fresh || fresh->status != from) {
      out = fail(Error::conflict("方案状态已变化，请刷新后重试"));
      return;
    }
    long long now = now_unix();
    if (to == "published") {
      if (p.plan_number.empty()) {
        int year = std::stoi(today_cst().substr(0, 4));
        std::string prefix = "DBFA-" + std::to_string(year) + "-" + p.region_code;
        p.plan_number = format_plan_number(year, p.region_code, next_plan_sequence(tx, prefix));
      }
      p.published_at = now;
      // The version this one replaces leaves the stage; it must still be the current one.
      if (p.replaces_id != 0) {
        PlanVisibility all;
        all.everything = true;
        auto old = find_plan(tx, all, p.replaces_id);
        if (!old || old->status != "published") {
          out = fail(Error::conflict("被修订的版本已不是现行版本（已被替代或废止），不能发布"));
          return;
        }
        if (old) {
          old->status = "superseded";
          old->updated_at = now;
          update_plan(tx, *old, search_text_of(*old));
          record_event(tx, caller, old->id, "supersede", "published", "superseded",
                       "被第" + std::to_string(p.version) + "版替代");
        }
      }
    }
    p.status = to;
    p.updated_at = now;
    update_plan(tx, p, search_text_of(p));
    record_event(tx, caller, p.id, a.action, from, to, comment);
    record_audit(tx, caller, a.action, "plan", std::to_string(p.id), "/", 0,
                 "技术方案 " + p.product + "：" + from + " → " + to, audit_json(*fresh),
                 audit_json(p));
    out = p;
  });
  return out;
}

Result<Plan> new_plan_version(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto current = get_plan(app, caller, id);
  if (!current) return fail(current.error());
  if ((*me)->role != Role::kTechnicalBody && (*me)->role != Role::kAdmin)
    return fail(Error::forbidden("新版本由技术机构起草"));
  if (current->status != "published")
    return fail(Error::conflict("只能在已发布的方案上修订新版本"));
  Plan p = *current;
  p.id = 0;
  p.version = current->version + 1;
  p.replaces_id = current->id;
  p.status = "draft";
  p.author_id = (*me)->id;
  p.notice_start.clear();
  p.notice_end.clear();
  p.last_reason.clear();
  p.published_at = 0;
  p.created_at = p.updated_at = now_unix();
  Result<Plan> out = fail(Error::internal());
  try {
    app.db.write([&](Tx& tx) {
      // Checked inside the transaction so two simultaneous requests cannot both start one.
      if (has_revision(tx, current->id)) {
        out = fail(Error::conflict("该方案已有修订中的新版本，请在那一版上继续修订"));
        return;
      }
      p.id = insert_plan(tx, p, search_text_of(p));
      replace_plan_content(tx, p.id, p.standards, p.indicators);
      record_event(tx, caller, p.id, "new_version", "", "draft",
                   "修订自第" + std::to_string(current->version) + "版");
      record_audit(tx, caller, "new_version", "plan", std::to_string(p.id), "/", 0,
                   "修订技术方案 " + p.plan_number + " 第" + std::to_string(p.version) + "版", "",
                   audit_json(p));
      out = p;
    });
  } catch (const std::exception& e) {
    if (!is_constraint_violation(e)) throw;
    return fail(Error::conflict("该方案已有修订中的新版本，请在那一版上继续修订"));
  }
  return out;
}

Result<std::vector<PlanObjection>> plan_objections(App& app, const Caller& caller, long long id) {
  auto plan = get_plan(app, caller, id);
  if (!plan) return fail(plan.error());
  std::vector<PlanObjection> out;
  app.db.read([&](Tx& tx) { out = list_objections(tx, id); });
  return out;
}

Result<PlanObjection> file_objection(App& app, const Caller& caller, long long id,
                                     const std::string& text_in) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto plan = get_plan(app, caller, id);
  if (!plan) return fail(plan.error());
  if (plan->status != "notice") return fail(Error::conflict("只有公示期内的方案可以提出异议"));
  auto text = objection_text(text_in, "text", "请填写异议内容（最多2000字）");
  if (!text) return fail(text.error());
  PlanObjection o = new_objection(**me, id, *text, now_unix());
  app.db.write([&](Tx& tx) {
    o.id = insert_objection(tx, id, o);
    record_event(tx, caller, id, "objection", plan->status, plan->status, o.text);
    record_audit(tx, caller, "objection", "plan", std::to_string(id), "/", 0, "对技术方案提出异议",
                 "", nlohmann::json{{"text", o.text}}.dump());
  });
  return o;
}

Result<PlanObjection> answer_plan_objection(App& app, const Caller& caller, long long id,
                                            long long objection_id, const std::string& answer) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto plan = get_plan(app, caller, id);
  if (!plan) return fail(plan.error());
  if (!is_author(**me, *plan)) return fail(Error::forbidden("异议由方案起草人答复"));
  auto text = objection_text(answer, "answer", "请填写答复内容（最多2000字）");
  if (!text) return fail(text.error());
  Result<PlanObjection> out = fail(Error::not_found("异议不存在"));
  app.db.write([&](Tx& tx) {
    if (!answer_objection(tx, id, objection_id, *text, now_unix())) return;
    record_event(tx, caller, id, "answer", plan->status, plan->status, *text);
    for (auto& o : list_objections(tx, id))
      if (o.id == objection_id) out = o;
  });
  return out;
}

Result<std::vector<PlanEvent>> plan_events(App& app, const Caller& caller, long long id) {
  auto plan = get_plan(app, caller, id);
  if (!plan) return fail(plan.error());
  std::vector<PlanEvent> out;
  app.db.read([&](Tx& tx) { out = list_plan_events(tx, id); });
  return out;
}

}  // namespace duibiao
