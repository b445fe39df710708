#pragma once
// A small streaming XML tokenizer for the parts of a workbook: text arrives in
// chunks of any size, tags and text come out as events. Holds only the token cut
// off at the end of a chunk (bounded). Knows the five predefined entities and
// character references; refuses a DOCTYPE (no custom entities, so no entity
// expansion attacks). Not a validating parser: a workbook's XML is regular.
#include <cstddef>
#include <string>
#include <string_view>

namespace npskit {

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // name: the local name (namespace prefix stripped); attributes: the raw text
  // between the name and '>' (read it with xml_attribute).
  virtual void on_start(std::string_view name, std::string_view attributes, bool self_closing) = 0;
  virtual void on_end(std::string_view name) = 0;
  // Character data with entities decoded; one text node may arrive in several pieces.
  virtual void on_text(std::string_view text) = 0;
};

inline constexpr std::size_t kMaxXmlTokenBytes = 1u << 20;  // one tag, comment or CDATA section

class XmlScanner {
 public:
  // Returns false once the XML is unusable (error() says why).
  bool feed(std::string_view chunk, XmlHandler& handler);
  bool finish();  // checks nothing is left cut off
  const std::string& error() const { return error_; }

 private:
  std::size_t scan(std::string_view text, XmlHandler& handler);  // bytes consumed
  std::string pending_;
  std::string decoded_;
  std::string error_;
};

// The value of the attribute whose local name is `local` (prefix ignored), with
// entities decoded, or false when the tag has none.
bool xml_attribute(std::string_view attributes, std::string_view local, std::string& value);
// Appends `raw` with the predefined entities and character references decoded.
void xml_decode_append(std::string_view raw, std::string& out);

}  // namespace npskit
