#ifndef HUJI_HTTP_CSV_H_
#define HUJI_HTTP_CSV_H_

// CSV files staff download and open in a spreadsheet (RFC 4180): UTF-8 with a byte-order mark
// (Excel in zh-TW reads it then), CRLF line ends.

#include <string>
#include <string_view>
#include <vector>

namespace huji::http {

// One CSV field: quoted when it holds a comma, quote or line break. A field a spreadsheet
// would run as a formula (=, +, -, @, tab, CR first) is written with a leading apostrophe:
// the texts are typed by staff, and the file is opened elsewhere.
inline std::string csv_field(const std::string& v) {
  std::string out = v;
  if (!out.empty() && std::string_view("=+-@\t\r").find(out.front()) != std::string_view::npos) {
    out.insert(out.begin(), '\'');
  }
  if (out.find_first_of(",\"\r\n") == std::string::npos) return out;
  std::string quoted = "\"";
  for (char ch : out) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  return quoted + "\"";
}

// A file built row by row.
class CsvFile {
 public:
  void row(const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) text_ += ',';
      text_ += csv_field(cells[i]);
    }
    text_ += "\r\n";
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_ = "\xEF\xBB\xBF";
};

}  // namespace huji::http

#endif  // HUJI_HTTP_CSV_H_
