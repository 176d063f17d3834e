#pragma once

#include <string>
#include <vector>

#include "domain/circular.h"
#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"
#include "store/circular_store.h"

namespace duibiao {

// 情况通报. Who may do what:
// - an office (county, city, province regulator, the national office) writes circulars to child
//   regions of its own region (a province to its cities, a city to its counties and zones, the
//   national office to provinces); it edits its drafts, sends them, deletes drafts;
// - a receiving office (a regulator of an addressed region) reads sent circulars addressed to its
//   region and confirms receipt once; the sender sees who confirmed and when;
// - the national office and administrators read every sent circular; enterprises, technical
//   bodies and experts: 403.
// Generation: from a campaign the caller may see the statistics of, either the regions overdue
// for one phase or the ranking of its child regions: a proposed title, body and recipients the
// office edits before saving.

struct CircularInput {
  std::string title;
  std::string body;
  long long campaign_id = 0;
  std::string source;
  std::vector<std::string> recipients;
};

struct CircularView {
  Circular circular;
  bool can_edit = false;     // the sending office
  bool can_confirm = false;  // a receiving office that has not confirmed yet
  long long confirmed = 0;
};

Result<PageResult<CircularView>> list_circulars_for(App& app, const Caller& caller,
                                                    const CircularFilter& f, const Page& page);
Result<CircularView> get_circular_for(App& app, const Caller& caller, long long id);
Result<CircularView> create_circular(App& app, const Caller& caller, const CircularInput& in);
Result<CircularView> update_circular_for(App& app, const Caller& caller, long long id, int version,
                                         const CircularInput& in);
Result<CircularView> send_circular(App& app, const Caller& caller, long long id, int version);
Result<void> delete_circular_for(App& app, const Caller& caller, long long id, int version);
Result<CircularView> confirm_circular_for(App& app, const Caller& caller, long long id);

struct CircularGenerate {
  long long campaign_id = 0;
  std::string kind;       // overdue, ranking
  std::string phase_key;  // for overdue
};
Result<CircularDraft> generate_circular(App& app, const Caller& caller, const CircularGenerate& g);

}  // namespace duibiao
