#include "service/search_service.h"

#include <algorithm>

#include "domain/directory.h"
#include "domain/question.h"
#include "domain/text.h"
#include "service/directory_service.h"
#include "service/notice_service.h"
#include "service/plan_service.h"
#include "service/question_service.h"
#include "service/result_service.h"
#include "service/standard_service.h"

namespace duibiao {
namespace {
std::string clip(const std::string& s, size_t chars) {
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (n == chars) return out + "…";
      ++n;
    }
    out.push_back(s[i] == '\n' ? ' ' : s[i]);
  }
  return out;
}
}  // namespace

Result<SearchAnswer> search_everything(App& app, const Caller& caller, const std::string& q_in,
                                       const std::vector<std::string>& kinds, int per_group) {
  std::string q(trim(q_in));
  if (auto msg = check_search_query(q); !msg.empty()) return fail(Error::field("q", msg));
  for (const auto& k : kinds)
    if (std::find(search_kinds().begin(), search_kinds().end(), k) == search_kinds().end())
      return fail(Error::field(
          "kinds", "未知的类别“" + k + "”：应为 standard、plan、result、notice、faq、directory"));
  per_group = std::clamp(per_group, 1, 20);
  Page page{1, per_group};
  auto wanted = [&](const std::string& k) {
    return kinds.empty() || std::find(kinds.begin(), kinds.end(), k) != kinds.end();
  };
  SearchAnswer out;
  out.q = q;
  for (const auto& kind : search_kinds()) {
    if (!wanted(kind)) continue;
    SearchGroup g;
    g.kind = kind;
    g.label = search_kind_label(kind);
    if (kind == "standard") {
      StandardFilter f;
      f.q = q;
      auto r = search_standards(app, f, page);
      if (!r) return fail(r.error());
      g.total = r->total;
      for (const auto& s : r->items)
        g.items.push_back({kind, s.id, s.normalized, s.as_written, s.title_zh});
    } else if (kind == "plan") {
      PlanFilter f;
      f.q = q;
      auto r = list_plans_for(app, caller, f, page);
      if (!r) return fail(r.error());
      g.total = r->total;
      for (const auto& p : r->items)
        g.items.push_back({kind, p.id, p.plan_number, p.product,
                           p.author_org + (p.plan_number.empty() ? "" : " · " + p.plan_number)});
    } else if (kind == "result") {
      ResultQuery rq;
      rq.q = q;
      auto r = public_results(app, rq, page);
      if (!r) return fail(r.error());
      g.total = r->total;
      for (const auto& v : r->items)
        g.items.push_back({kind, v.result.id, v.result.code,
                           v.result.enterprise_name + " · " + v.result.product_name,
                           v.result.plan_number});
    } else if (kind == "notice") {
      auto r = search_notices(app, caller, q, page);
      if (!r) return fail(r.error());
      g.total = r->total;
      for (const auto& n : r->items)
        g.items.push_back(
            {kind, n.id, n.audience, n.title, n.office_name + " · " + clip(n.body, 60)});
    } else if (kind == "faq") {
      auto r = public_faq(app, q, page);
      if (!r) return fail(r.error());
      g.total = r->total;
      for (const auto& x : r->items)
        g.items.push_back({kind, x.id, "", clip(x.faq_question, 60), clip(x.faq_answer, 80)});
    } else if (kind == "directory") {
      DirectoryQuery dq;
      dq.q = q;
      auto r = list_directory_for(app, caller, dq, page);
      if (!r) return fail(r.error());
      g.total = r->total;
      for (const auto& v : r->items)
        g.items.push_back({kind, v.entry.id, v.entry.kind, v.entry.name,
                           std::string(directory_kind_label(v.entry.kind)) + " · " +
                               v.entry.organization + " · " + v.entry.region_name});
    }
    out.groups.push_back(std::move(g));
  }
  return out;
}

}  // namespace duibiao
