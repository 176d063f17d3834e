#include "domain/standard_number.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/text.h"

namespace duibiao {
namespace {

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// Parses text that must be accepted; the test fails with the parser's message otherwise.
StandardNumber parse_ok(std::string_view text) {
  auto r = parse_standard_number(text);
  EXPECT_TRUE(r.ok) << text << " → " << r.error;
  EXPECT_TRUE(r.error.empty()) << text;
  return r.value;
}

std::string normalized(std::string_view text) {
  return parse_ok(text).normalized;
}

std::string rejected(std::string_view text) {
  auto r = parse_standard_number(text);
  EXPECT_FALSE(r.ok) << text << " was accepted as " << r.value.normalized;
  EXPECT_FALSE(r.error.empty()) << text;
  EXPECT_TRUE(is_valid_utf8(r.error)) << text;
  return r.error;
}

// ---- DOMAIN.md §5 examples, exactly as written there ----

TEST(StandardNumberDomain, NationalRecommended) {
  auto s = parse_ok("GB/T 1234-2019");
  EXPECT_EQ(s.kind, StandardKind::kNational);
  EXPECT_EQ(s.issuing_body, "SAC");
  EXPECT_EQ(s.prefix, "GB/T");
  EXPECT_EQ(s.number, "1234");
  EXPECT_EQ(s.part, "");
  EXPECT_EQ(s.year, 2019);
  EXPECT_EQ(s.normalized, "GB/T 1234-2019");
  EXPECT_EQ(s.as_written, "GB/T 1234-2019");
  EXPECT_FALSE(s.adopts);
}

TEST(StandardNumberDomain, Iso) {
  auto s = parse_ok("ISO 9001:2015");
  EXPECT_EQ(s.kind, StandardKind::kInternational);
  EXPECT_EQ(s.issuing_body, "ISO");
  EXPECT_EQ(s.prefix, "ISO");
  EXPECT_EQ(s.number, "9001");
  EXPECT_EQ(s.year, 2015);
  EXPECT_TRUE(s.amendments.empty());
  EXPECT_EQ(s.normalized, "ISO 9001:2015");
}

TEST(StandardNumberDomain, IecWithAmendment) {
  auto s = parse_ok("IEC 60335-1:2020+A1:2023");
  EXPECT_EQ(s.kind, StandardKind::kInternational);
  EXPECT_EQ(s.issuing_body, "IEC");
  EXPECT_EQ(s.prefix, "IEC");
  EXPECT_EQ(s.number, "60335-1");
  EXPECT_EQ(s.part, "1");
  EXPECT_EQ(s.year, 2020);
  EXPECT_EQ(s.amendments, std::vector<std::string>{"A1:2023"});
  EXPECT_EQ(s.normalized, "IEC 60335-1:2020+A1:2023");
}

TEST(StandardNumberDomain, ItuRecommendation) {
  auto s = parse_ok("ITU-T Y.2060 (06/2012)");
  EXPECT_EQ(s.kind, StandardKind::kInternational);
  EXPECT_EQ(s.issuing_body, "ITU");
  EXPECT_EQ(s.prefix, "ITU-T");
  EXPECT_EQ(s.number, "Y.2060");
  EXPECT_EQ(s.year, 2012);
  EXPECT_EQ(s.month, 6);
  EXPECT_EQ(s.normalized, "ITU-T Y.2060 (06/2012)");
}

TEST(StandardNumberDomain, EuropeanWithAmendment) {
  auto s = parse_ok("EN 60335-2-9:2003+A13:2010");
  EXPECT_EQ(s.kind, StandardKind::kForeign);
  EXPECT_EQ(s.issuing_body, "CEN/CENELEC");
  EXPECT_EQ(s.prefix, "EN");
  EXPECT_EQ(s.number, "60335-2-9");
  EXPECT_EQ(s.part, "2-9");
  EXPECT_EQ(s.year, 2003);
  EXPECT_EQ(s.amendments, std::vector<std::string>{"A13:2010"});
  EXPECT_EQ(s.normalized, "EN 60335-2-9:2003+A13:2010");
}

TEST(StandardNumberDomain, AstmTwoDigitYear) {
  auto s = parse_ok("ASTM D638-14");
  EXPECT_EQ(s.kind, StandardKind::kForeign);
  EXPECT_EQ(s.issuing_body, "ASTM");
  EXPECT_EQ(s.prefix, "ASTM");
  EXPECT_EQ(s.number, "D638");
  EXPECT_EQ(s.year, 2014);
  EXPECT_EQ(s.normalized, "ASTM D638-14");
}

TEST(StandardNumberDomain, Jis) {
  auto s = parse_ok("JIS C 9335-1:2014");
  EXPECT_EQ(s.kind, StandardKind::kForeign);
  EXPECT_EQ(s.issuing_body, "JISC");
  EXPECT_EQ(s.prefix, "JIS");
  EXPECT_EQ(s.number, "C 9335-1");
  EXPECT_EQ(s.part, "1");
  EXPECT_EQ(s.year, 2014);
  EXPECT_EQ(s.normalized, "JIS C 9335-1:2014");
}

TEST(StandardNumberDomain, IdtDoubleNumberWithEmDash) {
  auto s = parse_ok("GB/T 19001—2016/ISO 9001:2015");
  EXPECT_EQ(s.kind, StandardKind::kNational);
  EXPECT_EQ(s.prefix, "GB/T");
  EXPECT_EQ(s.number, "19001");
  EXPECT_EQ(s.year, 2016);
  ASSERT_TRUE(s.adopts);
  EXPECT_EQ(s.adopts->kind, StandardKind::kInternational);
  EXPECT_EQ(s.adopts->prefix, "ISO");
  EXPECT_EQ(s.adopts->number, "9001");
  EXPECT_EQ(s.adopts->year, 2015);
  EXPECT_EQ(s.adopts->normalized, "ISO 9001:2015");
  EXPECT_EQ(s.normalized, "GB/T 19001-2016/ISO 9001:2015");
  EXPECT_EQ(s.as_written, "GB/T 19001—2016/ISO 9001:2015");
  EXPECT_EQ(standard_key(s), "GB/T 19001");
}

TEST(StandardNumberDomain, ProvincialLocal) {
  auto s = parse_ok("DB33/T 1234-2020");
  EXPECT_EQ(s.kind, StandardKind::kLocal);
  EXPECT_EQ(s.issuing_body, "33");
  EXPECT_EQ(s.prefix, "DB33/T");
  EXPECT_EQ(s.number, "1234");
  EXPECT_EQ(s.year, 2020);
  EXPECT_EQ(s.normalized, "DB33/T 1234-2020");
}

TEST(StandardNumberDomain, CityLocal) {
  auto s = parse_ok("DB3302/T 1-2021");
  EXPECT_EQ(s.kind, StandardKind::kLocal);
  EXPECT_EQ(s.issuing_body, "3302");
  EXPECT_EQ(s.prefix, "DB3302/T");
  EXPECT_EQ(s.number, "1");
  EXPECT_EQ(s.normalized, "DB3302/T 1-2021");
}

TEST(StandardNumberDomain, ZhejiangMadeGroup) {
  auto s = parse_ok("T/ZZB 0001-2018");
  EXPECT_EQ(s.kind, StandardKind::kGroup);
  EXPECT_EQ(s.issuing_body, "ZZB");
  EXPECT_EQ(s.prefix, "T/ZZB");
  EXPECT_EQ(s.number, "0001");  // leading zeros are part of the number
  EXPECT_EQ(s.normalized, "T/ZZB 0001-2018");
}

TEST(StandardNumberDomain, Enterprise) {
  auto s = parse_ok("Q/NBXX 001-2020");
  EXPECT_EQ(s.kind, StandardKind::kEnterprise);
  EXPECT_EQ(s.issuing_body, "NBXX");
  EXPECT_EQ(s.prefix, "Q/NBXX");
  EXPECT_EQ(s.number, "001");
  EXPECT_EQ(s.year, 2020);
  EXPECT_EQ(s.normalized, "Q/NBXX 001-2020");
}

TEST(StandardNumberDomain, EarthquakeIndustryIsNotLocal) {
  auto s = parse_ok("DB/T 15-2009");
  EXPECT_EQ(s.kind, StandardKind::kIndustry);
  EXPECT_EQ(s.issuing_body, "DB");
  EXPECT_EQ(s.prefix, "DB/T");
  EXPECT_EQ(s.normalized, "DB/T 15-2009");
}

// ---- Normalization of how people actually type ----

TEST(StandardNumberVariants, FullWidthCharacters) {
  auto s = parse_ok("ＧＢ／Ｔ　１９００１－２０１６");
  EXPECT_EQ(s.normalized, "GB/T 19001-2016");
  EXPECT_EQ(s.as_written, "ＧＢ／Ｔ　１９００１－２０１６");  // kept for display
  EXPECT_EQ(normalized("ＩＳＯ　９００１：２０１５"), "ISO 9001:2015");
  EXPECT_EQ(normalized("ITU-T Y.2060（06/2012）"), "ITU-T Y.2060 (06/2012)");
}

TEST(StandardNumberVariants, Dashes) {
  EXPECT_EQ(normalized("GB/T 19001—2016"), "GB/T 19001-2016");    // em dash
  EXPECT_EQ(normalized("GB/T 19001–2016"), "GB/T 19001-2016");    // en dash
  EXPECT_EQ(normalized("GB/T 19001——2016"), "GB/T 19001-2016");   // IME 破折号
  EXPECT_EQ(normalized("GB/T 19001―2016"), "GB/T 19001-2016");    // horizontal bar
  EXPECT_EQ(normalized("GB/T 19001−2016"), "GB/T 19001-2016");    // minus sign
  EXPECT_EQ(normalized("IEC 60335‑1:2020"), "IEC 60335-1:2020");  // non-breaking hyphen
}

TEST(StandardNumberVariants, Spacing) {
  EXPECT_EQ(normalized("GB/T19001-2016"), "GB/T 19001-2016");
  EXPECT_EQ(normalized("GB /T 19001 — 2016"), "GB/T 19001-2016");
  EXPECT_EQ(normalized("  GB/T   19001-2016 \t"), "GB/T 19001-2016");
  EXPECT_EQ(normalized("ISO9001:2015"), "ISO 9001:2015");
  EXPECT_EQ(normalized("ISO 9001 : 2015"), "ISO 9001:2015");
  EXPECT_EQ(normalized("IEC 60335-1:2020 + A1:2023"), "IEC 60335-1:2020+A1:2023");
  EXPECT_EQ(normalized("ITU-T Y.2060(06/2012)"), "ITU-T Y.2060 (06/2012)");
  EXPECT_EQ(normalized("JIS C9335-1:2014"), "JIS C 9335-1:2014");
  EXPECT_EQ(normalized("JISC9335-1:2014"), "JIS C 9335-1:2014");
  EXPECT_EQ(normalized("ASTM D 638-14"), "ASTM D638-14");
  EXPECT_EQ(normalized("GB/T 19001-2016 / ISO 9001:2015"), "GB/T 19001-2016/ISO 9001:2015");
  EXPECT_EQ(normalized("\xC2\xA0GB/T 19001-2016\xE3\x80\x80"), "GB/T 19001-2016");  // NBSP, U+3000
}

TEST(StandardNumberVariants, AsWrittenIsTrimmedInput) {
  auto s = parse_ok("  gb/t 19001—2016 ");
  EXPECT_EQ(s.as_written, "gb/t 19001—2016");
  EXPECT_EQ(s.normalized, "GB/T 19001-2016");
}

TEST(StandardNumberVariants, LowerCase) {
  EXPECT_EQ(normalized("gb/t 19001-2016"), "GB/T 19001-2016");
  EXPECT_EQ(normalized("iso 9001:2015"), "ISO 9001:2015");
  EXPECT_EQ(normalized("qb/t 1333-2018"), "QB/T 1333-2018");
  EXPECT_EQ(normalized("db33/t 1234-2020"), "DB33/T 1234-2020");
  EXPECT_EQ(normalized("t/zzb 0001-2018"), "T/ZZB 0001-2018");
  EXPECT_EQ(normalized("astm d638-14"), "ASTM D638-14");
  EXPECT_EQ(normalized("itu-t y.2060 (06/2012)"), "ITU-T Y.2060 (06/2012)");
}

TEST(StandardNumberVariants, ColonLookalikesAndFileNameForms) {
  EXPECT_EQ(normalized("ISO 9001∶2015"), "ISO 9001:2015");  // U+2236, common in Word
  EXPECT_EQ(normalized("GBT 19001-2016"), "GB/T 19001-2016");
  EXPECT_EQ(normalized("GB T 19001-2016"), "GB/T 19001-2016");
  EXPECT_EQ(normalized("QBT 1333-2018"), "QB/T 1333-2018");
  EXPECT_EQ(normalized("GB/T 19001:2016"), "GB/T 19001-2016");
  EXPECT_EQ(normalized("ISO 9001-2015"), "ISO 9001:2015");  // Chinese habit for ISO years
  EXPECT_EQ(normalized("IEC 60335-1-2020"), "IEC 60335-1:2020");
}

// ---- Chinese standards ----

TEST(StandardNumberChinese, NationalPrefixes) {
  EXPECT_EQ(parse_ok("GB 4943.1-2022").prefix, "GB");
  EXPECT_EQ(parse_ok("GB/Z 41305-2022").prefix, "GB/Z");
  auto gbz = parse_ok("GBZ 2.1-2019");  // 职业卫生, not GB/Z
  EXPECT_EQ(gbz.prefix, "GBZ");
  EXPECT_EQ(gbz.kind, StandardKind::kNational);
  EXPECT_EQ(parse_ok("GBZ/T 189.1-2007").prefix, "GBZ/T");
}

TEST(StandardNumberChinese, DotParts) {
  auto s = parse_ok("GB 4706.1-2005");
  EXPECT_EQ(s.number, "4706");
  EXPECT_EQ(s.part, "1");
  EXPECT_EQ(s.normalized, "GB 4706.1-2005");
  EXPECT_EQ(standard_key(s), "GB 4706.1");
  auto t = parse_ok("GB/T 16886.10-2017");
  EXPECT_EQ(t.number, "16886");
  EXPECT_EQ(t.part, "10");
  auto u = parse_ok("GB/T 1.1-2020");
  EXPECT_EQ(u.number, "1");
  EXPECT_EQ(u.part, "1");
}

TEST(StandardNumberChinese, YearOptionalAndTwoDigitYears) {
  auto s = parse_ok("GB/T 19001");
  EXPECT_EQ(s.year, 0);
  EXPECT_EQ(s.normalized, "GB/T 19001");
  auto old = parse_ok("GB 2828-87");
  EXPECT_EQ(old.year, 1987);
  EXPECT_EQ(old.normalized, "GB 2828-1987");
  EXPECT_EQ(parse_ok("GB/T 19001-16").year, 2016);
}

TEST(StandardNumberChinese, IndustryCodes) {
  for (std::string_view code : {"QB", "JB", "HG", "FZ", "SJ", "YY", "NY", "JC", "SN", "WS"}) {
    auto s = parse_ok(std::string(code) + "/T 1234-2018");
    EXPECT_EQ(s.kind, StandardKind::kIndustry) << code;
    EXPECT_EQ(s.issuing_body, code);
    EXPECT_EQ(s.prefix, std::string(code) + "/T");
  }
  auto mandatory = parse_ok("AQ 3009-2007");
  EXPECT_EQ(mandatory.kind, StandardKind::kIndustry);
  EXPECT_EQ(mandatory.prefix, "AQ");
  EXPECT_EQ(parse_ok("SJ/Z 11362-2006").prefix, "SJ/Z");
  // Any two letters with /T are an industry code; bare ones only when known.
  EXPECT_EQ(parse_ok("AB/T 1-2020").kind, StandardKind::kIndustry);
  EXPECT_TRUE(contains(rejected("AB 1-2020"), "无法识别的标准编号"));
  EXPECT_TRUE(contains(rejected("IS 1234"), "无法识别的标准编号"));
}

TEST(StandardNumberChinese, IndustryDoubleNumber) {
  auto s = parse_ok("YY/T 0287—2017/ISO 13485:2016");
  EXPECT_EQ(s.kind, StandardKind::kIndustry);
  EXPECT_EQ(s.number, "0287");
  ASSERT_TRUE(s.adopts);
  EXPECT_EQ(s.adopts->normalized, "ISO 13485:2016");
  EXPECT_EQ(s.normalized, "YY/T 0287-2017/ISO 13485:2016");
}

TEST(StandardNumberChinese, DoubleNumberAdoptingIecWithAmendments) {
  auto s = parse_ok("GB 4706.1-2005/IEC 60335-1:2004+A1:2004");
  ASSERT_TRUE(s.adopts);
  EXPECT_EQ(s.adopts->prefix, "IEC");
  EXPECT_EQ(s.adopts->number, "60335-1");
  EXPECT_EQ(s.adopts->amendments, std::vector<std::string>{"A1:2004"});
  EXPECT_EQ(s.adopts->as_written, "IEC 60335-1:2004+A1:2004");
}

TEST(StandardNumberChinese, LocalForms) {
  auto mandatory = parse_ok("DB33/ 766-2019");
  EXPECT_EQ(mandatory.kind, StandardKind::kLocal);
  EXPECT_EQ(mandatory.prefix, "DB33");
  EXPECT_EQ(mandatory.normalized, "DB33/ 766-2019");
  EXPECT_EQ(normalized("DB33 766-2019"), "DB33/ 766-2019");
  EXPECT_EQ(normalized("DB 33/T 1234-2020"), "DB33/T 1234-2020");
  EXPECT_EQ(normalized("DB33/T1234—2020"), "DB33/T 1234-2020");
  EXPECT_TRUE(contains(rejected("DB331/T 1-2020"), "行政区划代码"));
  EXPECT_TRUE(contains(rejected("DB00/T 1-2020"), "无效"));
}

TEST(StandardNumberChinese, Group) {
  auto s = parse_ok("T/CAS 123-2020");
  EXPECT_EQ(s.issuing_body, "CAS");
  EXPECT_EQ(s.prefix, "T/CAS");
  EXPECT_EQ(normalized("T/ZZB0001-2018"), "T/ZZB 0001-2018");
  EXPECT_EQ(normalized("T/ZZB 0123.2—2017"), "T/ZZB 0123.2-2017");
  EXPECT_TRUE(contains(rejected("T/ 123-2020"), "T/ZZB"));
  EXPECT_TRUE(contains(rejected("T/ZZB"), "缺少顺序号"));
}

TEST(StandardNumberChinese, EnterpriseIsLenient) {
  auto s = parse_ok("Q/320582 AAB 01-2019");
  EXPECT_EQ(s.kind, StandardKind::kEnterprise);
  EXPECT_EQ(s.issuing_body, "320582 AAB");
  EXPECT_EQ(s.prefix, "Q/320582 AAB");
  EXPECT_EQ(s.number, "01");
  EXPECT_EQ(s.year, 2019);
  EXPECT_EQ(s.normalized, "Q/320582 AAB 01-2019");
  auto food = parse_ok("Q/BBAH 0001S-2014");  // 食品企业标准 with its S suffix
  EXPECT_EQ(food.number, "0001S");
  EXPECT_EQ(normalized("Q/NBXX0001S-2014"), "Q/NBXX 0001S-2014");
  EXPECT_EQ(normalized("q/nbxx 001"), "Q/NBXX 001");
  EXPECT_EQ(normalized("Q/NBXX 001—20"), "Q/NBXX 001-2020");
  EXPECT_TRUE(contains(rejected("Q/"), "Q/NBXX 001-2020"));
  EXPECT_TRUE(contains(rejected("Q/NBXX"), "缺少顺序号"));
  EXPECT_TRUE(contains(rejected("Q/2020"), "缺少企业代号"));
}

// ---- International and foreign standards ----

TEST(StandardNumberForeign, AdoptionChainsStayInPrefix) {
  auto bs = parse_ok("BS EN 60335-1:2012+A11:2014");
  EXPECT_EQ(bs.kind, StandardKind::kForeign);
  EXPECT_EQ(bs.issuing_body, "BSI");
  EXPECT_EQ(bs.prefix, "BS EN");
  EXPECT_EQ(bs.number, "60335-1");
  EXPECT_EQ(bs.normalized, "BS EN 60335-1:2012+A11:2014");
  auto din = parse_ok("DIN EN ISO 9001:2015-11");
  EXPECT_EQ(din.issuing_body, "DIN");
  EXPECT_EQ(din.prefix, "DIN EN ISO");
  EXPECT_EQ(din.month, 11);
  EXPECT_EQ(din.normalized, "DIN EN ISO 9001:2015-11");
  EXPECT_EQ(parse_ok("EN ISO 13485:2016").prefix, "EN ISO");
  EXPECT_EQ(normalized("BS/EN/ISO 13485:2016"), "BS EN ISO 13485:2016");
  EXPECT_EQ(parse_ok("NF EN 60335-1").issuing_body, "AFNOR");
}

TEST(StandardNumberForeign, AmericanStandards) {
  auto ansi = parse_ok("ANSI Z87.1-2020");
  EXPECT_EQ(ansi.issuing_body, "ANSI");
  EXPECT_EQ(ansi.number, "Z87.1");
  EXPECT_EQ(ansi.year, 2020);
  auto ul = parse_ok("ANSI/UL 60335-1");
  EXPECT_EQ(ul.prefix, "ANSI/UL");
  EXPECT_EQ(ul.part, "1");
  EXPECT_EQ(ul.year, 0);
  EXPECT_EQ(parse_ok("ANSI/ASHRAE 90.1-2019").prefix, "ANSI/ASHRAE");
  auto plain_ul = parse_ok("UL 94");
  EXPECT_EQ(plain_ul.issuing_body, "UL");
  EXPECT_EQ(plain_ul.kind, StandardKind::kForeign);
  EXPECT_EQ(normalized("IEEE 802.3-2018"), "IEEE 802.3-2018");
}

TEST(StandardNumberForeign, AstmYearsAndEditions) {
  EXPECT_EQ(parse_ok("ASTM D638-99").year, 1999);
  EXPECT_EQ(parse_ok("ASTM D638-03").year, 2003);
  EXPECT_EQ(normalized("ASTM D638-2014"), "ASTM D638-14");
  auto a = parse_ok("ASTM A370-17a");
  EXPECT_EQ(a.year, 2017);
  EXPECT_EQ(a.edition, "a");
  EXPECT_EQ(a.normalized, "ASTM A370-17a");
  auto r = parse_ok("ASTM D256-10(2018)");
  EXPECT_EQ(r.year, 2010);
  EXPECT_EQ(r.reapproved, 2018);
  EXPECT_EQ(r.normalized, "ASTM D256-10(2018)");
  EXPECT_EQ(parse_ok("ASTM E8/E8M-22").number, "E8/E8M");
  EXPECT_TRUE(contains(rejected("ASTM 638-14"), "ASTM D638-14"));
}

TEST(StandardNumberForeign, OtherNationalBodies) {
  EXPECT_EQ(parse_ok("BS 7671:2018").issuing_body, "BSI");
  EXPECT_EQ(parse_ok("DIN 1988-300:2012-05").month, 5);
  auto nf = parse_ok("NF C 15-100");
  EXPECT_EQ(nf.number, "C 15-100");
  EXPECT_EQ(nf.part, "");  // a classification index, not part 100
  auto au = parse_ok("AS/NZS 3112:2017");
  EXPECT_EQ(au.prefix, "AS/NZS");
  EXPECT_EQ(au.kind, StandardKind::kForeign);
}

TEST(StandardNumberInternational, JointAndDeliverables) {
  auto joint = parse_ok("ISO/IEC 27001:2022");
  EXPECT_EQ(joint.kind, StandardKind::kInternational);
  EXPECT_EQ(joint.issuing_body, "ISO/IEC");
  EXPECT_EQ(joint.prefix, "ISO/IEC");
  auto ts = parse_ok("ISO/TS 16949:2009");
  EXPECT_EQ(ts.prefix, "ISO/TS");
  EXPECT_EQ(ts.issuing_body, "ISO");
  EXPECT_EQ(normalized("ISO TS 16949:2009"), "ISO/TS 16949:2009");
  EXPECT_EQ(normalized("ISO/TR 10013:2021"), "ISO/TR 10013:2021");
  EXPECT_EQ(normalized("IEC/TS 62443-1-1:2009"), "IEC TS 62443-1-1:2009");
  EXPECT_EQ(parse_ok("ISO/IEC/IEEE 12207:2017").issuing_body, "ISO/IEC/IEEE");
}

TEST(StandardNumberInternational, IsoAndIecAmendments) {
  auto s = parse_ok("ISO 9001:2015/Amd 1:2024");
  EXPECT_EQ(s.amendments, std::vector<std::string>{"Amd 1:2024"});
  EXPECT_EQ(s.normalized, "ISO 9001:2015/Amd 1:2024");
  EXPECT_EQ(normalized("ISO 9001:2015/AMD1:2024"), "ISO 9001:2015/Amd 1:2024");
  auto iec = parse_ok("IEC 60335-1:2010+AMD1:2013+AMD2:2016");
  EXPECT_EQ(iec.amendments, (std::vector<std::string>{"AMD1:2013", "AMD2:2016"}));
  EXPECT_EQ(parse_ok("EN 60335-1:2012+AC:2014").amendments[0], "AC:2014");
  EXPECT_TRUE(contains(rejected("IEC 60335-1:2020+"), "+A1:2023"));
  EXPECT_TRUE(contains(rejected("IEC 60335-1:2020+A1:1900"), "1950–2100"));
}

TEST(StandardNumberInternational, ItuForms) {
  EXPECT_EQ(normalized("ITU-T X.509 (10/2019)"), "ITU-T X.509 (10/2019)");
  EXPECT_EQ(normalized("ITU-T X.509"), "ITU-T X.509");
  EXPECT_EQ(normalized("ITU-T G.711.1 (2008)"), "ITU-T G.711.1 (2008)");
  EXPECT_EQ(normalized("ITU-T Y.2060 (6/2012)"), "ITU-T Y.2060 (06/2012)");
  auto r = parse_ok("ITU-R BT.709-6");
  EXPECT_EQ(r.prefix, "ITU-R");
  EXPECT_EQ(r.number, "BT.709-6");
  EXPECT_TRUE(contains(rejected("ITU-T Y.2060 (13/2012)"), "01–12"));
  EXPECT_TRUE(contains(rejected("ITU-T 2060"), "ITU-T Y.2060 (06/2012)"));
}

// ---- Rejections say what was expected ----

TEST(StandardNumberReject, EmptyAndBlank) {
  EXPECT_TRUE(contains(rejected(""), "为空"));
  EXPECT_TRUE(contains(rejected("   \t "), "为空"));
  EXPECT_TRUE(contains(rejected("\xE3\x80\x80"), "GB/T 19001-2016"));
}

TEST(StandardNumberReject, Nonsense) {
  auto hello = rejected("hello");
  EXPECT_TRUE(contains(hello,
                       "无法识别的标准编号：应为 前缀 + 顺序号 + 年号，例如 GB/T 19001-2016 或 "
                       "ISO 9001:2015"));
  EXPECT_TRUE(contains(hello, "HELLO"));
  EXPECT_TRUE(contains(rejected("12345"), "缺少标准代号"));
  EXPECT_TRUE(contains(rejected("GB/T"), "“GB/T”之后缺少顺序号"));
  EXPECT_TRUE(contains(rejected("ISO"), "“ISO”之后缺少顺序号"));
  EXPECT_TRUE(contains(rejected("GB/T ABC"), "数字顺序号"));
  EXPECT_TRUE(contains(rejected("ISO ABC"), "数字顺序号"));
  EXPECT_TRUE(contains(rejected("GB/X 123"), "GB、GB/T 或 GB/Z"));
}

TEST(StandardNumberReject, YearsOutOfRange) {
  EXPECT_TRUE(contains(rejected("GB/T 1234-1949"), "1950–2100"));
  EXPECT_TRUE(contains(rejected("GB/T 1234-2101"), "1950–2100"));
  EXPECT_TRUE(contains(rejected("ISO 9001:1900"), "1950–2100"));
  EXPECT_TRUE(contains(rejected("GB/T 1234-201"), "四位数字"));
  EXPECT_TRUE(contains(rejected("ISO 9001:15"), "四位数字"));  // no two-digit ISO years
  EXPECT_TRUE(parse_standard_number("GB/T 1234-1950").ok);
  EXPECT_TRUE(parse_standard_number("GB/T 1234-2100").ok);
}

TEST(StandardNumberReject, TrailingAndForeignCharacters) {
  EXPECT_TRUE(contains(rejected("GB/T 19001-2016X"), "多余的内容“X”"));
  auto chinese = rejected("GB/T 19001-2016 质量管理体系 要求");
  EXPECT_TRUE(contains(chinese, "“质”"));
  EXPECT_TRUE(contains(chinese, "U+8D28"));
  EXPECT_TRUE(contains(rejected("GB/T 19001#2016"), "“#”"));
  EXPECT_TRUE(contains(rejected("GB/T 19001-2016/GB 1-2015"), "国际或国外标准"));
}

TEST(StandardNumberReject, Overlong) {
  std::string just_right = "Q/" + std::string(30, 'A') + " 1";
  EXPECT_TRUE(parse_standard_number(just_right + std::string(150, ' ')).ok);  // trimmed first
  std::string long_text = "GB/T 1" + std::string(195, '0');
  ASSERT_EQ(long_text.size(), 201u);
  EXPECT_TRUE(contains(rejected(long_text), "200"));
  // Within the length limit, but more digits than any sequence number has.
  EXPECT_TRUE(contains(rejected("GB/T " + std::string(8, '1') + "1"), "过长"));
}

// ---- Hostile input ----

TEST(StandardNumberHostile, InvalidUtf8) {
  EXPECT_TRUE(contains(rejected("GB/T \xFF\xFE 19001"), "UTF-8"));
  EXPECT_TRUE(contains(rejected("\xC0\xAF"), "UTF-8"));                 // overlong '/'
  EXPECT_TRUE(contains(rejected("ISO \xED\xA0\x80"), "UTF-8"));         // surrogate
  EXPECT_TRUE(contains(rejected("GB/T 19001-2016\xE2\x80"), "UTF-8"));  // truncated em dash
  EXPECT_TRUE(contains(rejected(std::string("\x80\x80\x80", 3)), "UTF-8"));
}

TEST(StandardNumberHostile, NulAndControlCharacters) {
  EXPECT_TRUE(contains(rejected(std::string("GB/T\0 19001-2016", 16)), "U+0000"));
  EXPECT_TRUE(contains(rejected(std::string(64, '\0')), "控制字符"));
  EXPECT_TRUE(contains(rejected("GB/T 19001\x1B[31m-2016"), "控制字符"));
}

TEST(StandardNumberHostile, TenKilobytes) {
  EXPECT_TRUE(contains(rejected(std::string(10 * 1024, 'A')), "过长"));
  EXPECT_TRUE(contains(rejected(std::string(10 * 1024, '\xFF')), "过长"));
  std::string repeated;
  while (repeated.size() < 10 * 1024) repeated += "GB/T 19001—2016/";
  EXPECT_TRUE(contains(rejected(repeated), "过长"));
}

TEST(StandardNumberHostile, ErrorMessagesAreValidUtf8) {
  for (std::string_view bad : {"\xE4\xB8", "质量", "GB/T 1-2016\xF0\x9F\x98\x80", "Ⅰ"}) {
    auto r = parse_standard_number(bad);
    EXPECT_FALSE(r.ok);
    EXPECT_TRUE(is_valid_utf8(r.error)) << r.error;
  }
  EXPECT_TRUE(contains(rejected("GB/T 1-2016😀"), "U+1F600"));
}

// ---- Canonical form is a fixed point ----

TEST(StandardNumberNormalized, ParsesBackToItself) {
  const char* examples[] = {"GB/T 1234-2019",
                            "ISO 9001:2015",
                            "IEC 60335-1:2020+A1:2023",
                            "ITU-T Y.2060 (06/2012)",
                            "EN 60335-2-9:2003+A13:2010",
                            "ASTM D638-14",
                            "JIS C 9335-1:2014",
                            "GB/T 19001—2016/ISO 9001:2015",
                            "DB33/T 1234-2020",
                            "DB3302/T 1-2021",
                            "T/ZZB 0001-2018",
                            "Q/NBXX 001-2020",
                            "Q/320582 AAB 01-2019",
                            "DB33 766-2019",
                            "ASTM A370-17a",
                            "ASTM D256-10(2018)",
                            "ISO 9001:2015/Amd 1:2024",
                            "DIN EN ISO 9001:2015-11",
                            "IEC TS 62443-1-1:2009",
                            "ANSI/ASHRAE 90.1-2019",
                            "ASTM D638-2060",
                            "gb 2828-87",
                            "ＧＢ／Ｔ　１９００１－２０１６",
                            "Q/NBXX0001S-2014",
                            "ITU-T X.509:2019"};
  for (const char* text : examples) {
    auto first = parse_ok(text);
    auto second = parse_ok(first.normalized);
    EXPECT_EQ(second.normalized, first.normalized) << text;
    EXPECT_EQ(standard_key(second), standard_key(first)) << text;
  }
  // An ASTM year two digits cannot express keeps four, so that it reads back unchanged.
  EXPECT_EQ(normalized("ASTM D638-2060"), "ASTM D638-2060");
}

// ---- Keys and editions ----

TEST(StandardNumberSame, KeyDropsYearAndAmendments) {
  EXPECT_EQ(standard_key(parse_ok("GB/T 19001-2016")), "GB/T 19001");
  EXPECT_EQ(standard_key(parse_ok("IEC 60335-1:2020+A1:2023")), "IEC 60335-1");
  EXPECT_EQ(standard_key(parse_ok("ITU-T Y.2060 (06/2012)")), "ITU-T Y.2060");
  EXPECT_EQ(standard_key(parse_ok("JIS C 9335-1:2014")), "JIS C 9335-1");
  EXPECT_EQ(standard_key(parse_ok("DB33/ 766-2019")), "DB33/ 766");
  EXPECT_EQ(standard_key(parse_ok("Q/NBXX 001-2020")), "Q/NBXX 001");
}

TEST(StandardNumberSame, EditionsOfOneStandard) {
  auto a = parse_ok("GB/T 19001-2008");
  auto b = parse_ok("GB/T 19001—2016");
  EXPECT_TRUE(same_standard(a, b, true));
  EXPECT_FALSE(same_standard(a, b, false));
  EXPECT_TRUE(same_standard(b, parse_ok("gb/t19001-2016"), false));
  EXPECT_FALSE(same_standard(parse_ok("GB 19001-2016"), b, true));  // mandatory ≠ recommended
  EXPECT_FALSE(same_standard(parse_ok("GB 4706.1-2005"), parse_ok("GB 4706.2-2005"), true));
  EXPECT_FALSE(same_standard(parse_ok("IEC 60335-1"), parse_ok("EN 60335-1"), true));
  // Amendments and the adopted standard do not make another edition.
  EXPECT_TRUE(
      same_standard(parse_ok("IEC 60335-1:2020"), parse_ok("IEC 60335-1:2020+A1:2023"), false));
  EXPECT_TRUE(same_standard(parse_ok("GB/T 19001-2016/ISO 9001:2015"), b, false));
  EXPECT_FALSE(same_standard(parse_ok("ASTM A370-17"), parse_ok("ASTM A370-17a"), false));
  EXPECT_FALSE(same_standard(StandardNumber{}, StandardNumber{}, true));
}

TEST(StandardNumberKind, NamesRoundTrip) {
  for (auto k : {StandardKind::kInternational, StandardKind::kForeign, StandardKind::kNational,
                 StandardKind::kIndustry, StandardKind::kLocal, StandardKind::kGroup,
                 StandardKind::kEnterprise}) {
    EXPECT_EQ(parse_standard_kind(standard_kind_name(k)), k);
    EXPECT_FALSE(standard_kind_label_zh(k).empty());
  }
  EXPECT_EQ(standard_kind_label_zh(StandardKind::kGroup), "团体标准");
  EXPECT_FALSE(parse_standard_kind("foreign_advanced").has_value());
}

}  // namespace
}  // namespace duibiao

// Found by the fuzzer: odd spacing let a reading accept a UL number whose canonical text (eight
// segments) does not read back. Such input is refused, so every stored number re-reads itself.
TEST(StandardNumberFuzzRegression, CanonicalFormAlwaysReadsBack) {
  auto r = duibiao::parse_standard_number("UL 9583-555  -208B  -EN1- 60375-2-920:2003");
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.error.empty());
  for (const char* text : {"ASTM A370-17a", "GB/T 19001—2016/ISO 9001:2015", "UL 60335-1",
                           "IEC 60335-1:2020+A1:2023", "ITU-T Y.2060 (06/2012)"}) {
    auto ok = duibiao::parse_standard_number(text);
    ASSERT_TRUE(ok.ok) << text << ": " << ok.error;
    auto again = duibiao::parse_standard_number(ok.value.normalized);
    ASSERT_TRUE(again.ok) << ok.value.normalized;
    EXPECT_EQ(again.value.normalized, ok.value.normalized);
  }
}
