#include "domain/credit_code.h"

#include <gtest/gtest.h>

namespace duibiao {
namespace {

TEST(CreditCode, AcceptsPublishedExamples) {
  EXPECT_TRUE(check_credit_code("91310110666007217T").valid);
  EXPECT_TRUE(check_credit_code("91350100M000100Y43").valid);
}

TEST(CreditCode, TrimsAndUppercases) {
  auto r = check_credit_code("  91350100m000100y43 ");
  EXPECT_TRUE(r.valid);
  EXPECT_EQ(r.normalized, "91350100M000100Y43");
}

TEST(CreditCode, WrongCheckCharacterNamesTheExpectedOne) {
  auto r = check_credit_code("91310110666007217A");
  EXPECT_FALSE(r.valid);
  EXPECT_TRUE(r.only_check_char_wrong);
  ASSERT_TRUE(r.expected.has_value());
  EXPECT_EQ(*r.expected, 'T');
  EXPECT_NE(r.message.find("第18位"), std::string::npos);
  EXPECT_NE(r.message.find("T"), std::string::npos);
}

TEST(CreditCode, EveryCheckCharacterIsComputedFromWeights) {
  // Changing any one of the first 17 characters changes the check character: the weights
  // 3^i mod 31 are all non-zero and 31 is prime.
  std::string base = "91310110666007217";
  char original = credit_code_check_char(base);
  for (size_t i = 0; i < 17; ++i) {
    std::string changed = base;
    changed[i] = changed[i] == '1' ? '2' : '1';
    EXPECT_NE(credit_code_check_char(changed), original) << "position " << i;
  }
}

TEST(CreditCode, RejectsWrongLength) {
  auto r = check_credit_code("91310110666007217");
  EXPECT_FALSE(r.valid);
  EXPECT_NE(r.message.find("17"), std::string::npos);
  EXPECT_FALSE(check_credit_code("91310110666007217TT").valid);
  EXPECT_FALSE(check_credit_code("").valid);
}

TEST(CreditCode, RejectsForbiddenCharactersWithPosition) {
  for (char bad : {'I', 'O', 'S', 'V', 'Z', '*'}) {
    std::string code = "91310110666007217T";
    code[10] = bad;
    auto r = check_credit_code(code);
    EXPECT_FALSE(r.valid) << bad;
    EXPECT_FALSE(r.only_check_char_wrong);
    EXPECT_NE(r.message.find("第11位"), std::string::npos) << r.message;
  }
}

TEST(CreditCode, RejectsNonDigitRegionPart) {
  std::string code = "91A10110666007217T";
  auto r = check_credit_code(code);
  EXPECT_FALSE(r.valid);
  EXPECT_NE(r.message.find("行政区划"), std::string::npos);
}

TEST(CreditCode, NonAsciiInputIsRejectedNotCrashed) {
  auto r = check_credit_code("９１３１０１１０６６６００７２１７Ｔ");
  EXPECT_FALSE(r.valid);
  EXPECT_FALSE(r.message.empty());
}

TEST(CreditCode, RegionPart) {
  EXPECT_EQ(credit_code_region("91310110666007217T"), "310110");
}

}  // namespace
}  // namespace duibiao
