#pragma once

// What a workbench (工作台) suggests next. Pure rules: no database, no clock.

#include <string>
#include <string_view>

namespace duibiao {

// What an enterprise has so far, as counted for its workbench.
struct EnterpriseProgress {
  long long products = 0;
  long long selected = 0;
  long long drafts = 0;     // results being filled in (never submitted)
  long long returned = 0;   // results sent back by a reviewer
  long long in_review = 0;  // submitted, on the way up the chain
  long long accepted = 0;   // accepted or published
  long long results = 0;    // all results
};

// The one next step: add_product → select_product → create_result → finish_draft /
// fix_returned (a returned result comes first: a reviewer waits for it) → wait_review → done.
// A selected product without a result still asks for one even when others are in review.
std::string_view enterprise_next_step(const EnterpriseProgress& p);
std::string_view enterprise_next_step_label_zh(std::string_view step);

}  // namespace duibiao
