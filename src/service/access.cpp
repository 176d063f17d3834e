#include "service/access.h"

#include "domain/region.h"
#include "domain/roles.h"

namespace duibiao {

std::optional<Scope> data_scope(const User& user) {
  switch (user.role) {
    case Role::kAdmin:
    case Role::kNationalOffice:
      return Scope{};
    case Role::kCountyRegulator:
    case Role::kCityRegulator:
    case Role::kProvinceRegulator: {
      auto range = subtree_range(user.region_path);
      return Scope{range.lo, range.hi, 0};
    }
    case Role::kEnterprise: {
      if (user.enterprise_id == 0) return std::nullopt;
      auto range = subtree_range(user.region_path);
      return Scope{range.lo, range.hi, user.enterprise_id};
    }
    case Role::kTechnicalBody:
    case Role::kExpert:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Scope> user_scope(const User& user) {
  if (user.role == Role::kAdmin || is_regulator(user.role)) return data_scope(user);
  return std::nullopt;
}

Result<const User*> require_user(const Caller& caller) {
  if (!caller.user) return fail(Error::unauthenticated());
  return &*caller.user;
}

Result<std::pair<const User*, Scope>> require_enterprise(const Caller& caller,
                                                         const char* refusal) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  if ((*me)->role != Role::kEnterprise || (*me)->enterprise_id == 0)
    return fail(Error::forbidden(refusal));
  return std::make_pair(*me, *data_scope(**me));
}

}  // namespace duibiao
