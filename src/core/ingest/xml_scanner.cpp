#include "core/ingest/xml_scanner.hpp"

#include <cstring>

#include "core/values/utf8.hpp"

namespace npskit {

namespace {
std::string_view local_name(std::string_view name) {
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is_name_end(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>'; }

// A character reference's code point: U+FFFD for what XML 1.0 forbids there
// (NUL, surrogates, past U+10FFFF).
void append_reference(std::uint32_t cp, std::string& out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  append_utf8(out, static_cast<char32_t>(cp));
}
}  // namespace

void xml_decode_append(std::string_view raw, std::string& out) {
  std::size_t at = 0;
  while (at < raw.size()) {
    const auto amp = raw.find('&', at);
    if (amp == std::string_view::npos) break;
    out.append(raw.substr(at, amp - at));
    const auto semi = raw.find(';', amp);
    const auto name = semi == std::string_view::npos ? std::string_view() : raw.substr(amp + 1, semi - amp - 1);
    if (semi == std::string_view::npos || name.size() > 11 || name.find_first_of("& \t\r\n<") != std::string_view::npos) {
      out += '&';  // not an entity: keep the '&'
      at = amp + 1;
      continue;
    }
    if (name == "lt") out += '<';
    else if (name == "gt") out += '>';
    else if (name == "amp") out += '&';
    else if (name == "quot") out += '"';
    else if (name == "apos") out += '\'';
    else if (name.size() >= 2 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      std::uint32_t cp = 0;
      bool ok = name.size() > (hex ? 2u : 1u);
      for (std::size_t i = hex ? 2 : 1; ok && i < name.size(); ++i) {
        const char c = name[i];
        int digit = -1;
        if (c >= '0' && c <= '9') digit = c - '0';
        else if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
        ok = digit >= 0;
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
      }
      if (ok) append_reference(cp, out);
      else out.append(raw.substr(amp, semi - amp + 1));
    } else {
      out.append(raw.substr(amp, semi - amp + 1));  // unknown entity: kept as written
    }
    at = semi + 1;
  }
  out.append(raw.substr(at));
}

bool xml_attribute(std::string_view attrs, std::string_view local, std::string& value) {
  std::size_t at = 0;
  while (at < attrs.size()) {
    while (at < attrs.size() && (attrs[at] == ' ' || attrs[at] == '\t' || attrs[at] == '\r' || attrs[at] == '\n')) ++at;
    const auto eq = attrs.find('=', at);
    if (eq == std::string_view::npos) return false;
    std::string_view name = attrs.substr(at, eq - at);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t' || name.back() == '\r' || name.back() == '\n'))
      name.remove_suffix(1);
    std::size_t q = eq + 1;
    while (q < attrs.size() && (attrs[q] == ' ' || attrs[q] == '\t' || attrs[q] == '\r' || attrs[q] == '\n')) ++q;
    if (q >= attrs.size() || (attrs[q] != '"' && attrs[q] != '\'')) return false;
    const auto close = attrs.find(attrs[q], q + 1);
    if (close == std::string_view::npos) return false;
    if (local_name(name) == local) {
      value.clear();
      xml_decode_append(attrs.substr(q + 1, close - q - 1), value);
      return true;
    }
    at = close + 1;
  }
  return false;
}

bool XmlScanner::feed(std::string_view chunk, XmlHandler& handler) {
  if (!error_.empty()) return false;
  if (pending_.empty()) {
    const std::size_t used = scan(chunk, handler);
    if (!error_.empty()) return false;
    pending_.assign(chunk.substr(used));
  } else {
    pending_.append(chunk);
    const std::size_t used = scan(pending_, handler);
    if (!error_.empty()) return false;
    pending_.erase(0, used);
  }
  if (pending_.size() > kMaxXmlTokenBytes) {
    error_ = "an XML tag or text is longer than " + std::to_string(kMaxXmlTokenBytes >> 20) + " MB (the limit)";
    return false;
  }
  return true;
}

bool XmlScanner::finish() {
  if (!error_.empty()) return false;
  std::size_t i = 0;
  while (i < pending_.size() && (pending_[i] == ' ' || pending_[i] == '\r' || pending_[i] == '\n' || pending_[i] == '\t')) ++i;
  if (i < pending_.size()) {
    error_ = "the XML ends inside a tag (a cut-off part?)";
    return false;
  }
  return true;
}

// Consumes whole tokens from `text`; what is left (a token cut off) is returned to feed().
std::size_t XmlScanner::scan(std::string_view text, XmlHandler& handler) {
  std::size_t at = 0;
  const std::size_t n = text.size();
  while (at < n) {
    if (text[at] != '<') {
      const char* lt = static_cast<const char*>(std::memchr(text.data() + at, '<', n - at));
      std::size_t end = lt ? static_cast<std::size_t>(lt - text.data()) : n;
      if (!lt) {
        // Keep a possibly cut-off entity for the next chunk.
        const auto amp = text.rfind('&');
        if (amp != std::string_view::npos && amp >= at && text.find(';', amp) == std::string_view::npos) end = amp;
      }
      const auto raw = text.substr(at, end - at);
      if (raw.find('&') == std::string_view::npos) handler.on_text(raw);
      else {
        decoded_.clear();
        xml_decode_append(raw, decoded_);
        handler.on_text(decoded_);
      }
      at = end;
      if (!lt) return at;
      continue;
    }
    const std::string_view rest = text.substr(at);
    if (rest.size() < 2) return at;
    if (rest[1] == '!') {
      if (rest.size() < 9) return at;
      if (rest.substr(0, 4) == "<!--") {
        const auto close = rest.find("-->", 4);
        if (close == std::string_view::npos) return at;
        at += close + 3;
      } else if (rest.substr(0, 9) == "<![CDATA[") {
        const auto close = rest.find("]]>", 9);
        if (close == std::string_view::npos) return at;
        handler.on_text(rest.substr(9, close - 9));
        at += close + 3;
      } else {
        error_ = "the XML declares a DOCTYPE, which a workbook never does (refused: entity expansion)";
        return at;
      }
      continue;
    }
    if (rest[1] == '?') {
      const auto close = rest.find("?>", 2);
      if (close == std::string_view::npos) return at;
      at += close + 2;
      continue;
    }
    // A tag: find its '>' outside quoted attribute values.
    std::size_t i = 1;
    char quote = 0;
    for (; i < rest.size(); ++i) {
      const char c = rest[i];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    if (i >= rest.size()) return at;
    std::string_view tag = rest.substr(1, i - 1);
    if (!tag.empty() && tag[0] == '/') {
      std::size_t e = 1;
      while (e < tag.size() && !is_name_end(tag[e])) ++e;
      handler.on_end(local_name(tag.substr(1, e - 1)));
    } else {
      const bool self_closing = !tag.empty() && tag.back() == '/';
      if (self_closing) tag.remove_suffix(1);
      std::size_t e = 0;
      while (e < tag.size() && !is_name_end(tag[e])) ++e;
      const auto name = local_name(tag.substr(0, e));
      handler.on_start(name, tag.substr(e), self_closing);
      if (self_closing) handler.on_end(name);
    }
    at += i + 1;
  }
  return at;
}

}  // namespace npskit
