// 企业标准“领跑者” evaluation: plans, objections, rounds, ranking, declarations, commitment
// letters, and the public lists.
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "io/xlsx.h"
#include "service/leader_service.h"

namespace duibiao::http {
namespace {

const char* plan_status_label(const std::string& s) {
  if (s == "draft") return "草稿";
  if (s == "notice") return "公示";
  if (s == "published") return "已发布";
  if (s == "withdrawn") return "已废止";
  return "";
}
const char* round_status_label(const std::string& s) {
  if (s == "declaring") return "申报中";
  if (s == "shortlisted") return "已确定入围名单";
  if (s == "notice") return "名单公示";
  if (s == "published") return "名单已发布";
  return "";
}
const char* declaration_status_label(const std::string& s) {
  if (s == "declared") return "已申报";
  if (s == "shortlisted") return "入围，待提交承诺书";
  if (s == "not_shortlisted") return "未入围";
  if (s == "committed") return "已提交承诺书";
  if (s == "listed") return "已列入名单";
  if (s == "dropped") return "未列入（未提交承诺书）";
  return "";
}
const char* level_label(const std::string& l) {
  if (l == "leader") return "领跑者";
  if (l == "follower") return "跟跑者";
  return "";
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

Json rule_json(const TierRule& r) {
  return {{"tier_cuts", r.cuts},
          {"leader_tiers", r.leader_tiers},
          {"follower_tiers", r.follower_tiers},
          {"description", describe_tier_rule(r)}};
}

Json plan_json(const LeaderPlan& p) {
  Json ind = Json::array();
  for (const auto& i : p.indicators)
    ind.push_back({{"name", i.name},
                   {"unit", i.unit},
                   {"direction", i.direction},
                   {"direction_label", i.direction == "lower" ? "越小越好" : "越大越好"},
                   {"baseline", i.baseline},
                   {"baseline_source", i.baseline_source},
                   {"notes", i.notes}});
  return {{"id", p.id},
          {"plan_number", p.plan_number.empty() ? Json(nullptr) : Json(p.plan_number)},
          {"status", p.status},
          {"status_label", plan_status_label(p.status)},
          {"product", p.product},
          {"industry_code", p.industry_code},
          {"author_id", p.author_id},
          {"evaluator", p.evaluator},
          {"joint_evaluators", split_lines(p.joint_evaluators)},
          {"basis_standard", p.basis_standard},
          {"region_code", p.region_code},
          {"summary", p.summary},
          {"rule", rule_json(p.rule)},
          {"notice_start", p.notice_start},
          {"notice_end", p.notice_end},
          {"last_reason", p.last_reason},
          {"version", p.version},
          {"published_at", p.published_at ? Json(format_time_utc(p.published_at)) : Json(nullptr)},
          {"created_at", format_time_utc(p.created_at)},
          {"updated_at", format_time_utc(p.updated_at)},
          {"indicators", ind}};
}

Json round_brief(const LeaderRound& r) {
  return {{"id", r.id},
          {"plan_id", r.plan_id},
          {"round_no", r.round_no},
          {"title", r.title},
          {"status", r.status},
          {"status_label", round_status_label(r.status)},
          {"notice_start", r.notice_start},
          {"notice_end", r.notice_end},
          {"version", r.version},
          {"published_at", r.published_at ? Json(format_time_utc(r.published_at)) : Json(nullptr)},
          {"created_at", format_time_utc(r.created_at)}};
}

Json round_json(const LeaderRoundView& v, bool with_ranking_summary) {
  Json j = round_brief(v.round);
  j["plan"] = plan_json(v.plan);
  Json rounds = Json::array();
  for (const auto& r : v.rounds) rounds.push_back(round_brief(r));
  j["rounds"] = rounds;
  j["declarations"] = v.declarations < 0 ? Json(nullptr) : Json(v.declarations);
  j["can_manage"] = v.can_manage;
  if (with_ranking_summary && !v.round.ranking.empty())
    j["ranking_summary"] = Json::parse(v.round.ranking, nullptr, false);
  else
    j["ranking_summary"] = nullptr;
  return j;
}

Json tiers_json(const std::string& s) {
  if (s.empty()) return Json::array();
  Json j = Json::parse(s, nullptr, false);
  return j.is_discarded() ? Json::array() : j;
}

Json declaration_json(const LeaderDeclaration& d) {
  return {{"id", d.id},
          {"round_id", d.round_id},
          {"enterprise_id", d.enterprise_id},
          {"enterprise_name", d.enterprise_name},
          {"region_code", d.region_code},
          {"product_name", d.product_name},
          {"standard_number", d.standard_number},
          {"result_code", d.result_code.empty() ? Json(nullptr) : Json(d.result_code)},
          {"values", d.values},
          {"status", d.status},
          {"status_label", declaration_status_label(d.status)},
          {"level", d.level.empty() ? Json(nullptr) : Json(d.level)},
          {"level_label", level_label(d.level)},
          {"overall_tier", d.overall_tier ? Json(d.overall_tier) : Json(nullptr)},
          {"tiers", tiers_json(d.tiers)},
          {"reason", d.reason},
          {"commitment",
           d.commitment_hash.empty()
               ? Json(nullptr)
               : Json{{"name", d.commitment_name}, {"at", format_time_utc(d.commitment_at)}}},
          {"version", d.version},
          {"created_at", format_time_utc(d.created_at)},
          {"updated_at", format_time_utc(d.updated_at)}};
}

Json ranking_json(const RankingView& v) {
  const auto& o = v.outcome;
  Json indicators = Json::array();
  for (size_t i = 0; i < o.indicators.size(); ++i) {
    const auto& io = o.indicators[i];
    Json apart = Json::array();
    for (size_t d = 0; d < v.declarations.size(); ++d) {
      const auto& c = o.cells[d][i];
      if (c.state == CellState::kIncomparable || c.state == CellState::kBelowBaseline ||
          c.state == CellState::kMissing)
        apart.push_back({{"declaration_id", v.declarations[d].id},
                         {"enterprise_name", v.declarations[d].enterprise_name},
                         {"value", i < v.declarations[d].values.size() ? v.declarations[d].values[i]
                                                                       : std::string()},
                         {"state", cell_state_name(c.state)},
                         {"reason", c.reason}});
    }
    indicators.push_back({{"name", v.plan.indicators[i].name},
                          {"unit", v.plan.indicators[i].unit},
                          {"direction", v.plan.indicators[i].direction},
                          {"baseline", v.plan.indicators[i].baseline},
                          {"status", indicator_ranking_name(io.status)},
                          {"reason", io.reason},
                          {"ranked", io.ranked},
                          {"tier_counts", io.tier_counts},
                          {"apart", apart}});
  }
  Json decls = Json::array();
  for (size_t d = 0; d < v.declarations.size(); ++d) {
    const auto& dec = v.declarations[d];
    Json cells = Json::array();
    for (size_t i = 0; i < o.cells[d].size(); ++i) {
      const auto& c = o.cells[d][i];
      cells.push_back({{"value", i < dec.values.size() ? dec.values[i] : std::string()},
                       {"state", cell_state_name(c.state)},
                       {"tier", c.tier ? Json(c.tier) : Json(nullptr)},
                       {"reason", c.reason}});
    }
    const auto& out = o.declarations[d];
    decls.push_back(
        {{"id", dec.id},
         {"enterprise_name", dec.enterprise_name},
         {"region_code", dec.region_code},
         {"standard_number", dec.standard_number},
         {"status", dec.status},
         {"overall_tier", out.overall_tier ? Json(out.overall_tier) : Json(nullptr)},
         {"level",
          out.level == Level::kNone ? Json(nullptr) : Json(std::string(level_name(out.level)))},
         {"level_label", std::string(level_label_zh(out.level))},
         {"reason", out.reason},
         {"cells", cells}});
  }
  return {{"round", round_brief(v.round)}, {"rule", rule_json(v.plan.rule)},
          {"any_ranked", o.any_ranked},    {"leaders", o.leaders},
          {"followers", o.followers},      {"indicators", indicators},
          {"declarations", decls}};
}

// What the public may see of a listed entry: no values, no files, no internal ids of people.
Json public_entry_json(const PublicEntry& p) {
  const auto& e = p.entry;
  const auto& d = e.declaration;
  Json tiers = Json::array();
  for (const auto& c : tiers_json(d.tiers))
    tiers.push_back({{"state", c.value("state", "")}, {"tier", c.value("tier", 0)}});
  return {{"id", d.id},
          {"enterprise_name", d.enterprise_name},
          {"region_code", d.region_code},
          {"region_name", p.region_name},
          {"product_name", d.product_name},
          {"standard_number", d.standard_number},
          {"level", d.level},
          {"level_label", level_label(d.level)},
          {"overall_tier", d.overall_tier},
          {"tiers", tiers},
          {"result_code", d.result_code.empty() ? Json(nullptr) : Json(d.result_code)},
          {"plan_id", e.plan_id},
          {"plan_number", e.plan_number},
          {"product", e.product},
          {"evaluator", e.evaluator},
          {"round_id", d.round_id},
          {"round_no", e.round_no},
          {"round_title", e.round_title},
          {"published_at", e.published_at ? Json(format_time_utc(e.published_at)) : Json(nullptr)}};
}

Result<LeaderPlanInput> read_plan_input(const Request& req) {
  auto body = parse_json_object(req);
  if (!body) return fail(body.error());
  DtoReader in(*body, "");
  LeaderPlanInput p;
  p.product = in.str("product");
  p.industry_code = in.str("industry_code");
  p.evaluator = in.str("evaluator");
  // One organisation per entry (stored one per line).
  {
    std::string joined;
    for (const auto& j : in.str_list("joint_evaluators")) {
      std::string one(trim(j));
      if (one.empty()) continue;
      if (!joined.empty()) joined += "\n";
      joined += one;
    }
    p.joint_evaluators = joined;
  }
  p.basis_standard = in.str("basis_standard");
  p.summary = in.str("summary");
  if (body->contains("leader_tiers") && !(*body)["leader_tiers"].is_null())
    p.leader_tiers = static_cast<int>(std::clamp<long long>(in.integer("leader_tiers"), -1, 100));
  if (body->contains("follower_tiers") && !(*body)["follower_tiers"].is_null())
    p.follower_tiers =
        static_cast<int>(std::clamp<long long>(in.integer("follower_tiers"), -1, 100));
  if (const Json* cuts = array_member(*body, in, "tier_cuts", 10)) {
    std::vector<int> v;
    for (const auto& c : *cuts) {
      if (!c.is_number_integer()) {
        in.errors()["tier_cuts"] = "类型错误：应为整数数组（各档累计百分比）";
        break;
      }
      v.push_back(static_cast<int>(std::clamp<long long>(c.get<long long>(), -1, 1000)));
    }
    p.tier_cuts = v;
  }
  if (const Json* inds = array_member(*body, in, "indicators", 100)) {
    for (size_t i = 0; i < inds->size(); ++i) {
      const Json& s = (*inds)[i];
      std::string key = "indicators[" + std::to_string(i) + "]";
      if (!s.is_object()) {
        in.errors()[key] = "类型错误：应为对象";
        continue;
      }
      DtoReader r(s, key + ".");
      LeaderIndicator row;
      row.name = r.str("name");
      row.unit = r.str("unit");
      row.direction = r.str("direction");
      row.baseline = r.str("baseline");
      row.baseline_source = r.str("baseline_source");
      row.notes = r.str("notes");
      p.indicators.push_back(std::move(row));
      in.merge(r);
    }
  }
  if (auto ok = in.finish(); !ok) return fail(ok.error());
  return p;
}

Result<LeaderAction> read_action(const Request& req) {
  auto body = parse_json_object(req);
  if (!body) return fail(body.error());
  DtoReader in(*body, "");
  LeaderAction a;
  a.action = in.str("action");
  a.comment = in.str("comment");
  a.notice_start = in.str("notice_start");
  a.notice_end = in.str("notice_end");
  a.version = static_cast<int>(std::clamp<long long>(in.integer("version"), 0, 1 << 30));
  if (auto ok = in.finish(); !ok) return fail(ok.error());
  return a;
}

Result<DeclarationInput> read_declaration(const Request& req, int* version) {
  auto body = parse_json_object(req);
  if (!body) return fail(body.error());
  DtoReader in(*body, "");
  DeclarationInput d;
  d.product_name = in.str("product_name");
  d.standard_number = in.str("standard_number");
  d.result_code = in.str("result_code");
  if (body->contains("values") && !(*body)["values"].is_null()) d.values = in.str_list("values");
  if (version) {
    *version = static_cast<int>(std::clamp<long long>(in.integer("version"), 0, 1 << 30));
    if (*version == 0 && in.errors().empty()) in.errors()["version"] = "请提供读取时的版本号";
  }
  if (auto ok = in.finish(); !ok) return fail(ok.error());
  return d;
}

int read_version(const Json& body, DtoReader& in) {
  (void)body;
  return static_cast<int>(std::clamp<long long>(in.integer("version"), 0, 1 << 30));
}

Response not_found(const char* what) {
  return error_response(Error::not_found(what));
}
}  // namespace

Response leader_plans_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  return respond(
      list_leader_plans_for(ctx.app, ctx.caller, req.query("q"), req.query("status"), *page), 200,
      [&](const PageResult<LeaderPlan>& p) {
        return page_json(p, *page, [](const LeaderPlan& x) { return plan_json(x); });
      });
}

Response leader_plans_post(Request& req, RouteContext& ctx) {
  auto in = read_plan_input(req);
  if (!in) return error_response(in.error());
  return respond(create_leader_plan(ctx.app, ctx.caller, *in), 201,
                 [](const LeaderPlan& p) { return plan_json(p); });
}

Response leader_plan_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("领跑者评价方案不存在");
  return respond(get_leader_plan(ctx.app, ctx.caller, *id), 200,
                 [](const LeaderPlan& p) { return plan_json(p); });
}

Response leader_plan_put(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("领跑者评价方案不存在");
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader vin(*body, "");
  int version = read_version(*body, vin);
  if (auto ok = vin.finish(); !ok) return error_response(ok.error());
  if (version == 0) return error_response(Error::field("version", "请提供读取时的版本号"));
  auto in = read_plan_input(req);
  if (!in) return error_response(in.error());
  return respond(update_leader_plan_content(ctx.app, ctx.caller, *id, version, *in), 200,
                 [](const LeaderPlan& p) { return plan_json(p); });
}

Response leader_plan_actions_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("领跑者评价方案不存在");
  auto a = read_action(req);
  if (!a) return error_response(a.error());
  return respond(act_on_leader_plan(ctx.app, ctx.caller, *id, *a), 200,
                 [](const LeaderPlan& p) { return plan_json(p); });
}

Response leader_plan_objections_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("领跑者评价方案不存在");
  return respond(leader_plan_objections(ctx.app, ctx.caller, *id), 200, objections_json);
}

Response leader_plan_objections_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("领跑者评价方案不存在");
  auto text = single_text_body(req, "text");
  if (!text) return error_response(text.error());
  return respond(file_leader_objection(ctx.app, ctx.caller, *id, *text), 201, objection_json);
}

Response leader_plan_objection_answer_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  auto oid = id_param(req, "oid");
  if (!id || !oid) return not_found("异议不存在");
  auto answer = single_text_body(req, "answer");
  if (!answer) return error_response(answer.error());
  return respond(answer_leader_plan_objection(ctx.app, ctx.caller, *id, *oid, *answer), 200,
                 objection_json);
}

Response leader_plan_rounds_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("领跑者评价方案不存在");
  return respond(leader_plan_rounds(ctx.app, ctx.caller, *id), 200,
                 [](const std::vector<LeaderRound>& list) {
                   Json items = Json::array();
                   for (const auto& r : list) items.push_back(round_brief(r));
                   return Json{{"items", items}};
                 });
}

Response leader_plan_rounds_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("领跑者评价方案不存在");
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  std::string title = in.str("title");
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  return respond(open_leader_round(ctx.app, ctx.caller, *id, title), 201,
                 [](const LeaderRoundView& v) { return round_json(v, true); });
}

Response leader_round_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("评价轮次不存在");
  return respond(get_leader_round(ctx.app, ctx.caller, *id), 200,
                 [](const LeaderRoundView& v) { return round_json(v, v.can_manage); });
}

Response leader_round_actions_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("评价轮次不存在");
  auto a = read_action(req);
  if (!a) return error_response(a.error());
  return respond(act_on_leader_round(ctx.app, ctx.caller, *id, *a), 200,
                 [](const LeaderRoundView& v) { return round_json(v, true); });
}

Response leader_round_ranking_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("评价轮次不存在");
  return respond(leader_round_ranking(ctx.app, ctx.caller, *id), 200,
                 [](const RankingView& v) { return ranking_json(v); });
}

Response leader_round_declarations_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("评价轮次不存在");
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  return respond(list_leader_declarations_for(ctx.app, ctx.caller, *id, *page), 200,
                 [&](const PageResult<LeaderDeclaration>& p) {
                   return page_json(p, *page,
                                    [](const LeaderDeclaration& d) { return declaration_json(d); });
                 });
}

Response leader_round_declarations_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("评价轮次不存在");
  auto in = read_declaration(req, nullptr);
  if (!in) return error_response(in.error());
  return respond(declare_leader(ctx.app, ctx.caller, *id, *in), 201,
                 [](const LeaderDeclaration& d) { return declaration_json(d); });
}

Response leader_declaration_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("申报不存在");
  return respond(get_leader_declaration(ctx.app, ctx.caller, *id), 200,
                 [](const LeaderDeclaration& d) { return declaration_json(d); });
}

Response leader_declaration_put(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("申报不存在");
  int version = 0;
  auto in = read_declaration(req, &version);
  if (!in) return error_response(in.error());
  return respond(update_leader_declaration_for(ctx.app, ctx.caller, *id, version, *in), 200,
                 [](const LeaderDeclaration& d) { return declaration_json(d); });
}

Response leader_declaration_commitment_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("申报不存在");
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  std::string hash = in.str("file_hash");
  int version = read_version(*body, in);
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  if (version == 0) return error_response(Error::field("version", "请提供读取时的版本号"));
  return respond(commit_leader_declaration(ctx.app, ctx.caller, *id, version, hash), 200,
                 [](const LeaderDeclaration& d) { return declaration_json(d); });
}

Response leader_declaration_commitment_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("申报不存在");
  auto f = leader_commitment_file(ctx.app, ctx.caller, *id);
  if (!f) return error_response(f.error());
  Response r;
  r.content_type = f->upload.content_type;
  r.body = std::move(f->bytes);
  r.set_header("Content-Disposition", "inline; filename*=UTF-8''" + percent_encode(f->upload.name));
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

Response public_leaders_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  long long round_id = 0;
  if (!req.query("round_id").empty()) {
    auto s = req.query("round_id");
    round_id = s.find_first_not_of("0123456789") == std::string::npos && s.size() < 18
                   ? std::stoll(s)
                   : -1;
    if (round_id <= 0)
      return error_response(Error::field("round_id", "应为正整数（评价轮次编号）"));
  }
  return respond(
      public_leader_entries(ctx.app, req.query("q"), req.query("level"), round_id, *page), 200,
      [&](const PageResult<PublicEntry>& p) {
        return page_json(p, *page, [](const PublicEntry& e) { return public_entry_json(e); });
      });
}

Response public_leader_round_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("评价轮次不存在");
  return respond(public_leader_round(ctx.app, *id), 200, [](const LeaderRoundView& v) {
    Json j = round_json(v, false);
    Json rounds = Json::array();  // the public sees the published rounds only
    for (const auto& r : v.rounds)
      if (r.status == "published") rounds.push_back(round_brief(r));
    j["rounds"] = rounds;
    j.erase("declarations");
    j.erase("can_manage");
    j["plan"].erase("author_id");
    return j;
  });
}

}  // namespace duibiao::http

namespace duibiao::http {
namespace {
std::string cell_text(const RankCell& c) {
  switch (c.state) {
    case CellState::kTier:
      return "第" + std::to_string(c.tier) + "档";
    case CellState::kUnranked:
      return "不分档";
    case CellState::kBelowBaseline:
      return "低于基准值";
    case CellState::kIncomparable:
      return "不可比：" + c.reason;
    case CellState::kMissing:
      return "未填写";
  }
  return "";
}
}  // namespace

// The published lists as xlsx, with the public list's filters (public data only).
Response public_leaders_export_get(Request& req, RouteContext& ctx) {
  long long round_id = 0;
  if (!req.query("round_id").empty()) {
    auto s = req.query("round_id");
    round_id = s.find_first_not_of("0123456789") == std::string::npos && s.size() < 18
                   ? std::stoll(s)
                   : -1;
    if (round_id <= 0)
      return error_response(Error::field("round_id", "应为正整数（评价轮次编号）"));
  }
  auto all = collect_all<PublicEntry>([&](const Page& p) {
    return public_leader_entries(ctx.app, req.query("q"), req.query("level"), round_id, p);
  });
  if (!all) return error_response(all.error());
  std::vector<std::vector<std::string>> rows;
  int n = 1;
  for (const auto& pe : *all) {
    const auto& d = pe.entry.declaration;
    std::string tiers;
    for (const auto& c : tiers_json(d.tiers)) {
      if (!tiers.empty()) tiers += "、";
      int tier = c.value("tier", 0);
      tiers += tier ? "第" + std::to_string(tier) + "档" : "不分档";
    }
    rows.push_back(
        {std::to_string(n++), d.enterprise_name, pe.region_name, d.product_name, d.standard_number,
         level_label(d.level), d.overall_tier ? "第" + std::to_string(d.overall_tier) + "档" : "",
         tiers, pe.entry.plan_number, pe.entry.round_title,
         pe.entry.published_at ? format_time_utc(pe.entry.published_at).substr(0, 10) : "",
         d.result_code});
  }
  return download_response(write_xlsx("领跑者名单",
                                      {{"序号", 6},
                                       {"企业名称", 30},
                                       {"地区", 12},
                                       {"产品", 18},
                                       {"企业标准", 20},
                                       {"等级", 8},
                                       {"综合档", 8},
                                       {"各核心指标所在档", 24},
                                       {"评价方案编号", 24},
                                       {"评价轮次", 16},
                                       {"发布日期", 12},
                                       {"对标结果核验码", 14}},
                                      rows),
                           kXlsxType, "leaders.xlsx");
}

// The ranking of a round as xlsx (the evaluator, national office, administrators).
Response leader_round_ranking_export_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return not_found("评价轮次不存在");
  auto v = leader_round_ranking(ctx.app, ctx.caller, *id);
  if (!v) return error_response(v.error());
  std::vector<XlsxColumn> cols = {
      {"序号", 6}, {"企业名称", 30}, {"地区代码", 10}, {"企业标准", 20}};
  for (const auto& ind : v->plan.indicators) {
    cols.push_back(
        {ind.name + "（" + (ind.direction == "lower" ? "越小越好" : "越大越好") + "）", 16});
    cols.push_back({ind.name + " 所在档", 16});
  }
  cols.push_back({"综合档", 8});
  cols.push_back({"等级", 8});
  cols.push_back({"说明", 40});
  std::vector<std::vector<std::string>> rows;
  for (size_t d = 0; d < v->declarations.size(); ++d) {
    const auto& dec = v->declarations[d];
    const auto& out = v->outcome.declarations[d];
    std::vector<std::string> row = {std::to_string(d + 1), dec.enterprise_name, dec.region_code,
                                    dec.standard_number};
    for (size_t i = 0; i < v->plan.indicators.size(); ++i) {
      row.push_back(i < dec.values.size() ? dec.values[i] : "");
      row.push_back(cell_text(v->outcome.cells[d][i]));
    }
    row.push_back(out.overall_tier ? "第" + std::to_string(out.overall_tier) + "档" : "");
    row.push_back(out.level == Level::kNone ? "" : std::string(level_label_zh(out.level)));
    row.push_back(out.reason);
    rows.push_back(std::move(row));
  }
  return download_response(write_xlsx("分档排名", cols, rows), kXlsxType,
                           "leader-round-" + std::to_string(*id) + "-ranking.xlsx");
}

}  // namespace duibiao::http
