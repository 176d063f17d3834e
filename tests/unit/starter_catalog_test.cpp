// The starter catalog (data/starter_standards.csv, compiled into the binary): every number and
// every adopted number is one the standard-number parser accepts, written in its canonical form;
// every pair points at an international / foreign standard that is in the file itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "domain/csv.h"
#include "domain/standard_number.h"
#include "domain/text.h"
#include "service/starter_catalog.h"

namespace duibiao {
namespace {

struct Row {
  std::map<std::string, std::string> cells;
  const std::string& operator[](const std::string& k) const { return cells.at(k); }
};

std::vector<Row> starter_rows() {
  std::string_view text = starter_catalog_csv();
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  auto rows = parse_csv(text);
  EXPECT_FALSE(rows.empty());
  std::vector<Row> out;
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].size() == 1 && rows[i][0].empty()) continue;
    EXPECT_EQ(rows[i].size(), rows[0].size()) << "row " << i + 1;
    Row r;
    for (size_t c = 0; c < rows[0].size() && c < rows[i].size(); ++c)
      r.cells[rows[0][c]] = rows[i][c];
    out.push_back(std::move(r));
  }
  return out;
}

bool has_cjk(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0xE4 && c <= 0xE9) return true;  // lead bytes of U+4E00–U+9FFF
  return false;
}

TEST(StarterCatalog, HasTheTemplateColumns) {
  std::string_view text = starter_catalog_csv();
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  auto header = parse_csv(text).at(0);
  for (const char* col : {"标准编号", "中文名称", "英文名称", "状态", "采用程度", "采用的国际标准"})
    EXPECT_NE(std::find(header.begin(), header.end(), col), header.end()) << col;
}

TEST(StarterCatalog, EveryNumberParsesAndIsWrittenCanonically) {
  auto rows = starter_rows();
  ASSERT_GE(rows.size(), 30u);
  std::set<std::string> seen;
  for (const auto& r : rows) {
    auto n = parse_standard_number(r["标准编号"]);
    ASSERT_TRUE(n.ok) << r["标准编号"] << ": " << n.error;
    EXPECT_EQ(n.value.normalized, r["标准编号"]) << "written as the parser normalizes it";
    EXPECT_GT(n.value.year, 1980) << r["标准编号"] << " carries its year";
    EXPECT_TRUE(seen.insert(n.value.normalized).second) << "duplicate " << r["标准编号"];
    EXPECT_TRUE(has_cjk(r["中文名称"])) << r["标准编号"] << " has a Chinese title";
    EXPECT_FALSE(trim(r["英文名称"]).empty()) << r["标准编号"] << " has an English title";
    const std::string& status = r["状态"];
    EXPECT_TRUE(status.empty() || status == "现行" || status == "废止" || status == "即将实施")
        << r["标准编号"];
  }
}

TEST(StarterCatalog, PairsAdoptAnInternationalStandardOfTheFile) {
  auto rows = starter_rows();
  std::map<std::string, const Row*> by_number;
  for (const auto& r : rows) by_number[r["标准编号"]] = &r;
  size_t pairs = 0, idt = 0, mod = 0;
  for (const auto& r : rows) {
    const std::string& adoption = r["采用程度"];
    const std::string& adopted = r["采用的国际标准"];
    EXPECT_EQ(adoption.empty(), adopted.empty()) << r["标准编号"] << ": degree and number together";
    if (adopted.empty()) continue;
    ++pairs;
    EXPECT_TRUE(adoption == "IDT" || adoption == "MOD" || adoption == "NEQ") << r["标准编号"];
    idt += adoption == "IDT";
    mod += adoption == "MOD";
    auto domestic = parse_standard_number(r["标准编号"]);
    ASSERT_TRUE(domestic.ok);
    EXPECT_TRUE(domestic.value.kind == StandardKind::kNational ||
                domestic.value.kind == StandardKind::kIndustry)
        << r["标准编号"] << " is a Chinese national or industry standard";
    auto foreign = parse_standard_number(adopted);
    ASSERT_TRUE(foreign.ok) << adopted << ": " << foreign.error;
    EXPECT_EQ(foreign.value.normalized, adopted);
    EXPECT_TRUE(foreign.value.kind == StandardKind::kInternational ||
                foreign.value.kind == StandardKind::kForeign)
        << adopted;
    EXPECT_LE(foreign.value.year, domestic.value.year)
        << r["标准编号"] << " cannot adopt a standard published after it";
    auto it = by_number.find(adopted);
    ASSERT_NE(it, by_number.end())
        << adopted << " (adopted by " << r["标准编号"] << ") is itself in the file";
  }
  EXPECT_GE(pairs, 15u);
  EXPECT_GE(idt, 10u);
  EXPECT_GE(mod, 2u);
}

}  // namespace
}  // namespace duibiao
