#include "service/starter_catalog.h"

#include "domain/csv.h"
#include "domain/roles.h"
#include "service/access.h"

#define DUIBIAO_INCBIN(name, file)                                        \
  __asm__(".section .rodata\n.global " #name "_start\n.balign 16\n" #name \
          "_start:\n.incbin \"" file "\"\n.global " #name "_end\n" #name  \
          "_end:\n.byte 0\n.previous\n");                                 \
  extern "C" const char name##_start[];                                   \
  extern "C" const char name##_end[];

DUIBIAO_INCBIN(duibiao_starter_standards_csv, DUIBIAO_DATA_DIR "/starter_standards.csv")

namespace duibiao {

std::string_view starter_catalog_csv() {
  return {
      duibiao_starter_standards_csv_start,
      static_cast<size_t>(duibiao_starter_standards_csv_end - duibiao_starter_standards_csv_start)};
}

Result<StarterReport> load_starter_catalog(App& app, const Caller& caller) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  if ((*me)->role != Role::kNationalOffice && (*me)->role != Role::kAdmin)
    return fail(Error::forbidden("参考标准目录由国家专项行动办公室或管理员装入"));
  std::string_view csv = starter_catalog_csv();
  StarterReport out;
  auto rows = parse_csv(csv);
  for (size_t i = 1; i < rows.size(); ++i)
    if (!rows[i].empty() && !(rows[i].size() == 1 && rows[i][0].empty())) ++out.total;
  // Good rows only: the numbers already in the catalog come back as errors and stay untouched.
  auto report = import_standards(app, caller, csv, true);
  if (!report) return fail(report.error());
  out.imported = report->imported;
  for (const auto& e : report->errors) {
    if (e.message.find("已在目录中") != std::string::npos) {
      ++out.already_present;
      continue;
    }
    // The file is checked by a unit test; a row refused here is a bug, not a user's mistake.
    return fail(
        Error::internal("参考标准目录第 " + std::to_string(e.row) + " 行有误：" + e.message));
  }
  return out;
}

}  // namespace duibiao
