#pragma once

#include <string>
#include <vector>

#include "io/docx_chart.h"

namespace duibiao {

// A small WordprocessingML writer: headings, paragraphs and tables, enough for documents laid
// out the way regulators exchange them (.docx opens in Word, WPS and LibreOffice).
class DocxBuilder {
 public:
  void title(const std::string& text);
  void heading(const std::string& text);
  void paragraph(const std::string& text, bool bold = false);
  // First row is the header row (bold, shaded); widths in twentieths of a point.
  void table(const std::vector<std::vector<std::string>>& rows, const std::vector<int>& widths);
  // A native Word chart (word/charts/chartN.xml with its cached values and an embedded
  // workbook), inline in its own paragraph; size in centimetres.
  void chart(const ChartSpec& spec, double width_cm = 15.5, double height_cm = 8);
  // Portrait A4 instead of the default landscape.
  void portrait() { portrait_ = true; }
  // The .docx file's bytes.
  std::string build() const;

 private:
  std::string body_;
  std::vector<ChartSpec> charts_;
  bool portrait_ = false;
};

std::string xml_escape(const std::string& text);

}  // namespace duibiao
