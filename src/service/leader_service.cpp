#include "service/leader_service.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/objection.h"
#include "domain/standard_number.h"
#include "domain/text.h"
#include "service/access.h"
#include "service/audit_service.h"
#include "store/enterprise_store.h"
#include "store/plan_store.h"
#include "store/reference_store.h"
#include "store/result_store.h"
#include "store/standard_store.h"

namespace duibiao {
namespace {

constexpr size_t kMaxIndicators = 30;
constexpr const char* kPlanMissing = "领跑者评价方案不存在";
constexpr const char* kRoundMissing = "评价轮次不存在";
constexpr const char* kDeclarationMissing = "申报不存在";

std::string today_cst() {
  std::time_t t = static_cast<std::time_t>(now_unix() + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

bool is_overseer(const User& u) {
  return u.role == Role::kNationalOffice || u.role == Role::kAdmin;
}
bool is_evaluator(const User& u, const LeaderPlan& p) {
  return u.id == p.author_id || u.role == Role::kAdmin;
}

LeaderPlanVisibility visibility_of(const Caller& caller) {
  LeaderPlanVisibility v;
  if (!caller.user) return v;
  v.author_id = caller.user->id;
  v.everything = is_overseer(*caller.user);
  return v;
}

LeaderPlanVisibility all_plans() {
  LeaderPlanVisibility v;
  v.everything = true;
  return v;
}

std::vector<LeaderIndicatorDef> defs_of(const LeaderPlan& p) {
  std::vector<LeaderIndicatorDef> out;
  for (const auto& i : p.indicators)
    out.push_back({i.name, i.unit,
                   i.direction == "lower" ? Direction::kLowerBetter : Direction::kHigherBetter,
                   i.baseline});
  return out;
}

std::string plan_search_text(const LeaderPlan& p) {
  std::string t = p.plan_number + " " + p.product + " " + p.evaluator + " " + p.joint_evaluators +
                  " " + p.basis_standard;
  for (const auto& i : p.indicators) t += " " + i.name;
  return to_lower_ascii(t);
}

std::string plan_audit(const LeaderPlan& p) {
  nlohmann::json ind = nlohmann::json::array();
  for (const auto& i : p.indicators)
    ind.push_back({{"name", i.name}, {"direction", i.direction}, {"baseline", i.baseline}});
  return nlohmann::json{{"id", p.id},           {"plan_number", p.plan_number},
                        {"status", p.status},   {"product", p.product},
                        {"version", p.version}, {"indicators", ind}}
      .dump();
}

std::string declaration_audit(const LeaderDeclaration& d) {
  return nlohmann::json{{"id", d.id},
                        {"round_id", d.round_id},
                        {"standard_number", d.standard_number},
                        {"values", d.values},
                        {"status", d.status},
                        {"level", d.level},
                        {"commitment_hash", d.commitment_hash},
                        {"version", d.version}}
      .dump();
}

Result<void> check_text(std::map<std::string, std::string>& fields, const std::string& key,
                        const std::string& value, size_t max, const char* label, bool required) {
  if (required && value.empty())
    fields[key] = std::string("请填写") + label;
  else if (utf8_length(value) > max)
    fields[key] = std::string(label) + "最多" + std::to_string(max) + "个字";
  return {};
}

Result<void> normalize_plan(App& app, const LeaderPlanInput& in, LeaderPlan& p) {
  std::map<std::string, std::string> fields;
  p.product = std::string(trim(in.product));
  check_text(fields, "product", p.product, 100, "产品", true);
  p.evaluator = std::string(trim(in.evaluator));
  check_text(fields, "evaluator", p.evaluator, 100, "评估机构", true);
  p.joint_evaluators = std::string(trim(in.joint_evaluators));
  check_text(fields, "joint_evaluators", p.joint_evaluators, 1000, "联合评估机构", false);
  p.summary = std::string(trim(in.summary));
  check_text(fields, "summary", p.summary, 4000, "说明", false);
  p.industry_code = std::string(trim(in.industry_code));
  if (!p.industry_code.empty()) {
    bool known = false;
    app.db.read([&](Tx& tx) { known = find_industry(tx, p.industry_code).has_value(); });
    if (!known) fields["industry_code"] = "行业代码“" + p.industry_code + "”不存在";
  }
  std::string basis(trim(in.basis_standard));
  p.basis_standard.clear();
  if (!basis.empty()) {
    auto parsed = parse_standard_number(basis);
    if (!parsed)
      fields["basis_standard"] = parsed.error;
    else
      p.basis_standard = parsed.value.normalized;
  }
  if (in.tier_cuts) p.rule.cuts = *in.tier_cuts;
  if (in.leader_tiers) p.rule.leader_tiers = *in.leader_tiers;
  if (in.follower_tiers) p.rule.follower_tiers = *in.follower_tiers;
  if (auto why = check_tier_rule(p.rule); !why.empty()) fields["tier_cuts"] = why;
  if (in.indicators.size() > kMaxIndicators) fields["indicators"] = "核心指标最多30项";
  p.indicators.clear();
  for (size_t i = 0; i < in.indicators.size() && i < kMaxIndicators; ++i) {
    LeaderIndicator row = in.indicators[i];
    std::string key = "indicators[" + std::to_string(i) + "]";
    for (auto* t :
         {&row.name, &row.unit, &row.direction, &row.baseline, &row.baseline_source, &row.notes})
      *t = std::string(trim(*t));
    check_text(fields, key + ".name", row.name, 100, "指标名称", true);
    check_text(fields, key + ".unit", row.unit, 20, "单位", false);
    check_text(fields, key + ".baseline_source", row.baseline_source, 100, "基准值来源", false);
    check_text(fields, key + ".notes", row.notes, 500, "备注", false);
    if (!parse_direction(row.direction))
      fields[key + ".direction"] = "应为 higher（越大越好）或 lower（越小越好）";
    else if (!row.baseline.empty()) {
      LeaderIndicatorDef def{
          row.name, row.unit,
          row.direction == "lower" ? Direction::kLowerBetter : Direction::kHigherBetter,
          row.baseline};
      RankValue b = read_baseline(def);
      if (!b.ok) fields[key + ".baseline"] = "基准值" + b.reason;
    }
    for (size_t j = 0; j < p.indicators.size(); ++j)
      if (!row.name.empty() && p.indicators[j].name == row.name)
        fields[key + ".name"] = "指标“" + row.name + "”重复";
    p.indicators.push_back(std::move(row));
  }
  if (!fields.empty()) return fail(Error::validation(fields));
  return {};
}

Result<void> check_plan_complete(const LeaderPlan& p) {
  std::map<std::string, std::string> fields;
  if (p.indicators.empty()) fields["indicators"] = "至少需要一项核心指标";
  for (size_t i = 0; i < p.indicators.size(); ++i)
    if (p.indicators[i].baseline.empty())
      fields["indicators[" + std::to_string(i) + "].baseline"] =
          "请填写国家/行业标准基准值（" + p.indicators[i].name + "）";
  if (p.basis_standard.empty()) fields["basis_standard"] = "请填写评价依据标准";
  if (!fields.empty()) return fail(Error::validation(fields, "方案内容不完整，不能公示"));
  return {};
}

Result<void> check_notice_dates(const LeaderAction& a) {
  std::map<std::string, std::string> fields;
  if (!is_iso_date(a.notice_start)) fields["notice_start"] = "公示开始日期格式应为 YYYY-MM-DD";
  if (!is_iso_date(a.notice_end)) fields["notice_end"] = "公示结束日期格式应为 YYYY-MM-DD";
  if (fields.empty() && a.notice_end < a.notice_start)
    fields["notice_end"] = "公示结束日期不能早于开始日期";
  if (!fields.empty()) return fail(Error::validation(fields));
  return {};
}

Result<LeaderPlan> load_plan(App& app, const Caller& caller, long long id) {
  std::optional<LeaderPlan> p;
  app.db.read([&](Tx& tx) { p = find_leader_plan(tx, visibility_of(caller), id); });
  if (!p) return fail(Error::not_found(kPlanMissing));
  return *p;
}

// The round and its plan, when the caller may see the plan.
Result<std::pair<LeaderRound, LeaderPlan>> load_round(App& app, const Caller& caller,
                                                      long long id) {
  std::optional<LeaderRound> r;
  std::optional<LeaderPlan> p;
  app.db.read([&](Tx& tx) {
    r = find_leader_round(tx, id);
    if (r) p = find_leader_plan(tx, visibility_of(caller), r->plan_id);
  });
  if (!r || !p) return fail(Error::not_found(kRoundMissing));
  return std::make_pair(*r, *p);
}

// Whose declarations a caller sees: the evaluator and overseers all; regulators their subtree;
// an enterprise its own; nobody else.
Result<Scope> declaration_scope(const Caller& caller, const LeaderPlan& plan) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  const User& u = **me;
  if (is_evaluator(u, plan) || is_overseer(u)) return Scope{};
  if (is_regulator(u.role) || u.role == Role::kEnterprise) {
    if (auto s = data_scope(u)) return *s;
  }
  return fail(Error::forbidden("只有评估机构、监管部门和申报企业可以查看申报"));
}

std::string cells_json(const std::vector<RankCell>& cells) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& c : cells)
    a.push_back({{"state", cell_state_name(c.state)},
                 {"tier", c.tier},
                 {"position", c.position},
                 {"reason", c.reason}});
  return a.dump();
}

LeaderRoundView round_view(Tx& tx, const Caller& caller, LeaderRound r, LeaderPlan p) {
  LeaderRoundView v;
  v.rounds = list_leader_rounds(tx, p.id);
  if (caller.user) {
    v.can_manage = is_evaluator(*caller.user, p) || is_overseer(*caller.user);
    v.declarations =
        v.can_manage ? list_leader_declarations(tx, Scope{}, r.id, Page{1, 1}).total : -1;
  } else {
    v.declarations = -1;
  }
  v.round = std::move(r);
  v.plan = std::move(p);
  return v;
}

Result<std::vector<std::string>> values_from_result(Tx& tx, const LeaderPlan& plan,
                                                    long long enterprise_id,
                                                    const std::string& code) {
  auto r = find_published_result(tx, code);
  if (!r || r->enterprise_id != enterprise_id)
    return fail(Error::field("result_code", "没有本企业编号为 " + code + " 的已发布对标结果"));
  auto rplan = find_plan(tx, PlanVisibility{true, true, true, 0}, r->plan_id);
  std::vector<std::string> values(plan.indicators.size());
  if (!rplan) return values;
  for (size_t i = 0; i < plan.indicators.size(); ++i)
    for (size_t j = 0; j < rplan->indicators.size() && j < r->content.entries.size(); ++j)
      if (rplan->indicators[j].name == plan.indicators[i].name) {
        const auto& e = r->content.entries[j];
        values[i] =
            e.revised_requirement.empty() ? e.enterprise_requirement : e.revised_requirement;
      }
  return values;
}

Result<void> normalize_declaration(Tx& tx, const LeaderPlan& plan, long long enterprise_id,
                                   const DeclarationInput& in, LeaderDeclaration& d) {
  std::map<std::string, std::string> fields;
  d.product_name = std::string(trim(in.product_name));
  check_text(fields, "product_name", d.product_name, 100, "产品名称", false);
  auto parsed = parse_standard_number(trim(in.standard_number));
  if (std::string(trim(in.standard_number)).empty())
    fields["standard_number"] = "请填写申报的企业标准编号";
  else if (!parsed)
    fields["standard_number"] = parsed.error;
  else
    d.standard_number = parsed.value.normalized;
  d.result_code = to_upper_ascii(trim(in.result_code));
  std::vector<std::string> values;
  if (!d.result_code.empty()) {
    auto from = values_from_result(tx, plan, enterprise_id, d.result_code);
    if (!from)
      fields.insert(from.error().fields.begin(), from.error().fields.end());
    else
      values = *from;
  }
  if (in.values) {
    if (in.values->size() > plan.indicators.size())
      fields["values"] =
          "指标值最多" + std::to_string(plan.indicators.size()) + "项（与方案核心指标一一对应）";
    values.resize(plan.indicators.size());
    for (size_t i = 0; i < in.values->size() && i < plan.indicators.size(); ++i) {
      std::string v(trim((*in.values)[i]));
      if (utf8_length(v) > 200) fields["values[" + std::to_string(i) + "]"] = "指标值最多200个字";
      if (!v.empty() || d.result_code.empty()) values[i] = v;
    }
  }
  values.resize(plan.indicators.size());
  d.values = values;
  if (!fields.empty()) return fail(Error::validation(fields));
  return {};
}

// Thrown inside a write transaction when a row changed under it: the transaction rolls back.
struct StaleRow {};

std::string declaration_search(const LeaderDeclaration& d, const LeaderPlan& p) {
  return to_lower_ascii(d.enterprise_name + " " + d.standard_number + " " + d.product_name + " " +
                        p.product + " " + p.plan_number + " " + p.evaluator);
}

}  // namespace

std::string format_leader_plan_number(int year, const std::string& region_code, long long seq) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04lld", seq);
  return "LPPJ-" + std::to_string(year) + "-" + region_code + "-" + buf;
}

Result<PageResult<LeaderPlan>> list_leader_plans_for(App& app, const Caller& caller,
                                                     const std::string& q,
                                                     const std::string& status, const Page& page) {
  if (!status.empty() && status != "draft" && status != "notice" && status != "published" &&
      status != "withdrawn")
    return fail(Error::field("status", "应为 draft、notice、published 或 withdrawn"));
  PageResult<LeaderPlan> out;
  std::string lq = to_lower_ascii(trim(q));
  app.db.read(
      [&](Tx& tx) { out = list_leader_plans(tx, visibility_of(caller), lq, status, page); });
  return out;
}

Result<LeaderPlan> get_leader_plan(App& app, const Caller& caller, long long id) {
  return load_plan(app, caller, id);
}

Result<LeaderPlan> create_leader_plan(App& app, const Caller& caller, const LeaderPlanInput& in) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  if ((*me)->role != Role::kTechnicalBody && (*me)->role != Role::kAdmin)
    return fail(Error::forbidden("领跑者评价方案由技术机构起草"));
  LeaderPlan p;
  LeaderPlanInput effective = in;
  if (trim(effective.evaluator).empty()) effective.evaluator = (*me)->display_name;
  if (auto ok = normalize_plan(app, effective, p); !ok) return fail(ok.error());
  p.status = "draft";
  p.author_id = (*me)->id;
  p.region_code = (*me)->region_code.empty() ? "000000" : (*me)->region_code;
  p.created_at = p.updated_at = now_unix();
  app.db.write([&](Tx& tx) {
    p.id = insert_leader_plan(tx, p, plan_search_text(p));
    replace_leader_indicators(tx, p.id, p.indicators);
    record_audit(tx, caller, "create", "leader_plan", std::to_string(p.id), "/", 0,
                 "起草领跑者评价方案：" + p.product, "", plan_audit(p));
  });
  return p;
}

Result<LeaderPlan> update_leader_plan_content(App& app, const Caller& caller, long long id,
                                              int version, const LeaderPlanInput& in) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto current = load_plan(app, caller, id);
  if (!current) return fail(current.error());
  if (!is_evaluator(**me, *current)) return fail(Error::forbidden("只有起草机构可以修改方案"));
  if (current->status != "draft") return fail(Error::conflict("只有草稿状态的方案可以修改"));
  LeaderPlan p = *current;
  if (auto ok = normalize_plan(app, in, p); !ok) return fail(ok.error());
  p.version = current->version + 1;
  p.updated_at = now_unix();
  Result<LeaderPlan> out = fail(Error::internal());
  app.db.write([&](Tx& tx) {
    auto fresh = find_leader_plan(tx, all_plans(), id);
    if (!fresh || fresh->status != "draft" || fresh->version != version ||
        !update_leader_plan(tx, p, plan_search_text(p), version)) {
      out = fail(Error::conflict("方案已被修改或状态已变化，请刷新后重试"));
      return;
    }
    replace_leader_indicators(tx, p.id, p.indicators);
    record_audit(tx, caller, "update", "leader_plan", std::to_string(p.id), "/", 0,
                 "修改领跑者评价方案草稿：" + p.product, plan_audit(*fresh), plan_audit(p));
    out = p;
  });
  return out;
}

Result<LeaderPlan> act_on_leader_plan(App& app, const Caller& caller, long long id,
                                      const LeaderAction& a) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto current = load_plan(app, caller, id);
  if (!current) return fail(current.error());
  const User& u = **me;
  LeaderPlan p = *current;
  std::string from = p.status, to;
  std::string comment(trim(a.comment));
  if (a.action == "notice") {
    if (!is_evaluator(u, p)) return fail(Error::forbidden("只有起草机构可以发起公示"));
    if (from != "draft") return fail(Error::conflict("只有草稿可以公示"));
    if (auto ok = check_plan_complete(p); !ok) return fail(ok.error());
    if (auto ok = check_notice_dates(a); !ok) return fail(ok.error());
    p.notice_start = a.notice_start;
    p.notice_end = a.notice_end;
    to = "notice";
  } else if (a.action == "publish") {
    if (!is_evaluator(u, p) && !is_overseer(u))
      return fail(Error::forbidden("方案由起草机构或全国专项行动办公室发布"));
    if (from != "notice") return fail(Error::conflict("公示后才能发布"));
    if (today_cst() < p.notice_end)
      return fail(Error::conflict("公示期至 " + p.notice_end + " 结束，结束后才能发布"));
    to = "published";
  } else if (a.action == "reject") {
    if (!is_overseer(u)) return fail(Error::forbidden("只有全国专项行动办公室可以退回方案"));
    if (from != "notice") return fail(Error::conflict("只有公示中的方案可以退回"));
    if (comment.empty()) return fail(Error::field("comment", "退回须说明理由"));
    p.last_reason = comment;
    p.notice_start.clear();
    p.notice_end.clear();
    to = "draft";
  } else if (a.action == "withdraw") {
    if (!is_evaluator(u, p) && !is_overseer(u))
      return fail(Error::forbidden("方案由起草机构或全国专项行动办公室废止"));
    if (from != "published") return fail(Error::conflict("只有已发布的方案可以废止"));
    if (comment.empty()) return fail(Error::field("comment", "废止须说明理由"));
    p.last_reason = comment;
    to = "withdrawn";
  } else {
    return fail(Error::field(
        "action", "未知操作“" + a.action + "”：应为 notice、publish、reject 或 withdraw"));
  }
  Result<LeaderPlan> out = fail(Error::internal());
  app.db.write([&](Tx& tx) {
    auto fresh = find_leader_plan(tx, all_plans(), id);
    int expected = fresh ? fresh->version : 0;
    if (!fresh || fresh->status != from || (a.version != 0 && a.version != expected)) {
      out = fail(Error::conflict("方案状态已变化，请刷新后重试"));
      return;
    }
    long long now = now_unix();
    if (to == "published" && p.plan_number.empty()) {
      int year = std::stoi(today_cst().substr(0, 4));
      std::string prefix = "LPPJ-" + std::to_string(year) + "-" + p.region_code;
      p.plan_number =
          format_leader_plan_number(year, p.region_code, next_plan_sequence(tx, prefix));
      p.published_at = now;
    }
    p.status = to;
    p.version = expected + 1;
    p.updated_at = now;
    if (!update_leader_plan(tx, p, plan_search_text(p), expected)) {
      out = fail(Error::conflict("方案状态已变化，请刷新后重试"));
      return;
    }
    record_audit(tx, caller, a.action, "leader_plan", std::to_string(p.id), "/", 0,
                 "领跑者评价方案 " + p.product + "：" + from + " → " + to, plan_audit(*fresh),
                 plan_audit(p));
    out = p;
  });
  return out;
}

Result<std::vector<LeaderObjection>> leader_plan_objections(App& app, const Caller& caller,
                                                            long long id) {
  auto p = load_plan(app, caller, id);
  if (!p) return fail(p.error());
  std::vector<LeaderObjection> out;
  app.db.read([&](Tx& tx) { out = list_leader_objections(tx, id); });
  return out;
}

Result<LeaderObjection> file_leader_objection(App& app, const Caller& caller, long long id,
                                              const std::string& text_in) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto p = load_plan(app, caller, id);
  if (!p) return fail(p.error());
  if (p->status != "notice") return fail(Error::conflict("只有公示期内的方案可以提出异议"));
  auto text = objection_text(text_in, "text", "请填写异议内容（最多2000字）");
  if (!text) return fail(text.error());
  LeaderObjection o = new_objection(**me, id, *text, now_unix());
  app.db.write([&](Tx& tx) {
    o.id = insert_leader_objection(tx, o);
    record_audit(tx, caller, "objection", "leader_plan", std::to_string(id), "/", 0,
                 "对领跑者评价方案提出异议", "", nlohmann::json{{"text", o.text}}.dump());
  });
  return o;
}

Result<LeaderObjection> answer_leader_plan_objection(App& app, const Caller& caller, long long id,
                                                     long long objection_id,
                                                     const std::string& answer) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto p = load_plan(app, caller, id);
  if (!p) return fail(p.error());
  if (!is_evaluator(**me, *p)) return fail(Error::forbidden("异议由方案起草机构答复"));
  auto text = objection_text(answer, "answer", "请填写答复内容（最多2000字）");
  if (!text) return fail(text.error());
  Result<LeaderObjection> out = fail(Error::not_found("异议不存在"));
  app.db.write([&](Tx& tx) {
    if (!answer_leader_objection(tx, id, objection_id, *text, now_unix())) return;
    record_audit(tx, caller, "answer", "leader_plan", std::to_string(id), "/", 0,
                 "答复领跑者评价方案异议", "", nlohmann::json{{"answer", *text}}.dump());
    for (auto& o : list_leader_objections(tx, id))
      if (o.id == objection_id) out = o;
  });
  return out;
}

Result<std::vector<LeaderRound>> leader_plan_rounds(App& app, const Caller& caller, long long id) {
  auto p = load_plan(app, caller, id);
  if (!p) return fail(p.error());
  std::vector<LeaderRound> out;
  app.db.read([&](Tx& tx) { out = list_leader_rounds(tx, id); });
  return out;
}

Result<LeaderRoundView> open_leader_round(App& app, const Caller& caller, long long plan_id,
                                          const std::string& title_in) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto p = load_plan(app, caller, plan_id);
  if (!p) return fail(p.error());
  if (!is_evaluator(**me, *p)) return fail(Error::forbidden("评价轮次由方案的评估机构发起"));
  if (p->status != "published") return fail(Error::conflict("方案发布后才能开始评价"));
  std::string title(trim(title_in));
  if (utf8_length(title) > 100) return fail(Error::field("title", "轮次名称最多100个字"));
  Result<LeaderRoundView> out = fail(Error::internal());
  try {
    app.db.write([&](Tx& tx) {
      auto rounds = list_leader_rounds(tx, plan_id);
      if (!rounds.empty() && rounds.back().status != "published") {
        out = fail(Error::conflict("上一轮评价尚未发布名单，不能开始新一轮"));
        return;
      }
      LeaderRound r;
      r.plan_id = plan_id;
      r.round_no = rounds.empty() ? 1 : rounds.back().round_no + 1;
      r.title = title.empty()
                    ? today_cst().substr(0, 4) + "年度第" + std::to_string(r.round_no) + "轮"
                    : title;
      r.status = "declaring";
      r.created_at = r.updated_at = now_unix();
      r.id = insert_leader_round(tx, r);
      record_audit(tx, caller, "create", "leader_round", std::to_string(r.id), "/", 0,
                   "开始领跑者评价 " + p->product + " " + r.title, "",
                   nlohmann::json{{"plan_id", plan_id}, {"round_no", r.round_no}}.dump());
      out = round_view(tx, caller, r, *p);
    });
  } catch (const std::exception& e) {
    if (!is_constraint_violation(e)) throw;
    return fail(Error::conflict("新一轮已由他人开始，请刷新"));
  }
  return out;
}

Result<LeaderRoundView> get_leader_round(App& app, const Caller& caller, long long id) {
  auto rp = load_round(app, caller, id);
  if (!rp) return fail(rp.error());
  LeaderRoundView v;
  app.db.read([&](Tx& tx) { v = round_view(tx, caller, rp->first, rp->second); });
  return v;
}

Result<RankingView> leader_round_ranking(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto rp = load_round(app, caller, id);
  if (!rp) return fail(rp.error());
  if (!is_evaluator(**me, rp->second) && !is_overseer(**me))
    return fail(Error::forbidden("排名由评估机构和全国专项行动办公室查看"));
  RankingView v;
  v.round = rp->first;
  v.plan = rp->second;
  app.db.read([&](Tx& tx) { v.declarations = all_leader_declarations(tx, id); });
  std::vector<std::vector<std::string>> values;
  values.reserve(v.declarations.size());
  for (const auto& d : v.declarations) values.push_back(d.values);
  v.outcome = rank_declarations(defs_of(v.plan), values, v.plan.rule);
  return v;
}

Result<LeaderRoundView> act_on_leader_round(App& app, const Caller& caller, long long id,
                                            const LeaderAction& a) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto rp = load_round(app, caller, id);
  if (!rp) return fail(rp.error());
  const User& u = **me;
  LeaderRound r = rp->first;
  const LeaderPlan& plan = rp->second;
  std::string from = r.status, to;
  if (a.action == "shortlist") {
    if (!is_evaluator(u, plan)) return fail(Error::forbidden("入围名单由评估机构确定"));
    if (from != "declaring") return fail(Error::conflict("只有申报中的轮次可以确定入围名单"));
    to = "shortlisted";
  } else if (a.action == "notice") {
    if (!is_evaluator(u, plan)) return fail(Error::forbidden("名单公示由评估机构发起"));
    if (from != "shortlisted") return fail(Error::conflict("确定入围名单后才能公示"));
    if (auto ok = check_notice_dates(a); !ok) return fail(ok.error());
    r.notice_start = a.notice_start;
    r.notice_end = a.notice_end;
    to = "notice";
  } else if (a.action == "publish") {
    if (!is_evaluator(u, plan) && !is_overseer(u))
      return fail(Error::forbidden("名单由评估机构或全国专项行动办公室发布"));
    if (from != "notice") return fail(Error::conflict("名单公示后才能发布"));
    if (today_cst() < r.notice_end)
      return fail(Error::conflict("公示期至 " + r.notice_end + " 结束，结束后才能发布"));
    to = "published";
  } else {
    return fail(
        Error::field("action", "未知操作“" + a.action + "”：应为 shortlist、notice 或 publish"));
  }
  Result<LeaderRoundView> out = fail(Error::internal());
  try {
    app.db.write([&](Tx& tx) {
      auto fresh = find_leader_round(tx, id);
      if (!fresh || fresh->status != from || (a.version != 0 && a.version != fresh->version)) {
        out = fail(Error::conflict("轮次状态已变化，请刷新后重试"));
        return;
      }
      long long now = now_unix();
      auto decls = all_leader_declarations(tx, id);
      if (to == "shortlisted") {
        if (decls.empty()) {
          out = fail(Error::conflict("还没有企业申报，不能确定入围名单"));
          return;
        }
        std::vector<std::vector<std::string>> values;
        for (const auto& d : decls) values.push_back(d.values);
        RankingOutcome o = rank_declarations(defs_of(plan), values, plan.rule);
        if (!o.any_ranked) {
          out = fail(Error::conflict("所有核心指标的值都相同或无可比值：不分档、不发布排名"));
          return;
        }
        for (size_t i = 0; i < decls.size(); ++i) {
          auto& d = decls[i];
          const auto& dec = o.declarations[i];
          int expected = d.version;
          d.level = dec.level == Level::kNone ? "" : std::string(level_name(dec.level));
          d.status = dec.level == Level::kNone ? "not_shortlisted" : "shortlisted";
          d.overall_tier = dec.overall_tier;
          d.reason = dec.reason;
          d.tiers = cells_json(o.cells[i]);
          d.version = expected + 1;
          d.updated_at = now;
          if (!update_leader_declaration(tx, d, expected)) throw StaleRow{};
        }
        nlohmann::json ind = nlohmann::json::array();
        for (size_t i = 0; i < o.indicators.size(); ++i)
          ind.push_back({{"name", plan.indicators[i].name},
                         {"status", indicator_ranking_name(o.indicators[i].status)},
                         {"ranked", o.indicators[i].ranked},
                         {"tier_counts", o.indicators[i].tier_counts}});
        r.ranking = nlohmann::json{
            {"declarations", decls.size()},
            {"leaders", o.leaders},
            {"followers", o.followers},
            {"rule", describe_tier_rule(plan.rule)},
            {"indicators",
             ind}}.dump();
      } else if (to == "notice") {
        bool any = false;
        for (const auto& d : decls) any = any || d.status == "committed";
        if (!any) {
          out = fail(Error::conflict("还没有入围企业提交承诺书，不能公示"));
          return;
        }
      } else if (to == "published") {
        for (auto& d : decls) {
          if (d.status != "committed" && d.status != "shortlisted") continue;
          int expected = d.version;
          d.status = d.status == "committed" ? "listed" : "dropped";
          if (d.status == "dropped") d.reason = "未提交承诺书";
          d.version = expected + 1;
          d.updated_at = now;
          if (!update_leader_declaration(tx, d, expected)) throw StaleRow{};
        }
        r.published_at = now;
      }
      int expected = fresh->version;
      r.status = to;
      r.version = expected + 1;
      r.updated_at = now;
      if (!update_leader_round(tx, r, expected)) {
        out = fail(Error::conflict("轮次状态已变化，请刷新后重试"));
        return;
      }
      record_audit(tx, caller, a.action, "leader_round", std::to_string(r.id), "/", 0,
                   "领跑者评价 " + plan.product + " " + r.title + "：" + from + " → " + to, "",
                   nlohmann::json{{"status", to}, {"ranking", r.ranking}}.dump());
      out = round_view(tx, caller, r, plan);
    });
  } catch (const StaleRow&) {
    return fail(Error::conflict("有企业同时修改了申报，请刷新后重试"));
  }
  return out;
}

Result<PageResult<LeaderDeclaration>> list_leader_declarations_for(App& app, const Caller& caller,
                                                                   long long round_id,
                                                                   const Page& page) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto rp = load_round(app, caller, round_id);
  if (!rp) return fail(rp.error());
  auto scope = declaration_scope(caller, rp->second);
  if (!scope) return fail(scope.error());
  PageResult<LeaderDeclaration> out;
  app.db.read([&](Tx& tx) { out = list_leader_declarations(tx, *scope, round_id, page); });
  return out;
}

Result<LeaderDeclaration> get_leader_declaration(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  std::optional<LeaderDeclaration> d;
  std::optional<LeaderPlan> p;
  app.db.read([&](Tx& tx) {
    d = find_leader_declaration(tx, Scope{}, id);
    if (d)
      if (auto r = find_leader_round(tx, d->round_id))
        p = find_leader_plan(tx, all_plans(), r->plan_id);
  });
  if (!d || !p) return fail(Error::not_found(kDeclarationMissing));
  auto scope = declaration_scope(caller, *p);
  // Outside the caller's scope: not found, whatever the reason.
  if (!scope || d->region_path < scope->lo || d->region_path >= scope->hi ||
      (scope->enterprise_id != 0 && scope->enterprise_id != d->enterprise_id))
    return fail(Error::not_found(kDeclarationMissing));
  return *d;
}

Result<LeaderDeclaration> declare_leader(App& app, const Caller& caller, long long round_id,
                                         const DeclarationInput& in) {
  auto who = require_enterprise(caller, "领跑者由企业自愿申报");
  if (!who) return fail(who.error());
  const auto& [user, scope] = *who;
  auto rp = load_round(app, caller, round_id);
  if (!rp) return fail(rp.error());
  const LeaderPlan& plan = rp->second;
  if (rp->first.status != "declaring" || plan.status != "published")
    return fail(Error::conflict("本轮已截止申报"));
  LeaderDeclaration d;
  Result<LeaderDeclaration> out = fail(Error::internal());
  try {
    app.db.write([&](Tx& tx) {
      if (auto ok = normalize_declaration(tx, plan, user->enterprise_id, in, d); !ok) {
        out = fail(ok.error());
        return;
      }
      auto e = find_enterprise(tx, scope, user->enterprise_id);
      auto fresh = find_leader_round(tx, round_id);
      if (!e || !fresh || fresh->status != "declaring") {
        out = fail(Error::conflict("本轮已截止申报"));
        return;
      }
      d.round_id = round_id;
      d.enterprise_id = e->id;
      d.enterprise_name = e->name;
      d.region_path = e->region_path;
      d.region_code = e->region_code;
      if (d.product_name.empty()) d.product_name = plan.product;
      d.status = "declared";
      d.created_at = d.updated_at = now_unix();
      d.id = insert_leader_declaration(tx, d, declaration_search(d, plan));
      record_audit(tx, caller, "create", "leader_declaration", std::to_string(d.id), d.region_path,
                   d.enterprise_id, "申报企业标准领跑者：" + d.standard_number, "",
                   declaration_audit(d));
      out = d;
    });
  } catch (const std::exception& e) {
    if (!is_constraint_violation(e)) throw;
    return fail(Error::conflict("本企业已在本轮申报过该标准",
                                {{"standard_number", "本轮已申报过 " + d.standard_number}}));
  }
  return out;
}

Result<LeaderDeclaration> update_leader_declaration_for(App& app, const Caller& caller,
                                                        long long id, int version,
                                                        const DeclarationInput& in) {
  auto who = require_enterprise(caller, "申报由企业修改");
  if (!who) return fail(who.error());
  const auto& [user, scope] = *who;
  auto current = get_leader_declaration(app, caller, id);
  if (!current) return fail(current.error());
  auto rp = load_round(app, caller, current->round_id);
  if (!rp) return fail(rp.error());
  if (rp->first.status != "declaring") return fail(Error::conflict("本轮已截止申报，不能修改"));
  Result<LeaderDeclaration> out = fail(Error::internal());
  try {
    app.db.write([&](Tx& tx) {
      LeaderDeclaration d = *current;
      if (auto ok = normalize_declaration(tx, rp->second, user->enterprise_id, in, d); !ok) {
        out = fail(ok.error());
        return;
      }
      auto fresh = find_leader_round(tx, d.round_id);
      if (!fresh || fresh->status != "declaring") {
        out = fail(Error::conflict("本轮已截止申报，不能修改"));
        return;
      }
      if (d.product_name.empty()) d.product_name = rp->second.product;
      d.version = version + 1;
      d.updated_at = now_unix();
      if (!update_leader_declaration(tx, d, version)) {
        out = fail(Error::conflict("申报已被修改，请刷新后重试"));
        return;
      }
      record_audit(tx, caller, "update", "leader_declaration", std::to_string(d.id), d.region_path,
                   d.enterprise_id, "修改领跑者申报：" + d.standard_number,
                   declaration_audit(*current), declaration_audit(d));
      out = d;
    });
  } catch (const std::exception& e) {
    if (!is_constraint_violation(e)) throw;
    return fail(Error::conflict("本企业已在本轮申报过该标准"));
  }
  return out;
}

Result<LeaderDeclaration> commit_leader_declaration(App& app, const Caller& caller, long long id,
                                                    int version, const std::string& hash_in) {
  auto who = require_enterprise(caller, "承诺书由入围企业上传");
  if (!who) return fail(who.error());
  const auto& [user, scope] = *who;
  (void)user;
  auto current = get_leader_declaration(app, caller, id);
  if (!current) return fail(current.error());
  std::string hash = to_lower_ascii(trim(hash_in));
  if (hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string::npos)
    return fail(Error::field("file_hash", "应为上传文件返回的64位十六进制 hash"));
  Result<LeaderDeclaration> out = fail(Error::internal());
  app.db.write([&](Tx& tx) {
    auto fresh = find_leader_declaration(tx, scope, id);
    auto round = fresh ? find_leader_round(tx, fresh->round_id) : std::nullopt;
    if (!fresh || !round) {
      out = fail(Error::not_found(kDeclarationMissing));
      return;
    }
    if (round->status != "shortlisted" ||
        (fresh->status != "shortlisted" && fresh->status != "committed")) {
      out = fail(Error::conflict("只有入围、尚未公示的申报可以提交承诺书"));
      return;
    }
    auto upload = find_upload(tx, scope, hash);
    if (!upload) {
      out = fail(Error::field("file_hash", "文件不存在：请先上传承诺书"));
      return;
    }
    LeaderDeclaration d = *fresh;
    d.commitment_hash = hash;
    d.commitment_name = upload->name;
    d.commitment_at = now_unix();
    d.status = "committed";
    d.version = version + 1;
    d.updated_at = d.commitment_at;
    if (!update_leader_declaration(tx, d, version)) {
      out = fail(Error::conflict("申报已被修改，请刷新后重试"));
      return;
    }
    record_audit(tx, caller, "commit", "leader_declaration", std::to_string(d.id), d.region_path,
                 d.enterprise_id, "提交领跑者承诺书：" + d.standard_number,
                 declaration_audit(*fresh), declaration_audit(d));
    out = d;
  });
  return out;
}

Result<StoredFile> leader_commitment_file(App& app, const Caller& caller, long long id) {
  auto d = get_leader_declaration(app, caller, id);
  if (!d) return fail(d.error());
  if (d->commitment_hash.empty()) return fail(Error::not_found("尚未提交承诺书"));
  std::optional<Upload> u;
  Scope owner;
  owner.enterprise_id = d->enterprise_id;
  app.db.read([&](Tx& tx) { u = find_upload(tx, owner, d->commitment_hash); });
  if (!u) return fail(Error::not_found("文件不存在"));
  namespace fs = std::filesystem;
  fs::path path = fs::path(app.config.upload_dir) / u->hash.substr(0, 2) / u->hash;
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Error::internal("文件已登记但无法读取，请联系管理员"));
  std::ostringstream ss;
  ss << in.rdbuf();
  return StoredFile{*u, ss.str()};
}

Result<PageResult<PublicEntry>> public_leader_entries(App& app, const std::string& q,
                                                      const std::string& level, long long round_id,
                                                      const Page& page) {
  if (!level.empty() && level != "leader" && level != "follower")
    return fail(Error::field("level", "应为 leader（领跑者）或 follower（跟跑者）"));
  std::string lq = to_lower_ascii(trim(q));
  if (utf8_length(lq) > 100) return fail(Error::field("q", "检索词最多100个字"));
  PageResult<PublicEntry> out;
  app.db.read([&](Tx& tx) {
    auto listed = list_listed_entries(tx, lq, level, round_id, page);
    out.total = listed.total;
    for (auto& e : listed.items) {
      PublicEntry p;
      if (auto r = find_region(tx, e.declaration.region_code)) p.region_name = r->name;
      p.entry = std::move(e);
      out.items.push_back(std::move(p));
    }
  });
  return out;
}

Result<LeaderRoundView> public_leader_round(App& app, long long id) {
  Caller anon;
  auto rp = load_round(app, anon, id);
  if (!rp || rp->first.status != "published") return fail(Error::not_found(kRoundMissing));
  LeaderRoundView v;
  app.db.read([&](Tx& tx) { v = round_view(tx, anon, rp->first, rp->second); });
  return v;
}

}  // namespace duibiao
