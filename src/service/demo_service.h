#pragma once

#include <string>
#include <vector>

#include "domain/error.h"
#include "service/app.h"

namespace duibiao {

// The demo built from the seeds: the national campaign with its three batches, Zhejiang's and
// Ningbo's (附件1 quotas, the 附件2 list), enterprises with products, plans and results in every
// state of the review chain, and one user per role. Only into a database that holds no
// enterprise, campaign or non-administrator user yet: it never mixes with real data.
struct DemoAccount {
  std::string role_label;  // 中文
  std::string username;
  std::string password;
  std::string region;
};
struct DemoReport {
  std::vector<DemoAccount> accounts;
  long long campaigns = 0;
  long long enterprises = 0;
  long long results = 0;
};
Result<DemoReport> load_demo(App& app);

}  // namespace duibiao
