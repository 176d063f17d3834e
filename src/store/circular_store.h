#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/circular.h"
#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

// Who reads circulars: the sending office (`own_region`) all of its own, drafts included; a
// receiving office (`own_region` among the recipients) the sent ones; `everything` (the national
// office, administrators) every sent circular.
struct CircularViewer {
  bool everything = false;
  std::string own_region;
};

struct CircularFilter {
  std::string box;  // "", sent (by the viewer's office), received (by it)
};

long long insert_circular(Tx& tx, const Circular& c);
bool update_circular(Tx& tx, const Circular& c, int expected_version);
bool delete_draft_circular(Tx& tx, long long id, int expected_version);
void replace_circular_recipients(Tx& tx, long long id, const std::vector<CircularRecipient>& rs);
std::optional<Circular> find_circular(Tx& tx, const CircularViewer& v, long long id);
PageResult<Circular> list_circulars(Tx& tx, const CircularViewer& v, const CircularFilter& f,
                                    const Page& page);
std::vector<CircularRecipient> list_circular_recipients(Tx& tx, long long id);
// false when the region is not a recipient or has already confirmed.
bool confirm_circular(Tx& tx, long long id, const std::string& region_code, long long user_id,
                      const std::string& user_name, long long at);

}  // namespace duibiao
