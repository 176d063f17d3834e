#pragma once

// Native Word charts (DrawingML chart parts, word/charts/chartN.xml): the chart's numbers are kept
// in the part as cached values, so Word, WPS and LibreOffice draw it without recomputing, and an
// embedded workbook holds the same numbers so a reader can edit the data in Word.

#include <string>
#include <vector>

namespace duibiao {

enum class ChartKind { kColumn, kBar, kPie, kLine };

struct ChartSeries {
  std::string name;
  std::vector<double> values;  // one per category
};

struct ChartSpec {
  ChartKind kind = ChartKind::kColumn;
  std::string title;
  std::vector<std::string> categories;
  std::vector<ChartSeries> series;
  std::string number_format = "General";  // "0.0" for shares
};

// The c:chartSpace part. Its formulas point at Sheet1 of the embedded workbook (categories in
// column A from row 2, series n in column n+1 with its name in row 1); `embedded_rel_id`, when
// not empty, is the relationship id of that workbook in the chart's own .rels.
std::string chart_part_xml(const ChartSpec& spec, const std::string& embedded_rel_id = "rId1");

// The embedded workbook (.xlsx bytes) with the same numbers as the chart.
std::string chart_workbook(const ChartSpec& spec);

// "A", "B", … "AA": the spreadsheet column of a 1-based index.
std::string spreadsheet_column(int index);

// A number as the chart part writes it: integers without a decimal point, else up to 6
// significant decimals ("12", "33.3333").
std::string chart_number(double v);

}  // namespace duibiao
