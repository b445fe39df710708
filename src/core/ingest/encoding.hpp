#pragma once
// Text encodings of survey exports: UTF-8 (with or without BOM), UTF-16 LE/BE
// with BOM (Excel's "Unicode text"), and Windows-1252 for bytes that are not
// valid UTF-8. Everything downstream sees UTF-8.
#include <string>
#include <string_view>

namespace npskit {

enum class Encoding { utf8, utf8_bom, utf16le, utf16be };
std::string_view encoding_name(Encoding e);  // "utf-8", "utf-8-bom", "utf-16le", "utf-16be"

// Streaming decoder: detects the BOM in the first bytes and converts chunks to
// UTF-8. A chunk may end in the middle of a code unit or surrogate pair; the
// remainder is kept for the next chunk.
class Utf8Decoder {
 public:
  // Returns the UTF-8 text of `chunk`. For UTF-8 input this is a view of the chunk
  // itself (minus a leading BOM): no copy. Otherwise it views an internal buffer
  // valid until the next call.
  std::string_view feed(std::string_view chunk);
  // Flushes what is left at end of input (a truncated code unit becomes U+FFFD).
  std::string_view finish();
  Encoding encoding() const { return encoding_; }
  bool detected() const { return detected_; }

 private:
  void append_utf16(std::string_view bytes);
  char* put_unit(char* w, char32_t unit);

  Encoding encoding_ = Encoding::utf8;
  bool detected_ = false;
  std::string pending_;  // bytes held back across chunks (BOM sniffing, split units)
  std::string out_;
  char32_t high_surrogate_ = 0;  // a UTF-16 high surrogate waiting for its low half
};

bool is_valid_utf8(std::string_view s);
// Appends the UTF-8 form of Windows-1252 bytes to `out`. The five bytes the table
// leaves undefined (81 8D 8F 90 9D) become the C1 controls U+0081.. (as Windows
// itself converts them), so the conversion is lossless.
void append_cp1252_as_utf8(std::string_view s, std::string& out);
// `raw` if it is valid UTF-8; otherwise its Windows-1252 reading, built in `scratch`.
std::string_view as_utf8(std::string_view raw, std::string& scratch);

}  // namespace npskit
