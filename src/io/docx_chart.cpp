#include "io/docx_chart.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "io/docx.h"
#include "io/xlsx.h"

namespace duibiao {
namespace {

constexpr const char* kPalette[] = {"4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5",
                                    "70AD47", "264478", "9E480E", "636363", "997300"};

// Text properties with an East Asian face, so Chinese labels render in every reader.
std::string text_props(int size_hundredths, bool bold) {
  return "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"" +
         std::to_string(size_hundredths) + "\" b=\"" + (bold ? "1" : "0") +
         "\"><a:latin typeface=\"Times New Roman\"/><a:ea typeface=\"宋体\"/></a:defRPr></a:pPr>"
         "<a:endParaRPr lang=\"zh-CN\"/></a:p></c:txPr>";
}

std::string title_xml(const std::string& title) {
  return "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1400\" "
         "b=\"1\"/></a:pPr><a:r><a:rPr lang=\"zh-CN\" sz=\"1400\" b=\"1\"><a:latin "
         "typeface=\"Times New Roman\"/><a:ea typeface=\"宋体\"/></a:rPr><a:t>" +
         xml_escape(title) + "</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>";
}

std::string fill(const char* color) {
  return std::string("<c:spPr><a:solidFill><a:srgbClr val=\"") + color +
         "\"/></a:solidFill></c:spPr>";
}

std::string str_cache(const std::string& ref, const std::vector<std::string>& items) {
  std::string s = "<c:strRef><c:f>" + ref + "</c:f><c:strCache><c:ptCount val=\"" +
                  std::to_string(items.size()) + "\"/>";
  for (size_t i = 0; i < items.size(); ++i)
    s += "<c:pt idx=\"" + std::to_string(i) + "\"><c:v>" + xml_escape(items[i]) + "</c:v></c:pt>";
  return s + "</c:strCache></c:strRef>";
}

std::string num_cache(const std::string& ref, const std::vector<double>& values,
                      const std::string& format) {
  std::string s = "<c:numRef><c:f>" + ref + "</c:f><c:numCache><c:formatCode>" +
                  xml_escape(format) + "</c:formatCode><c:ptCount val=\"" +
                  std::to_string(values.size()) + "\"/>";
  for (size_t i = 0; i < values.size(); ++i)
    s +=
        "<c:pt idx=\"" + std::to_string(i) + "\"><c:v>" + chart_number(values[i]) + "</c:v></c:pt>";
  return s + "</c:numCache></c:numRef>";
}

std::string data_labels(bool percent) {
  return std::string("<c:dLbls>") + text_props(900, false) +
         "<c:showLegendKey val=\"0\"/><c:showVal val=\"" + (percent ? "0" : "1") +
         "\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"" +
         (percent ? "1" : "0") + "\"/><c:showBubbleSize val=\"0\"/></c:dLbls>";
}

std::string axes(ChartKind kind, const std::string& format) {
  bool bar = kind == ChartKind::kBar;
  std::string cat =
      "<c:catAx><c:axId val=\"500000001\"/><c:scaling><c:orientation val=\"" +
      std::string(bar ? "maxMin" : "minMax") +
      "\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"" + (bar ? "l" : "b") +
      "\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/>"
      "<c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>" +
      text_props(900, false) +
      "<c:crossAx val=\"500000002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/>"
      "<c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>";
  std::string val =
      "<c:valAx><c:axId val=\"500000002\"/><c:scaling><c:orientation val=\"minMax\"/>"
      "<c:min val=\"0\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"" +
      std::string(bar ? "t" : "l") + "\"/><c:majorGridlines/><c:numFmt formatCode=\"" +
      xml_escape(format) +
      "\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/>"
      "<c:tickLblPos val=\"nextTo\"/>" +
      text_props(900, false) + "<c:crossAx val=\"500000001\"/><c:crosses val=\"" +
      (bar ? "max" : "autoZero") + "\"/><c:crossBetween val=\"between\"/></c:valAx>";
  return cat + val;
}

}  // namespace

std::string spreadsheet_column(int index) {
  std::string s;
  while (index > 0) {
    int r = (index - 1) % 26;
    s.insert(s.begin(), static_cast<char>('A' + r));
    index = (index - 1) / 26;
  }
  return s;
}

std::string chart_number(double v) {
  if (!std::isfinite(v)) return "0";
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::llround(v)));
    return buf;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string chart_part_xml(const ChartSpec& spec, const std::string& embedded_rel_id) {
  const size_t n = spec.categories.size();
  const std::string last_row = std::to_string(n + 1);
  const std::string cat_ref = "Sheet1!$A$2:$A$" + last_row;
  std::string series;
  for (size_t s = 0; s < spec.series.size(); ++s) {
    const auto& ser = spec.series[s];
    std::vector<double> values = ser.values;
    values.resize(n, 0);
    std::string col = spreadsheet_column(static_cast<int>(s) + 2);
    series += "<c:ser><c:idx val=\"" + std::to_string(s) + "\"/><c:order val=\"" +
              std::to_string(s) + "\"/><c:tx>" + str_cache("Sheet1!$" + col + "$1", {ser.name}) +
              "</c:tx>";
    const char* color = kPalette[s % (sizeof kPalette / sizeof *kPalette)];
    if (spec.kind == ChartKind::kPie) {
      for (size_t i = 0; i < n; ++i)
        series += "<c:dPt><c:idx val=\"" + std::to_string(i) + "\"/><c:bubble3D val=\"0\"/>" +
                  fill(kPalette[i % (sizeof kPalette / sizeof *kPalette)]) + "</c:dPt>";
      series += data_labels(true);
    } else if (spec.kind == ChartKind::kLine) {
      series += std::string("<c:spPr><a:ln w=\"28575\"><a:solidFill><a:srgbClr val=\"") + color +
                "\"/></a:solidFill></a:ln></c:spPr><c:marker><c:symbol val=\"circle\"/>"
                "<c:size val=\"5\"/></c:marker>" +
                data_labels(false);
    } else {
      series += fill(color) + "<c:invertIfNegative val=\"0\"/>" + data_labels(false);
    }
    series +=
        "<c:cat>" + str_cache(cat_ref, spec.categories) + "</c:cat><c:val>" +
        num_cache("Sheet1!$" + col + "$2:$" + col + "$" + last_row, values, spec.number_format) +
        "</c:val>";
    if (spec.kind == ChartKind::kLine) series += "<c:smooth val=\"0\"/>";
    series += "</c:ser>";
  }

  std::string plot;
  switch (spec.kind) {
    case ChartKind::kPie:
      plot = "<c:pieChart><c:varyColors val=\"1\"/>" + series +
             "<c:firstSliceAng val=\"0\"/></c:pieChart>";
      break;
    case ChartKind::kLine:
      plot = "<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>" + series +
             "<c:marker val=\"1\"/><c:axId val=\"500000001\"/><c:axId val=\"500000002\"/>"
             "</c:lineChart>" +
             axes(spec.kind, spec.number_format);
      break;
    case ChartKind::kColumn:
    case ChartKind::kBar:
      plot = std::string("<c:barChart><c:barDir val=\"") +
             (spec.kind == ChartKind::kBar ? "bar" : "col") +
             "\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>" + series +
             "<c:gapWidth val=\"80\"/><c:axId val=\"500000001\"/><c:axId val=\"500000002\"/>"
             "</c:barChart>" +
             axes(spec.kind, spec.number_format);
      break;
  }

  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
      "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
      "<c:date1904 val=\"0\"/><c:lang val=\"zh-CN\"/><c:roundedCorners val=\"0\"/><c:chart>" +
      (spec.title.empty() ? std::string() : title_xml(spec.title)) + "<c:autoTitleDeleted val=\"" +
      (spec.title.empty() ? "1" : "0") + "\"/><c:plotArea><c:layout/>" + plot +
      "</c:plotArea><c:legend><c:legendPos val=\"" + (spec.kind == ChartKind::kPie ? "r" : "b") +
      "\"/><c:overlay val=\"0\"/>" + text_props(900, false) +
      "</c:legend><c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>" +
      text_props(1000, false);
  if (!embedded_rel_id.empty())
    xml += "<c:externalData r:id=\"" + xml_escape(embedded_rel_id) +
           "\"><c:autoUpdate val=\"0\"/></c:externalData>";
  return xml + "</c:chartSpace>";
}

std::string chart_workbook(const ChartSpec& spec) {
  std::string path = (std::filesystem::temp_directory_path() / "duibiao-chart-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("chart: cannot create a temporary file");
  close(fd);
  struct Remove {
    std::string p;
    ~Remove() { std::remove(p.c_str()); }
  } guard{path};
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("chart: cannot create the workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Sheet1");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  worksheet_set_column(ws, 0, 0, 24, nullptr);
  worksheet_write_string(ws, 0, 0, "", bold);
  for (size_t s = 0; s < spec.series.size(); ++s)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(s + 1),
                           escape_spreadsheet_text(spec.series[s].name).c_str(), bold);
  for (size_t i = 0; i < spec.categories.size(); ++i) {
    auto row = static_cast<lxw_row_t>(i + 1);
    worksheet_write_string(ws, row, 0, escape_spreadsheet_text(spec.categories[i]).c_str(),
                           nullptr);
    for (size_t s = 0; s < spec.series.size(); ++s) {
      double v = i < spec.series[s].values.size() ? spec.series[s].values[i] : 0;
      worksheet_write_number(ws, row, static_cast<lxw_col_t>(s + 1), std::isfinite(v) ? v : 0,
                             nullptr);
    }
  }
  if (workbook_close(wb) != LXW_NO_ERROR)
    throw std::runtime_error("chart: cannot write the workbook");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace duibiao
