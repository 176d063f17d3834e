#include "http/handlers/handler_util.h"

namespace duibiao::http {

std::string session_cookie(const std::string& token, long long max_age, bool secure) {
  return "duibiao_session=" + token + "; Path=/; Max-Age=" + std::to_string(max_age) +
         "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
}

std::string csrf_cookie(const std::string& token, bool secure) {
  return "duibiao_csrf=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string clear_session_cookie(bool secure) {
  return std::string("duibiao_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax") +
         (secure ? "; Secure" : "");
}

}  // namespace duibiao::http
