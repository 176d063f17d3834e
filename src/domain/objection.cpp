#include "domain/objection.h"

#include "domain/text.h"

namespace duibiao {

constexpr size_t kMaxObjectionChars = 2000;

Result<std::string> objection_text(std::string_view in, const std::string& field,
                                   const std::string& message) {
  std::string text(trim(in));
  if (text.empty() || utf8_length(text) > kMaxObjectionChars)
    return fail(Error::field(field, message));
  return text;
}

Objection new_objection(const User& by, long long plan_id, std::string text, long long now) {
  Objection o;
  o.plan_id = plan_id;
  o.user_id = by.id;
  o.user_name = by.display_name;
  o.text = std::move(text);
  o.created_at = now;
  return o;
}

}  // namespace duibiao
