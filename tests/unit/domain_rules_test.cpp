#include <gtest/gtest.h>

#include <ctime>
#include <random>

#include "domain/account_rules.h"
#include "domain/region.h"
#include "domain/roles.h"
#include "domain/text.h"
#include "store/reference_data.h"

namespace duibiao {
namespace {

TEST(Region, PseudoCities) {
  EXPECT_TRUE(is_pseudo_city("4690", "省直辖县级行政区划"));
  EXPECT_TRUE(is_pseudo_city("4290", "省直辖县级行政区划"));
  EXPECT_TRUE(is_pseudo_city("1101", "市辖区"));
  EXPECT_TRUE(is_pseudo_city("5002", "县"));
  EXPECT_FALSE(is_pseudo_city("3302", "宁波市"));
  EXPECT_FALSE(is_pseudo_city("3301", "市辖区"));  // only municipalities
}

TEST(Region, SubtreeRangeContainsDescendantsOnly) {
  auto r = subtree_range("/330000/330200/");
  auto in = [&](const std::string& p) { return p >= r.lo && p < r.hi; };
  EXPECT_TRUE(in("/330000/330200/"));
  EXPECT_TRUE(in("/330000/330200/330203/"));
  EXPECT_TRUE(in("/330000/330200/330200Z01/"));
  EXPECT_FALSE(in("/330000/330100/330106/"));
  EXPECT_FALSE(in("/330000/"));
  EXPECT_FALSE(in("/330000/3302001/"));  // a longer code is not a child
  EXPECT_FALSE(in("/"));
  EXPECT_TRUE(path_in_subtree("/330000/330200/330203/", "/330000/"));
}

TEST(Region, CodeFormat) {
  EXPECT_TRUE(is_region_code_format("330203"));
  EXPECT_FALSE(is_region_code_format("000000"));
  EXPECT_FALSE(is_region_code_format("33020"));
  EXPECT_FALSE(is_region_code_format("33020A"));
  EXPECT_EQ(region_path({"330000", "330200"}), "/330000/330200/");
}

TEST(Roles, RoundTrip) {
  for (auto r :
       {Role::kEnterprise, Role::kCountyRegulator, Role::kCityRegulator, Role::kProvinceRegulator,
        Role::kNationalOffice, Role::kTechnicalBody, Role::kExpert, Role::kAdmin}) {
    auto parsed = parse_role(role_name(r));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, r);
    EXPECT_FALSE(role_label_zh(r).empty());
  }
  EXPECT_FALSE(parse_role("root").has_value());
  EXPECT_EQ(regulator_level(Role::kCityRegulator), "city");
  EXPECT_TRUE(is_regulator(Role::kCountyRegulator));
  EXPECT_FALSE(is_regulator(Role::kNationalOffice));
}

TEST(AccountRules, Username) {
  EXPECT_FALSE(check_username("nb_haishu.01").has_value());
  EXPECT_TRUE(check_username("ab").has_value());
  EXPECT_TRUE(check_username("Admin").has_value());
  EXPECT_TRUE(check_username("a b c").has_value());
  EXPECT_TRUE(check_username(std::string(33, 'a')).has_value());
}

TEST(AccountRules, Password) {
  EXPECT_FALSE(check_password("abcdefgh12").has_value());
  EXPECT_TRUE(check_password("short1").has_value());
  EXPECT_TRUE(check_password("onlyletterslong").has_value());
  EXPECT_TRUE(check_password("1234567890123").has_value());
}

TEST(AccountRules, ContactFields) {
  EXPECT_FALSE(check_phone("0574-87654321").has_value());
  EXPECT_FALSE(check_phone("+86 13800000000").has_value());
  EXPECT_TRUE(check_phone("12").has_value());
  EXPECT_TRUE(check_phone("phone-number").has_value());
  EXPECT_FALSE(check_email("").has_value());
  EXPECT_FALSE(check_email("a@b.cn").has_value());
  EXPECT_TRUE(check_email("not-an-email").has_value());
  EXPECT_FALSE(check_enterprise_name("宁波某某电器有限公司").has_value());
  EXPECT_TRUE(check_enterprise_name("宁").has_value());
  EXPECT_TRUE(is_enterprise_flag("little_giant"));
  EXPECT_FALSE(is_enterprise_flag("giant"));
}

TEST(Text, Utf8) {
  EXPECT_EQ(utf8_length("宁波ab"), 4u);
  EXPECT_TRUE(is_valid_utf8("宁波"));
  EXPECT_FALSE(is_valid_utf8(std::string("\xe5\xae", 2)));
  EXPECT_FALSE(is_valid_utf8(std::string("\xff")));
  EXPECT_EQ(format_time_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(trim("  x y \n"), "x y");
}

TEST(FormatTimeUtc, EqualsTheCLibraryForEveryKindOfDate) {
  auto library = [](long long t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return std::string(buf);
  };
  // Leap days, century years (2000 is a leap year, 2100 is not), the epoch and times before it.
  for (long long t : {0LL, -1LL, -86400LL, -86401LL, 951782400LL, 951868800LL, 4107542400LL,
                      4107456000LL, 1796601599LL, 253402300799LL, 1700000000LL})
    EXPECT_EQ(format_time_utc(t), library(t)) << t;
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200000; ++i) {
    long long t = static_cast<long long>(rng() % 253402300800ULL) - 2208988800LL;  // 1900–9999
    ASSERT_EQ(format_time_utc(t), library(t)) << t;
  }
}

TEST(Csv, QuotedFieldsAndEscapes) {
  auto rows = parse_csv("code,name\n11,\"北京市\"\n12,\"a,\"\"b\"\"\"\r\n\n13,c");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1][1], "北京市");
  EXPECT_EQ(rows[2][1], "a,\"b\"");
  EXPECT_EQ(rows[3][0], "13");
  EXPECT_TRUE(parse_csv("").empty());
}

}  // namespace
}  // namespace duibiao

#include "io/xlsx.h"

namespace duibiao {
namespace {
TEST(Xlsx, EscapesFormulaInjection) {
  EXPECT_EQ(escape_spreadsheet_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
  EXPECT_EQ(escape_spreadsheet_text("+1"), "'+1");
  EXPECT_EQ(escape_spreadsheet_text("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(escape_spreadsheet_text("宁波"), "宁波");
}

TEST(Xlsx, WritesAZipContainer) {
  auto bytes = write_xlsx("企业", {{"企业名称"}, {"代码"}}, {{"宁波某公司", "=1+1"}});
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");  // xlsx is a zip archive
}
}  // namespace
}  // namespace duibiao

#include "io/docx.h"

namespace duibiao {
namespace {
TEST(Docx, EscapesMarkupAndDropsControlCharacters) {
  EXPECT_EQ(xml_escape("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
  EXPECT_EQ(xml_escape(std::string("x\x01y\tz", 5)), "xy\tz");
  EXPECT_EQ(xml_escape("宁波"), "宁波");
}

TEST(Docx, BuildsAZipWithTheThreeParts) {
  DocxBuilder doc;
  doc.title("洗衣机 对标技术方案");
  doc.table({{"序号", "指标"}, {"1", "噪声"}}, {800, 2000});
  auto bytes = doc.build();
  ASSERT_GT(bytes.size(), 500u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  for (const char* name : {"[Content_Types].xml", "_rels/.rels", "word/document.xml"})
    EXPECT_NE(bytes.find(name), std::string::npos) << name;
}
}  // namespace
}  // namespace duibiao

#include "io/xlsx_reader.h"

namespace duibiao {
namespace {
TEST(XlsxReader, RoundTripsWhatTheWriterWrites) {
  auto bytes = write_xlsx(
      "标准", {{"标准编号"}, {"中文名称"}, {"发布日期"}},
      {{"GB/T 19001-2016", "质量管理体系 要求", "2016-12-30"}, {"ISO 9001:2015", "", "=cmd"}});
  auto r = read_xlsx_first_sheet(bytes);
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0][0], "标准编号");
  EXPECT_EQ(r.rows[1][1], "质量管理体系 要求");
  EXPECT_EQ(r.rows[2][0], "ISO 9001:2015");
  EXPECT_EQ(r.rows[2][2], "'=cmd");  // written escaped
}

TEST(XlsxReader, RefusesWhatIsNotAnXlsx) {
  EXPECT_FALSE(read_xlsx_first_sheet("hello").ok);
  EXPECT_FALSE(read_xlsx_first_sheet(std::string("PK\x03\x04garbage", 11)).ok);
  EXPECT_FALSE(read_xlsx_first_sheet("").ok);
}

TEST(XlsxReader, RefusesCellsThatAreNotUtf8AndSaysWhere) {
  auto bytes = write_xlsx("名单", {{"统一社会信用代码"}, {"对标标准"}},
                          {{"91330203MA2AXXXX1X", "IEC 62552-1:2015"},
                           {"91330203MA2AXXXX2X", std::string("IEC 62552 sa\xff\xfeig")}});
  auto r = read_xlsx_first_sheet(bytes);
  ASSERT_FALSE(r.ok);
  EXPECT_NE(r.error.find("第 3 行第 2 列"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("UTF-8"), std::string::npos) << r.error;
}

TEST(XlsxReader, ExcelSerialDates) {
  EXPECT_EQ(excel_serial_to_date("42734"), "2016-12-30");
  EXPECT_EQ(excel_serial_to_date("25569"), "1970-01-01");
  EXPECT_EQ(excel_serial_to_date("abc"), "");
  EXPECT_EQ(excel_serial_to_date("-5"), "");
}
}  // namespace
}  // namespace duibiao

namespace duibiao {
namespace {
TEST(Text, IsoDates) {
  EXPECT_TRUE(is_iso_date("2026-11-22"));
  EXPECT_FALSE(is_iso_date("2026-13-01"));
  EXPECT_FALSE(is_iso_date("2026-00-10"));
  EXPECT_FALSE(is_iso_date("2026-1-1"));
  EXPECT_FALSE(is_iso_date("tomorrow!!"));
  EXPECT_FALSE(is_iso_date(""));
  EXPECT_FALSE(is_iso_date("2026-02-30"));
  EXPECT_FALSE(is_iso_date("2026-02-29"));
  EXPECT_TRUE(is_iso_date("2028-02-29"));
  EXPECT_FALSE(is_iso_date("1900-02-29"));
  EXPECT_TRUE(is_iso_date("2000-02-29"));
  EXPECT_FALSE(is_iso_date("2026-04-31"));
}
}  // namespace
}  // namespace duibiao
