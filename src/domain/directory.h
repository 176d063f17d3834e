#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace duibiao {

// 资讯查询: the directory of experts, standardisation bodies and testing laboratories, with their
// fields (GB/T 4754 codes or named clusters) and region.
inline constexpr size_t kMaxDirectoryFields = 20;

struct DirectoryEntry {
  long long id = 0;
  std::string kind;  // expert, standard_body, lab
  std::string name;
  std::string organization;
  std::vector<std::string> fields;  // industry codes
  std::string region_code;
  std::string region_name;
  std::string region_path;
  std::string contact_name;
  std::string phone;
  std::string email;
  std::string address;
  std::string description;
  std::string qualification;  // CMA / CNAS numbers, titles
  int version = 1;
  long long created_by = 0;
  long long created_at = 0;
  long long updated_at = 0;
};

bool is_directory_kind(std::string_view k);
const char* directory_kind_label(std::string_view k);
// The kind from its code or its Chinese name (专家, 标准化机构, 检测实验室), for imports.
std::string directory_kind_from_text(std::string_view s);
// Field messages for the text fields (trimmed in place); industry codes and the region are
// checked against reference data by the caller.
std::map<std::string, std::string> validate_directory_entry(DirectoryEntry& e);
// Index text: names, organisation, description, qualification and the field names given.
std::string directory_search_text(const DirectoryEntry& e,
                                  const std::vector<std::string>& field_names);

}  // namespace duibiao
