#pragma once

#include <string>
#include <vector>

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
  // The .docx file's bytes.
  std::string build() const;

 private:
  std::string body_;
};

std::string xml_escape(const std::string& text);

}  // namespace duibiao
