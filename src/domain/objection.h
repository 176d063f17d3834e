// Rules shared by the two 公示 that take objections: technical plans and 领跑者 evaluation plans.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"
#include "domain/models.h"

namespace duibiao {

// The text of an objection or of its answer: trimmed, 1–2000 characters; otherwise a field error
// naming `field` with `message`.
Result<std::string> objection_text(std::string_view in, const std::string& field,
                                   const std::string& message);

// A new objection to `plan_id` filed by `by` at `now` (id 0: the store assigns it).
Objection new_objection(const User& by, long long plan_id, std::string text, long long now);

}  // namespace duibiao
