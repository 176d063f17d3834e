#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace duibiao {

// GB18030 (a superset of GBK and GB2312, what Excel on Chinese Windows saves as "CSV") to UTF-8;
// nullopt when the bytes are not valid GB18030.
std::optional<std::string> gb18030_to_utf8(std::string_view bytes);

}  // namespace duibiao
