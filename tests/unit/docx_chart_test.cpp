// The chart parts of Word reports: well-formed XML that parses back (pugixml) to the numbers it
// was given, the same numbers in the embedded workbook, and a .docx that declares and relates
// every part.
#include "io/docx_chart.h"

#include <gtest/gtest.h>
#include <minizip/unzip.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <pugixml.hpp>

#include "io/docx.h"
#include "io/xlsx_reader.h"

namespace duibiao {
namespace {

ChartSpec sample(ChartKind kind) {
  return {kind,
          "各地区参与企业数 <与> 指标 & \"份额\"",
          {"海曙区", "江北区", "北仑区"},
          {{"参与企业数", {2, 0, 17}}, {"企业数指标", {5, 4, 12.5}}}};
}

struct Series {
  std::string name;
  std::vector<std::string> categories;
  std::vector<double> values;
  std::string values_ref;
};

std::vector<Series> parse(const pugi::xml_document& doc) {
  std::vector<Series> out;
  for (auto ser : doc.select_nodes("//c:ser")) {
    Series s;
    pugi::xml_node n = ser.node();
    s.name = n.select_node("c:tx//c:v").node().text().get();
    for (auto pt : n.select_nodes("c:cat//c:pt"))
      s.categories.push_back(pt.node().child("c:v").text().get());
    for (auto pt : n.select_nodes("c:val//c:pt"))
      s.values.push_back(pt.node().child("c:v").text().as_double());
    s.values_ref = n.select_node("c:val/c:numRef/c:f").node().text().get();
    EXPECT_EQ(n.select_node("c:val//c:ptCount").node().attribute("val").as_int(),
              static_cast<int>(s.values.size()));
    out.push_back(std::move(s));
  }
  return out;
}

TEST(DocxChart, ColumnChartIsWellFormedAndParsesBackToItsNumbers) {
  std::string xml = chart_part_xml(sample(ChartKind::kColumn));
  pugi::xml_document doc;
  auto ok = doc.load_string(xml.c_str());
  ASSERT_TRUE(ok) << ok.description();
  EXPECT_STREQ(doc.document_element().name(), "c:chartSpace");
  EXPECT_TRUE(doc.select_node("//c:barChart/c:barDir[@val='col']"));
  EXPECT_STREQ(doc.select_node("//c:title//a:t").node().text().get(),
               "各地区参与企业数 <与> 指标 & \"份额\"");
  auto series = parse(doc);
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[0].name, "参与企业数");
  EXPECT_EQ(series[0].categories, (std::vector<std::string>{"海曙区", "江北区", "北仑区"}));
  EXPECT_EQ(series[0].values, (std::vector<double>{2, 0, 17}));
  EXPECT_EQ(series[1].values, (std::vector<double>{5, 4, 12.5}));
  EXPECT_EQ(series[0].values_ref, "Sheet1!$B$2:$B$4");
  EXPECT_EQ(series[1].values_ref, "Sheet1!$C$2:$C$4");
  // Two axes that cross each other, and the embedded workbook related.
  EXPECT_EQ(doc.select_nodes("//c:barChart/c:axId").size(), 2u);
  EXPECT_TRUE(doc.select_node("//c:catAx/c:crossAx[@val='500000002']"));
  EXPECT_TRUE(doc.select_node("/c:chartSpace/c:externalData[@r:id='rId1']"));
}

TEST(DocxChart, PieAndBarAndLineCharts) {
  for (ChartKind k : {ChartKind::kPie, ChartKind::kBar, ChartKind::kLine}) {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(chart_part_xml(sample(k)).c_str()));
    auto series = parse(doc);
    ASSERT_EQ(series.size(), 2u);
    EXPECT_EQ(series[1].values, (std::vector<double>{5, 4, 12.5}));
  }
  pugi::xml_document pie;
  pie.load_string(chart_part_xml(sample(ChartKind::kPie)).c_str());
  EXPECT_TRUE(pie.select_node("//c:pieChart"));
  EXPECT_FALSE(pie.select_node("//c:catAx")) << "a pie has no axes";
  EXPECT_TRUE(pie.select_node("//c:dLbls/c:showPercent[@val='1']"));
  pugi::xml_document bar;
  bar.load_string(chart_part_xml(sample(ChartKind::kBar)).c_str());
  EXPECT_TRUE(bar.select_node("//c:barDir[@val='bar']"));
  EXPECT_TRUE(bar.select_node("//c:catAx/c:scaling/c:orientation[@val='maxMin']"))
      << "the first category on top, as a ranking reads";
}

TEST(DocxChart, MissingValuesAreZeroAndNumbersAreWrittenPlainly) {
  ChartSpec s{ChartKind::kColumn, "t", {"a", "b", "c"}, {{"x", {1}}}};
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(chart_part_xml(s).c_str()));
  EXPECT_EQ(parse(doc)[0].values, (std::vector<double>{1, 0, 0}));
  EXPECT_EQ(chart_number(12), "12");
  EXPECT_EQ(chart_number(100.0 / 3), "33.333333");
  EXPECT_EQ(chart_number(0.5), "0.5");
  EXPECT_EQ(chart_number(std::nan("")), "0");
  EXPECT_EQ(spreadsheet_column(1), "A");
  EXPECT_EQ(spreadsheet_column(26), "Z");
  EXPECT_EQ(spreadsheet_column(27), "AA");
  // Control characters are dropped (not allowed in XML 1.0).
  ChartSpec bad{
      ChartKind::kColumn, std::string("a\x01") + "b", {std::string("c\x02")}, {{"x", {1}}}};
  EXPECT_TRUE(doc.load_string(chart_part_xml(bad).c_str()));
}

TEST(DocxChart, EmbeddedWorkbookHoldsTheSameNumbers) {
  auto wb = read_xlsx_first_sheet(chart_workbook(sample(ChartKind::kColumn)));
  ASSERT_TRUE(wb.ok) << wb.error;
  ASSERT_EQ(wb.rows.size(), 4u);
  EXPECT_EQ(wb.rows[0][1], "参与企业数");
  EXPECT_EQ(wb.rows[0][2], "企业数指标");
  EXPECT_EQ(wb.rows[1][0], "海曙区");
  EXPECT_EQ(wb.rows[3][1], "17");
  EXPECT_EQ(wb.rows[3][2], "12.5");
}

// The entries of a zip archive held in memory.
std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::string path = (std::filesystem::temp_directory_path() / "docx-test-XXXXXX").string();
  int fd = mkstemp(path.data());
  close(fd);
  std::ofstream(path, std::ios::binary) << bytes;
  std::map<std::string, std::string> out;
  unzFile zf = unzOpen(path.c_str());
  EXPECT_TRUE(zf);
  for (int r = unzGoToFirstFile(zf); r == UNZ_OK; r = unzGoToNextFile(zf)) {
    char name[512];
    unz_file_info info;
    unzGetCurrentFileInfo(zf, &info, name, sizeof name, nullptr, 0, nullptr, 0);
    std::string data(info.uncompressed_size, '\0');
    unzOpenCurrentFile(zf);
    unzReadCurrentFile(zf, data.data(), static_cast<unsigned>(data.size()));
    unzCloseCurrentFile(zf);
    out[name] = data;
  }
  unzClose(zf);
  std::remove(path.c_str());
  return out;
}

TEST(DocxChart, DocumentDeclaresRelatesAndDrawsEveryChart) {
  DocxBuilder b;
  b.title("报告");
  b.chart(sample(ChartKind::kColumn));
  b.table({{"地区", "数"}, {"海曙区", "2"}}, {3000, 2000});
  b.chart(sample(ChartKind::kPie));
  auto files = unzip(b.build());
  for (const char* part :
       {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
        "word/charts/chart1.xml", "word/charts/chart2.xml", "word/charts/_rels/chart1.xml.rels",
        "word/embeddings/Microsoft_Excel_Worksheet2.xlsx"})
    ASSERT_TRUE(files.count(part)) << part;
  for (const auto& [name, data] : files) {
    if (name.find(".xml") == std::string::npos && name.find(".rels") == std::string::npos) continue;
    pugi::xml_document doc;
    EXPECT_TRUE(doc.load_string(data.c_str())) << name << " is well-formed";
  }
  pugi::xml_document types, rels, document;
  types.load_string(files["[Content_Types].xml"].c_str());
  rels.load_string(files["word/_rels/document.xml.rels"].c_str());
  document.load_string(files["word/document.xml"].c_str());
  for (int i = 1; i <= 2; ++i) {
    std::string n = std::to_string(i);
    EXPECT_TRUE(types.select_node(("//*[@PartName='/word/charts/chart" + n + ".xml']").c_str()));
    auto rel = rels.select_node(("//*[@Id='rIdChart" + n + "']").c_str()).node();
    EXPECT_EQ(std::string(rel.attribute("Target").value()), "charts/chart" + n + ".xml");
    EXPECT_TRUE(document.select_node(("//c:chart[@r:id='rIdChart" + n + "']").c_str()));
  }
  EXPECT_TRUE(types.select_node("//*[@Extension='xlsx']"));
  // The chart comes before the table that repeats its numbers.
  const std::string& body = files["word/document.xml"];
  EXPECT_LT(body.find("rIdChart1"), body.find("<w:tbl>"));
}

}  // namespace
}  // namespace duibiao
