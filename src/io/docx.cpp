#include "io/docx.h"

#include <minizip/zip.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace duibiao {
namespace {

std::string content_types(size_t charts) {
  std::string s =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
)";
  for (size_t i = 1; i <= charts; ++i)
    s += "<Override PartName=\"/word/charts/chart" + std::to_string(i) +
         ".xml\" "
         "ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>\n";
  return s + "</Types>";
}

constexpr const char* kRelsHead =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";

// word/_rels/document.xml.rels: chart n is rIdChart<n>.
std::string document_rels(size_t charts) {
  std::string s = kRelsHead;
  for (size_t i = 1; i <= charts; ++i)
    s += "<Relationship Id=\"rIdChart" + std::to_string(i) +
         "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" "
         "Target=\"charts/chart" +
         std::to_string(i) + ".xml\"/>";
  return s + "</Relationships>";
}

std::string chart_rels(size_t i) {
  return std::string(kRelsHead) +
         "<Relationship Id=\"rId1\" "
         "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/package\" "
         "Target=\"../embeddings/Microsoft_Excel_Worksheet" +
         std::to_string(i) + ".xlsx\"/></Relationships>";
}

constexpr const char* kRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>)";

// Chinese text needs an East Asian font; 宋体 is what official documents use.
std::string run(const std::string& text, bool bold, int half_points) {
  std::string r =
      "<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
      "w:eastAsia=\"宋体\"/>";
  if (bold) r += "<w:b/>";
  r += "<w:sz w:val=\"" + std::to_string(half_points) + "\"/></w:rPr><w:t xml:space=\"preserve\">" +
       xml_escape(text) + "</w:t></w:r>";
  return r;
}

void add_entry(zipFile zf, const char* name, const std::string& data) {
  zip_fileinfo info{};
  if (zipOpenNewFileInZip(zf, name, &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                          Z_DEFAULT_COMPRESSION) != ZIP_OK ||
      zipWriteInFileInZip(zf, data.data(), static_cast<unsigned>(data.size())) != ZIP_OK ||
      zipCloseFileInZip(zf) != ZIP_OK)
    throw std::runtime_error(std::string("docx: cannot write ") + name);
}

}  // namespace

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        // Control characters are not allowed in XML 1.0.
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

void DocxBuilder::title(const std::string& text) {
  body_ += "<w:p><w:pPr><w:jc w:val=\"center\"/><w:spacing w:after=\"240\"/></w:pPr>" +
           run(text, true, 36) + "</w:p>";
}

void DocxBuilder::heading(const std::string& text) {
  body_ += "<w:p><w:pPr><w:spacing w:before=\"240\" w:after=\"120\"/></w:pPr>" +
           run(text, true, 28) + "</w:p>";
}

void DocxBuilder::paragraph(const std::string& text, bool bold) {
  body_ += "<w:p>" + run(text, bold, 24) + "</w:p>";
}

void DocxBuilder::table(const std::vector<std::vector<std::string>>& rows,
                        const std::vector<int>& widths) {
  body_ += "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    body_ += std::string("<w:") + side +
             " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  body_ += "</w:tblBorders></w:tblPr><w:tblGrid>";
  for (int w : widths) body_ += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  body_ += "</w:tblGrid>";
  for (size_t r = 0; r < rows.size(); ++r) {
    body_ += "<w:tr>";
    for (size_t c = 0; c < rows[r].size(); ++c) {
      body_ += "<w:tc><w:tcPr>";
      if (c < widths.size())
        body_ += "<w:tcW w:w=\"" + std::to_string(widths[c]) + "\" w:type=\"dxa\"/>";
      if (r == 0) body_ += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>";
      body_ += "</w:tcPr><w:p>" + run(rows[r][c], r == 0, 21) + "</w:p></w:tc>";
    }
    body_ += "</w:tr>";
  }
  body_ += "</w:tbl><w:p/>";
}

void DocxBuilder::chart(const ChartSpec& spec, double width_cm, double height_cm) {
  charts_.push_back(spec);
  std::string n = std::to_string(charts_.size());
  auto emu = [](double cm) { return std::to_string(static_cast<long long>(cm * 360000)); };
  body_ +=
      "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" "
      "distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"" +
      emu(width_cm) + "\" cy=\"" + emu(height_cm) +
      "\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"" + n +
      "\" name=\"图表 " + n + "\" descr=\"" + xml_escape(spec.title) +
      "\"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData "
      "uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><c:chart r:id=\"rIdChart" +
      n + "\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
}

std::string DocxBuilder::build() const {
  std::string page = portrait_ ? "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                               : "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>";
  std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
      "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
      "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
      "xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
      "<w:body>" +
      body_ + "<w:sectPr>" + page +
      "<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" "
      "w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
  std::string path = (std::filesystem::temp_directory_path() / "duibiao-docx-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("docx: cannot create a temporary file");
  close(fd);
  struct Remove {
    std::string p;
    ~Remove() { std::remove(p.c_str()); }
  } guard{path};
  zipFile zf = zipOpen(path.c_str(), APPEND_STATUS_CREATE);
  if (!zf) throw std::runtime_error("docx: cannot open the archive");
  try {
    add_entry(zf, "[Content_Types].xml", content_types(charts_.size()));
    add_entry(zf, "_rels/.rels", kRels);
    add_entry(zf, "word/document.xml", document);
    add_entry(zf, "word/_rels/document.xml.rels", document_rels(charts_.size()));
    for (size_t i = 0; i < charts_.size(); ++i) {
      std::string n = std::to_string(i + 1);
      add_entry(zf, ("word/charts/chart" + n + ".xml").c_str(), chart_part_xml(charts_[i]));
      add_entry(zf, ("word/charts/_rels/chart" + n + ".xml.rels").c_str(), chart_rels(i + 1));
      add_entry(zf, ("word/embeddings/Microsoft_Excel_Worksheet" + n + ".xlsx").c_str(),
                chart_workbook(charts_[i]));
    }
  } catch (...) {
    zipClose(zf, nullptr);
    throw;
  }
  if (zipClose(zf, nullptr) != ZIP_OK) throw std::runtime_error("docx: cannot close the archive");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace duibiao
