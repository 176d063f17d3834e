#pragma once

#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"
#include "service/auth_service.h"
#include "store/enterprise_store.h"

namespace duibiao {

struct RegistrationRequest {
  std::string name;
  std::string credit_code;
  std::string region_code;
  std::string industry_code;
  std::string contact_name;
  std::string contact_phone;
  std::string contact_email;
  std::string address;
  std::vector<std::string> flags;
  bool pilot_code = false;
  std::string username;
  std::string password;
  std::string display_name;
};

struct RegistrationResult {
  Enterprise enterprise;
  LoginResult session;
};

// Self-registration: validates everything, then creates the enterprise, its first user and a
// session in one transaction. One enterprise per credit code (409 on a second one).
Result<RegistrationResult> register_enterprise(App& app, const Caller& caller,
                                               const RegistrationRequest& req);
Result<Enterprise> my_enterprise(App& app, const Caller& caller);
Result<PageResult<Enterprise>> list_enterprises_for(App& app, const Caller& caller,
                                                    const EnterpriseFilter& f, const Page& page);
Result<Enterprise> get_enterprise(App& app, const Caller& caller, long long id);
// A regulator confirms an early pilot-region credit code that fails the check character.
Result<Enterprise> confirm_credit_code(App& app, const Caller& caller, long long id);

}  // namespace duibiao
