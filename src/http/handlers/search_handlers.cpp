// One search box across standards, plans, published results, notices, the FAQ and the directory.
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "service/search_service.h"

namespace duibiao::http {

Response search_get(Request& req, RouteContext& ctx) {
  auto q = text_query(req, "q", kMaxSearchQueryChars);
  if (!q) return error_response(q.error());
  std::vector<std::string> kinds;
  for (auto& k : split(req.query("kinds"), ','))
    if (!trim(k).empty()) kinds.emplace_back(trim(k));
  int per = kSearchGroupSize;
  auto per_text = req.query("per_group");
  if (!per_text.empty()) {
    if (per_text.size() > 2 || per_text.find_first_not_of("0123456789") != std::string::npos)
      return error_response(Error::field("per_group", "per_group 应为 1 到 20 的整数"));
    per = std::stoi(per_text);
    if (per < 1 || per > 20)
      return error_response(Error::field("per_group", "per_group 应为 1 到 20 的整数"));
  }
  return respond(
      search_everything(ctx.app, ctx.caller, *q, kinds, per), 200, [](const SearchAnswer& a) {
        Json groups = Json::array();
        for (const auto& g : a.groups) {
          Json items = Json::array();
          for (const auto& h : g.items)
            items.push_back({{"kind", h.kind},
                             {"id", h.id},
                             {"key", h.key},
                             {"title", h.title},
                             {"subtitle", h.subtitle}});
          groups.push_back(
              {{"kind", g.kind}, {"label", g.label}, {"total", g.total}, {"items", items}});
        }
        return Json{{"q", a.q}, {"groups", groups}};
      });
}

}  // namespace duibiao::http
