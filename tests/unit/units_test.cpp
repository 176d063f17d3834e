#include "domain/units.h"

#include <gtest/gtest.h>

#include <string>

namespace duibiao {
namespace {

Decimal dec(std::string_view s) {
  auto d = parse_decimal(s);
  EXPECT_TRUE(d.has_value()) << s;
  return d.value_or(Decimal{});
}

// a (in ua) == b (in ub) exactly.
bool same_quantity(std::string_view a, std::string_view ua, std::string_view b,
                   std::string_view ub) {
  Unit x = parse_unit(ua), y = parse_unit(ub);
  if (!units_comparable(x, y)) return false;
  return compare_quantity(dec(a), x, dec(b), y) == 0;
}

std::string rounded(std::string_view x, std::string_view interval) {
  auto r = round_half_even(dec(x), dec(interval));
  return r ? r->to_string() : "none";
}

// --- Decimal -----------------------------------------------------------------------------

TEST(UnitsDecimal, ScanKeepsTheWrittenScale) {
  auto d = scan_decimal("0.50");
  EXPECT_EQ(d.consumed, 4u);
  EXPECT_EQ(d.value.mantissa, 50);
  EXPECT_EQ(d.value.exponent, -2);
  EXPECT_EQ(d.value.to_string(), "0.50");
  auto i = scan_decimal("95%");
  EXPECT_EQ(i.consumed, 2u);
  EXPECT_EQ(i.value.mantissa, 95);
  EXPECT_EQ(i.value.exponent, 0);
}

TEST(UnitsDecimal, ScanForms) {
  EXPECT_EQ(scan_decimal(".5").value.to_string(), "0.5");
  EXPECT_EQ(scan_decimal("000123").value.to_string(), "123");
  EXPECT_EQ(scan_decimal("5.mm").consumed, 1u);  // a point not followed by a digit is not ours
  EXPECT_EQ(scan_decimal("abc").consumed, 0u);
  EXPECT_EQ(scan_decimal("").consumed, 0u);
  EXPECT_EQ(scan_decimal("-5").consumed, 0u);  // signs are the caller's business
}

TEST(UnitsDecimal, ThousandsSeparatorsOnlyInGroupsOfThree) {
  auto a = scan_decimal("1,000 h");
  EXPECT_EQ(a.consumed, 5u);
  EXPECT_EQ(a.value.to_string(), "1000");
  EXPECT_EQ(scan_decimal("12,345,678").value.to_string(), "12345678");
  EXPECT_EQ(scan_decimal("0,5").consumed, 1u);     // decimal comma: not taken
  EXPECT_EQ(scan_decimal("1,00").consumed, 1u);    // not a group of three
  EXPECT_EQ(scan_decimal("1,0000").consumed, 1u);  // not a group of three
  EXPECT_EQ(scan_decimal("1234,567").consumed, 4u);
}

TEST(UnitsDecimal, TooManyDigitsIsReportedNotTruncated) {
  EXPECT_TRUE(scan_decimal("1234567890123456789").too_long);
  EXPECT_FALSE(scan_decimal("123456789012345678").too_long);
  EXPECT_TRUE(scan_decimal(std::string(10000, '7')).too_long);
  EXPECT_FALSE(parse_decimal(std::string(10000, '7')).has_value());
  // Trailing zeros beyond 18 digits fold into the exponent: the value is still exact.
  auto big = scan_decimal("1000000000000000000000");
  ASSERT_FALSE(big.too_long);
  EXPECT_EQ(compare_decimal(big.value, Decimal{1, 21}), 0);
  // Leading zeros are not significant.
  EXPECT_FALSE(scan_decimal("0.000000000000000000001").too_long);
}

TEST(UnitsDecimal, ToString) {
  EXPECT_EQ((Decimal{25, 2}).to_string(), "2500");
  EXPECT_EQ((Decimal{-5, -3}).to_string(), "-0.005");
  EXPECT_EQ((Decimal{0, 0}).to_string(), "0");
  EXPECT_EQ((Decimal{0, -2}).to_string(), "0.00");
  EXPECT_EQ((Decimal{1234, -2}).to_string(), "12.34");
  EXPECT_DOUBLE_EQ((Decimal{1234, -2}).to_double(), 12.34);
}

TEST(UnitsDecimal, ParseDecimalWholeText) {
  EXPECT_EQ(dec(" -0.5 ").to_string(), "-0.5");
  EXPECT_EQ(dec("+3").to_string(), "3");
  EXPECT_FALSE(parse_decimal("0.5x").has_value());
  EXPECT_FALSE(parse_decimal("").has_value());
  EXPECT_FALSE(parse_decimal("-").has_value());
}

TEST(UnitsDecimal, FromDoubleIsTheShortestDecimal) {
  EXPECT_EQ(decimal_from_double(0.1)->to_string(), "0.1");
  EXPECT_EQ(decimal_from_double(0.5)->to_string(), "0.5");
  EXPECT_EQ(decimal_from_double(0.2)->to_string(), "0.2");
  EXPECT_EQ(decimal_from_double(10)->to_string(), "10");
  EXPECT_FALSE(decimal_from_double(1.0 / 0.0).has_value());
}

TEST(UnitsDecimal, CompareByValue) {
  EXPECT_EQ(compare_decimal(dec("0.5"), dec("0.50")), 0);
  EXPECT_EQ(compare_decimal(dec("0.5"), dec("0.50000001")), -1);
  EXPECT_EQ(compare_decimal(dec("-1"), dec("0.1")), -1);
  EXPECT_EQ(compare_decimal(dec("-1"), dec("-2")), 1);
  EXPECT_EQ(compare_decimal(dec("0"), dec("-0.0")), 0);
  EXPECT_EQ(compare_decimal(Decimal{1, 30}, Decimal{999999999, 0}), 1);
  EXPECT_EQ(compare_decimal(Decimal{1, -30}, Decimal{0, 0}), 1);
}

TEST(UnitsDecimal, Arithmetic) {
  EXPECT_EQ(add_decimal(dec("50"), dec("2.5"))->to_string(), "52.5");
  EXPECT_EQ(subtract_decimal(dec("50"), dec("0.3"))->to_string(), "49.7");
  EXPECT_EQ(multiply_decimal(dec("220"), dec("0.10"))->to_string(), "22.00");
  EXPECT_FALSE(add_decimal(Decimal{1, 40}, Decimal{1, -40}).has_value());  // 81 digits
  EXPECT_FALSE(multiply_decimal(dec("123456789012"), dec("123456789012")).has_value());
}

// --- GB/T 8170-2008 rounding ------------------------------------------------------------------

TEST(UnitsRounding, PowerOfTenIntervals) {
  // GB/T 8170 §3.1 examples.
  EXPECT_EQ(rounded("12.1498", "0.1"), "12.1");
  EXPECT_EQ(rounded("12.1498", "1"), "12");
  EXPECT_EQ(rounded("10.5002", "1"), "11");
  EXPECT_EQ(rounded("1268", "10"), "1270");
  EXPECT_EQ(rounded("1.0500", "0.1"), "1.0");
  EXPECT_EQ(rounded("0.3500", "0.1"), "0.4");
  EXPECT_EQ(rounded("2500", "1000"), "2000");
  EXPECT_EQ(rounded("3500", "1000"), "4000");
  EXPECT_EQ(rounded("-355", "10"), "-360");
  EXPECT_EQ(rounded("-325", "10"), "-320");
}

TEST(UnitsRounding, HalfToEven) {
  EXPECT_EQ(rounded("12.25", "0.1"), "12.2");
  EXPECT_EQ(rounded("12.35", "0.1"), "12.4");
  EXPECT_EQ(rounded("12.15", "0.1"), "12.2");
  EXPECT_EQ(rounded("0.55", "0.1"), "0.6");
  EXPECT_EQ(rounded("0.45", "0.1"), "0.4");
  EXPECT_EQ(rounded("0.54", "0.1"), "0.5");
  EXPECT_EQ(rounded("0.4500001", "0.1"), "0.5");  // more than half: up, whatever the parity
  EXPECT_EQ(rounded("0.0325", "0.001"), "0.032");
  EXPECT_EQ(rounded("0.05", "0.1"), "0.0");
  EXPECT_EQ(rounded("-0.05", "0.1"), "0.0");
}

TEST(UnitsRounding, HalfUnitInterval) {
  // GB/T 8170 §3.2.1 (0.5 单位修约).
  EXPECT_EQ(rounded("60.25", "0.5"), "60.0");
  EXPECT_EQ(rounded("60.38", "0.5"), "60.5");
  EXPECT_EQ(rounded("60.28", "0.5"), "60.5");
  EXPECT_EQ(rounded("-60.75", "0.5"), "-61.0");
  EXPECT_EQ(rounded("60.75", "0.5"), "61.0");
}

TEST(UnitsRounding, FifthUnitInterval) {
  // GB/T 8170 §3.2.2 (0.2 单位修约, to the 0.2 of the hundreds: interval 20).
  EXPECT_EQ(rounded("830", "20"), "840");
  EXPECT_EQ(rounded("842", "20"), "840");
  EXPECT_EQ(rounded("832", "20"), "840");
  EXPECT_EQ(rounded("-930", "20"), "-920");
  EXPECT_EQ(rounded("0.3", "0.2"), "0.4");
  EXPECT_EQ(rounded("0.5", "0.2"), "0.4");
  EXPECT_EQ(rounded("0.7", "0.2"), "0.8");
  EXPECT_EQ(rounded("0.62", "0.2"), "0.6");
}

TEST(UnitsRounding, OtherIntervalsAndErrors) {
  EXPECT_EQ(rounded("0.125", "0.05"), "0.10");
  EXPECT_EQ(rounded("0.175", "0.05"), "0.20");
  EXPECT_EQ(rounded("7", "0.1"), "7.0");
  EXPECT_FALSE(round_half_even(dec("1"), dec("0")).has_value());
  EXPECT_FALSE(round_half_even(dec("1"), dec("-0.1")).has_value());
  // Far below half an interval: zero; far above the representable range: refused.
  EXPECT_EQ(round_half_even(Decimal{1, -60}, dec("1"))->to_string(), "0");
  EXPECT_FALSE(round_half_even(Decimal{1, 60}, dec("0.1")).has_value());
}

TEST(UnitsRounding, ConvertedRoundingIsExact) {
  Unit min = parse_unit("min"), h = parse_unit("h"), mgkg = parse_unit("mg/kg"),
       pct = parse_unit("%");
  // 50 min = 0.8333… h: no terminating decimal, still rounded exactly.
  EXPECT_EQ(round_converted_half_even(dec("50"), min, dec("0.1"), h)->to_string(), "0.8");
  EXPECT_EQ(round_converted_half_even(dec("45"), min, dec("0.5"), h)->to_string(), "1.0");
  EXPECT_EQ(round_converted_half_even(dec("15"), min, dec("0.5"), h)->to_string(), "0.0");
  EXPECT_EQ(round_converted_half_even(dec("550"), mgkg, dec("0.1"), pct)->to_string(), "0.1");
  EXPECT_EQ(round_converted_half_even(dec("1500"), mgkg, dec("0.1"), pct)->to_string(), "0.2");
}

TEST(UnitsConvert, TerminatingDecimalsOnly) {
  Unit g = parse_unit("g"), kg = parse_unit("kg"), min = parse_unit("min"), h = parse_unit("h");
  EXPECT_EQ(convert_quantity(dec("950"), g, kg)->to_string(), "0.950");
  EXPECT_EQ(convert_quantity(dec("1.5"), h, min)->to_string(), "90.0");
  EXPECT_EQ(convert_quantity(dec("30"), min, h)->to_string(), "0.5");
  EXPECT_FALSE(convert_quantity(dec("1"), min, h).has_value());  // 1/60
}

// --- Units ----------------------------------------------------------------------------------

TEST(UnitsParse, MassFamily) {
  EXPECT_EQ(parse_unit("kg").symbol, "kg");
  EXPECT_EQ(parse_unit("Kg").symbol, "kg");  // the common mistyping
  EXPECT_EQ(parse_unit("μg").symbol, "μg");
  EXPECT_EQ(parse_unit("µg").symbol, "μg");  // micro sign U+00B5
  EXPECT_EQ(parse_unit("ug").symbol, "μg");
  EXPECT_TRUE(same_quantity("1", "kg", "1000", "g"));
  EXPECT_TRUE(same_quantity("1", "g", "1000000", "μg"));
  EXPECT_TRUE(same_quantity("1", "t", "1000", "kg"));
  EXPECT_TRUE(same_quantity("1", "mg", "1000", "ug"));
}

TEST(UnitsParse, LengthAreaVolume) {
  EXPECT_TRUE(same_quantity("1", "m", "1000", "mm"));
  EXPECT_TRUE(same_quantity("1", "cm", "10", "mm"));
  EXPECT_TRUE(same_quantity("1", "km", "1000", "m"));
  EXPECT_TRUE(same_quantity("1", "mm", "1000", "μm"));
  EXPECT_TRUE(same_quantity("1", "μm", "1000", "nm"));
  EXPECT_TRUE(same_quantity("1", "m²", "10000", "cm2"));
  EXPECT_TRUE(same_quantity("1", "m^2", "1", "㎡"));
  EXPECT_TRUE(same_quantity("1", "L", "1000", "mL"));
  EXPECT_TRUE(same_quantity("1", "l", "1000", "ml"));
  EXPECT_TRUE(same_quantity("1", "m³", "1000", "L"));
  EXPECT_TRUE(same_quantity("1", "mL", "1000", "μL"));
  EXPECT_EQ(parse_unit("m2").symbol, "m²");
}

TEST(UnitsParse, TimeAndRates) {
  EXPECT_TRUE(same_quantity("1", "h", "60", "min"));
  EXPECT_TRUE(same_quantity("1", "min", "60", "s"));
  EXPECT_TRUE(same_quantity("1", "s", "1000", "ms"));
  EXPECT_TRUE(same_quantity("1", "d", "24", "h"));
  EXPECT_TRUE(same_quantity("1500", "r/min", "25", "r/s"));
  EXPECT_TRUE(same_quantity("1500", "rpm", "1500", "r/min"));
  EXPECT_EQ(parse_unit("rpm").symbol, "r/min");
  EXPECT_TRUE(same_quantity("1", "kHz", "1000", "Hz"));
  EXPECT_TRUE(same_quantity("1", "MHz", "1000", "kHz"));
}

TEST(UnitsParse, ElectricalAndMechanical) {
  EXPECT_TRUE(same_quantity("1", "kV", "1000", "V"));
  EXPECT_TRUE(same_quantity("1", "V", "1000", "mV"));
  EXPECT_TRUE(same_quantity("1", "A", "1000", "mA"));
  EXPECT_TRUE(same_quantity("1", "kW", "1000", "W"));
  EXPECT_TRUE(same_quantity("1", "MW", "1000", "kW"));
  EXPECT_TRUE(same_quantity("1", "MPa", "1000", "kPa"));
  EXPECT_TRUE(same_quantity("1", "bar", "100", "kPa"));
  EXPECT_TRUE(same_quantity("1", "kN", "1000", "N"));
  EXPECT_TRUE(same_quantity("1", "MJ", "1000", "kJ"));
  EXPECT_TRUE(same_quantity("1", "MΩ", "1000", "kΩ"));
  EXPECT_TRUE(same_quantity("1", "kW·h", "3600", "kJ"));
  EXPECT_TRUE(same_quantity("1", "kWh", "3.6", "MJ"));
  EXPECT_TRUE(same_quantity("1", "kW.h", "1000", "W·h"));
  EXPECT_EQ(parse_unit("kWh").symbol, "kW·h");
  EXPECT_EQ(parse_unit("KW·h").symbol, "kW·h");
  EXPECT_TRUE(same_quantity("1", "N·m", "1", "J"));  // same dimension, same factor
}

TEST(UnitsParse, FractionsAreOneFamily) {
  EXPECT_TRUE(parse_unit("%").is_fraction());
  EXPECT_TRUE(parse_unit("mg/kg").is_fraction());
  EXPECT_FALSE(parse_unit("mg/L").is_fraction());
  EXPECT_TRUE(same_quantity("1", "mg/kg", "1", "ppm"));
  EXPECT_TRUE(same_quantity("0.1", "%", "1000", "mg/kg"));
  EXPECT_TRUE(same_quantity("1", "‰", "0.1", "%"));
  EXPECT_TRUE(same_quantity("1", "ppm", "1000", "ppb"));
  EXPECT_TRUE(same_quantity("1", "g/kg", "1000", "mg/kg"));
  EXPECT_TRUE(same_quantity("1", "mg/100g", "10", "mg/kg"));
  EXPECT_EQ(parse_unit("mg/100g").symbol, "mg/100g");
  EXPECT_EQ(parse_unit("mg/(kg·d)").symbol, "mg/(kg·d)");
  EXPECT_TRUE(same_quantity("1", "μg/kg", "1", "ppb"));
}

TEST(UnitsParse, ConcentrationsAndDensities) {
  EXPECT_TRUE(same_quantity("1", "mg/L", "1", "g/m³"));
  EXPECT_TRUE(same_quantity("1", "mg/L", "1000", "μg/L"));
  EXPECT_TRUE(same_quantity("1", "g/L", "1000", "mg/L"));
  EXPECT_TRUE(same_quantity("1", "kg/m²", "1000", "g/m²"));
  EXPECT_EQ(parse_unit("g/m²").symbol, "g/m²");
  EXPECT_EQ(parse_unit("g/m2").symbol, "g/m²");
  EXPECT_EQ(dimension_name_zh(parse_unit("mg/L").dimension), "质量浓度");
  EXPECT_EQ(dimension_name_zh(parse_unit("g/m2").dimension), "面密度");
}

TEST(UnitsParse, NoPrefixUnits) {
  EXPECT_EQ(parse_unit("℃").symbol, "℃");
  EXPECT_EQ(parse_unit("°C").symbol, "℃");
  EXPECT_EQ(parse_unit("dB").symbol, "dB");
  EXPECT_EQ(parse_unit("dB(A)").symbol, "dB(A)");
  EXPECT_EQ(parse_unit("dB（A）").symbol, "dB(A)");
  EXPECT_EQ(parse_unit("dBA").symbol, "dB(A)");
  EXPECT_EQ(parse_unit("m℃").status, UnitStatus::kUnknown);
  EXPECT_EQ(parse_unit("kmin").status, UnitStatus::kUnknown);
  EXPECT_EQ(parse_unit("mdB").status, UnitStatus::kUnknown);
  EXPECT_EQ(parse_unit("k%").status, UnitStatus::kUnknown);
}

TEST(UnitsParse, ChineseUnitWords) {
  EXPECT_EQ(parse_unit("毫米").symbol, "mm");
  EXPECT_EQ(parse_unit("厘米").symbol, "cm");
  EXPECT_EQ(parse_unit("米").symbol, "m");
  EXPECT_EQ(parse_unit("千克").symbol, "kg");
  EXPECT_EQ(parse_unit("公斤").symbol, "kg");
  EXPECT_EQ(parse_unit("克").symbol, "g");
  EXPECT_EQ(parse_unit("毫克").symbol, "mg");
  EXPECT_EQ(parse_unit("小时").symbol, "h");
  EXPECT_EQ(parse_unit("分钟").symbol, "min");
  EXPECT_EQ(parse_unit("秒").symbol, "s");
  EXPECT_EQ(parse_unit("伏").symbol, "V");
  EXPECT_EQ(parse_unit("瓦").symbol, "W");
  EXPECT_EQ(parse_unit("次").symbol, "次");
  EXPECT_EQ(parse_unit("毫克每千克").symbol, "mg/kg");
  EXPECT_EQ(parse_unit("毫克/千克").symbol, "mg/kg");
  EXPECT_EQ(parse_unit("千瓦时").symbol, "kW·h");
  EXPECT_EQ(parse_unit("转/分").symbol, "r/min");
  EXPECT_EQ(parse_unit("摄氏度").symbol, "℃");
  EXPECT_EQ(parse_unit("分贝").symbol, "dB");
  EXPECT_TRUE(same_quantity("5", "毫米", "0.5", "cm"));
  EXPECT_TRUE(same_quantity("2", "小时", "120", "min"));
  // 分 alone is as often a score as a minute: not guessed.
  EXPECT_EQ(parse_unit("分").status, UnitStatus::kUnknown);
}

TEST(UnitsParse, WidthAndSpacing) {
  EXPECT_EQ(parse_unit("ｍｇ／ｋｇ").symbol, "mg/kg");
  EXPECT_EQ(parse_unit(" mg / kg ").symbol, "mg/kg");
  EXPECT_EQ(parse_unit("％").symbol, "%");
  EXPECT_EQ(parse_unit("").status, UnitStatus::kNone);
  EXPECT_EQ(parse_unit("  ").status, UnitStatus::kNone);
}

TEST(UnitsParse, UnknownUnitsKeepTheirText) {
  Unit lm = parse_unit("lm/W");
  EXPECT_EQ(lm.status, UnitStatus::kUnknown);
  EXPECT_EQ(lm.symbol, "lm/W");
  EXPECT_EQ(parse_unit("KG").status, UnitStatus::kUnknown);  // K·G is not a unit
  EXPECT_EQ(parse_unit("粒").symbol, "粒");
  EXPECT_EQ(parse_unit("mg//kg").status, UnitStatus::kUnknown);
  EXPECT_EQ(parse_unit("m^").status, UnitStatus::kUnknown);
  EXPECT_EQ(parse_unit(std::string(300, 'm')).status, UnitStatus::kUnknown);
}

TEST(UnitsRelate, Relations) {
  EXPECT_EQ(relate_units(parse_unit("mm"), parse_unit("cm")), UnitRelation::kComparable);
  EXPECT_EQ(relate_units(parse_unit("mm"), parse_unit("mg/kg")), UnitRelation::kDimensionDiffer);
  EXPECT_EQ(relate_units(parse_unit("dB"), parse_unit("dB(A)")), UnitRelation::kDimensionDiffer);
  EXPECT_EQ(relate_units(parse_unit("mg/kg"), parse_unit("mg/L")), UnitRelation::kDimensionDiffer);
  EXPECT_EQ(relate_units(parse_unit("r/min"), parse_unit("Hz")), UnitRelation::kDimensionDiffer);
  EXPECT_EQ(relate_units(parse_unit("次"), parse_unit("%")), UnitRelation::kDimensionDiffer);
  EXPECT_EQ(relate_units(parse_unit(""), parse_unit("%")), UnitRelation::kNoneVsUnit);
  EXPECT_EQ(relate_units(parse_unit(""), parse_unit("")), UnitRelation::kComparable);
  EXPECT_EQ(relate_units(parse_unit("lm/W"), parse_unit("lm/W")), UnitRelation::kComparable);
  EXPECT_EQ(relate_units(parse_unit("lm/W"), parse_unit("lx")), UnitRelation::kUnknownDiffer);
  EXPECT_EQ(relate_units(parse_unit("lm/W"), parse_unit("W")), UnitRelation::kUnknownDiffer);
  EXPECT_EQ(dimension_name_zh(parse_unit("mm").dimension), "长度");
  EXPECT_EQ(dimension_name_zh(parse_unit("mg/kg").dimension), "无量纲比值（%、mg/kg 等）");
}

TEST(UnitsCompare, ExactAcrossUnits) {
  Unit g = parse_unit("g"), kg = parse_unit("kg"), min = parse_unit("min"), h = parse_unit("h");
  EXPECT_EQ(compare_quantity(dec("950"), g, dec("0.9"), kg), 1);
  EXPECT_EQ(compare_quantity(dec("900"), g, dec("0.9"), kg), 0);
  EXPECT_EQ(compare_quantity(dec("899.999999"), g, dec("0.9"), kg), -1);
  EXPECT_EQ(compare_quantity(dec("119"), min, dec("2"), h), -1);
  EXPECT_EQ(compare_quantity(dec("-1"), g, dec("-0.001"), kg), 0);
  EXPECT_EQ(compare_quantity(dec("-2"), g, dec("-0.001"), kg), -1);
  EXPECT_EQ(compare_quantity(dec("999999999999999999"), parse_unit("d"), dec("999999999999999999"),
                             parse_unit("ms")),
            1);
}

TEST(UnitsFold, ChineseKeyboardForms) {
  auto fold = [](std::string_view s) {
    std::string out(s.size(), '\0');
    out.resize(fold_width(s, out.data()));
    return out;
  };
  EXPECT_EQ(fold("９５％"), "95%");
  EXPECT_EQ(fold("≥95"), ">=95");
  EXPECT_EQ(fold("≤0.5"), "<=0.5");
  EXPECT_EQ(fold("＞９５"), ">95");
  EXPECT_EQ(fold("0.3～0.5"), "0.3~0.5");
  EXPECT_EQ(fold("0.3〜0.5"), "0.3~0.5");
  EXPECT_EQ(fold("－5"), "-5");
  EXPECT_EQ(fold("4706.1—2005"), "4706.1-2005");
  EXPECT_EQ(fold("５０＋－２"), "50±2");
  EXPECT_EQ(fold("50+/-2"), "50±2");
  EXPECT_EQ(fold("０．５"), "0.5");
  EXPECT_EQ(fold("0。5"), "0.5");
  EXPECT_EQ(fold("合格。"), "合格。");
  EXPECT_EQ(fold("a\u3000b"), "a b");
  EXPECT_EQ(fold("≮5"), ">=5");
  EXPECT_EQ(fold("\xff\xfe"), "\xff\xfe");  // invalid bytes pass through, never grow
}

TEST(UnitsFold, UnitPrefixLength) {
  EXPECT_EQ(unit_prefix_length("mg/kg以下"), 5u);
  EXPECT_EQ(unit_prefix_length("%以上"), 1u);
  EXPECT_EQ(unit_prefix_length("mm±2"), 2u);
  EXPECT_EQ(unit_prefix_length("/-1"), 0u);
  EXPECT_EQ(unit_prefix_length("dB(A)"), 5u);
  EXPECT_EQ(unit_prefix_length("mg / kg"), 7u);
  EXPECT_EQ(unit_prefix_length("kW·h及以下"), std::string_view("kW·h").size());
  EXPECT_EQ(unit_prefix_length("毫克每千克"), std::string_view("毫克每千克").size());
  EXPECT_EQ(unit_prefix_length("转/分"), std::string_view("转/分").size());
  EXPECT_EQ(unit_prefix_length("分"), 0u);
  EXPECT_EQ(unit_prefix_length("m2"), 2u);
  EXPECT_EQ(unit_prefix_length("mg/100g"), 7u);
  EXPECT_EQ(unit_prefix_length("以上"), 0u);
  EXPECT_EQ(unit_prefix_length("mm ~"), 2u);
  EXPECT_EQ(unit_prefix_length("/kg"), 0u);  // a quotient needs a numerator
}

}  // namespace
}  // namespace duibiao
