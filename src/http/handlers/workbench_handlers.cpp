// The home page of every role (工作台): GET /api/v1/workbench.
#include <charconv>

#include "domain/text.h"
#include "http/handlers/campaign_stats_json.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "service/workbench_service.h"

namespace duibiao::http {
namespace {

Json counts_json(const std::vector<LabeledCount>& list) {
  Json out = Json::array();
  for (const auto& c : list)
    out.push_back({{"key", c.key}, {"label", c.label}, {"count", c.count}});
  return out;
}

template <class T>
Json optional_json(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json workbench_json(const Workbench& w) {
  Json j = {{"role", w.role},
            {"role_label", w.role_label},
            {"region_name", w.region_name},
            {"generated_at", format_time_utc(w.generated_at)},
            {"results_by_status", counts_json(w.results_by_status)},
            {"plans_by_status", counts_json(w.plans_by_status)},
            {"users_by_role", counts_json(w.users_by_role)},
            {"queue_waiting", optional_json(w.queue_waiting)},
            {"queue_overdue", optional_json(w.queue_overdue)},
            {"enterprises", optional_json(w.enterprises)},
            {"objections_open", optional_json(w.objections_open)},
            {"notice_ended", optional_json(w.notice_ended)},
            {"support_open", optional_json(w.support_open)}};
  if (w.role == "enterprise") {
    Json returned = Json::array();
    for (const auto& r : w.returned)
      returned.push_back({{"result_id", r.result_id},
                          {"product_name", r.product_name},
                          {"plan_number", r.plan_number},
                          {"at", format_time_utc(r.at)},
                          {"actor_name", r.actor_name},
                          {"reason", r.reason}});
    Json deadlines = Json::array();
    for (const auto& d : w.deadlines)
      deadlines.push_back({{"campaign_id", d.campaign_id},
                           {"campaign_name", d.campaign_name},
                           {"phase_key", d.phase_key},
                           {"phase_name", d.phase_name},
                           {"due_date", d.due_date},
                           {"overdue", d.overdue}});
    j["enterprise"] = {{"name", w.enterprise_name}, {"region_name", w.region_name}};
    j["products"] = w.products
                        ? Json{{"total", w.products->total}, {"selected", w.products->selected}}
                        : Json(nullptr);
    j["returned"] = returned;
    j["deadlines"] = deadlines;
    j["next_step"] = {{"key", w.next_step}, {"label", w.next_step_label}};
  }
  Json campaigns = Json::array();
  for (const auto& c : w.campaigns)
    campaigns.push_back(
        {{"id", c.id}, {"name", c.name}, {"level", c.level}, {"region_name", c.region_name}});
  j["campaigns"] = campaigns;
  j["campaign"] = nullptr;
  if (w.campaign) {
    j["campaign"] = campaign_stats_json(*w.campaign);
    for (const auto& c : w.campaigns)
      if (c.id == w.campaign->campaign_id) j["campaign"]["name"] = c.name;
  }
  Json activity = Json::array();
  for (const auto& a : w.activity)
    activity.push_back({{"at", format_time_utc(a.at)},
                        {"result_id", a.result_id},
                        {"actor_name", a.actor_name},
                        {"actor_role", a.actor_role},
                        {"action", a.action},
                        {"to_status", a.to_status},
                        {"comment", a.comment},
                        {"enterprise_name", a.enterprise_name},
                        {"product_name", a.product_name}});
  j["activity"] = activity;
  Json audit = Json::array();
  for (const auto& a : w.audit)
    audit.push_back({{"id", a.id},
                     {"at", format_time_utc(a.at)},
                     {"actor_name", a.actor_name},
                     {"action", a.action},
                     {"entity", a.entity},
                     {"summary", a.summary}});
  j["audit"] = audit;
  j["system"] = nullptr;
  if (w.system)
    j["system"] = {{"version", w.system->version},
                   {"database", w.system->database},
                   {"schema_version", w.system->schema_version},
                   {"data_dir", w.system->data_dir},
                   {"disk_free_bytes", w.system->disk_free_bytes},
                   {"disk_total_bytes", w.system->disk_total_bytes}};
  return j;
}

}  // namespace

Response workbench_get(Request& req, RouteContext& ctx) {
  long long campaign_id = 0;
  if (req.has_query("campaign_id")) {
    std::string s = req.query("campaign_id");
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), campaign_id);
    if (ec != std::errc() || p != s.data() + s.size() || campaign_id <= 0)
      return error_response(Error::field("campaign_id", "campaign_id 应为专项行动编号（正整数）"));
  }
  return respond(workbench_for(ctx.app, ctx.caller, campaign_id), 200,
                 [](const Workbench& w) { return workbench_json(w); });
}

}  // namespace duibiao::http
