// BOM detection, UTF-16 -> UTF-8 conversion, UTF-8 validation and the
// Windows-1252 fallback. UTF-8 input passes through as a view (no copy).
#include "core/ingest/encoding.hpp"

#include <cstdint>
#include <cstring>
#include <optional>

namespace npskit {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Writes the UTF-8 form of `cp` (<= U+10FFFF, not a surrogate) at `out`.
char* put_utf8(char* out, char32_t cp) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

struct Bom {
  Encoding encoding;
  std::size_t length;
};

// The encoding announced by the first bytes, or nothing while `head` is still a
// prefix of a BOM and more input may follow.
std::optional<Bom> detect_bom(std::string_view head, bool final) {
  constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
  if (head.starts_with(utf8_bom)) return Bom{Encoding::utf8_bom, 3};
  if (head.starts_with("\xFF\xFE")) return Bom{Encoding::utf16le, 2};
  if (head.starts_with("\xFE\xFF")) return Bom{Encoding::utf16be, 2};
  const bool may_grow = !final && head.size() < 3 &&
                        (utf8_bom.starts_with(head) || head == "\xFF" || head == "\xFE");
  if (may_grow) return std::nullopt;
  return Bom{Encoding::utf8, 0};
}

bool is_high_surrogate(char32_t u) { return u >= 0xD800 && u <= 0xDBFF; }
bool is_low_surrogate(char32_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

// Windows-1252 0x80..0x9F. The five undefined bytes (81 8D 8F 90 9D) map to their
// C1 control code points, as Windows' own MultiByteToWideChar does: lossless and
// reversible, unlike U+FFFD.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

}  // namespace

std::string_view encoding_name(Encoding e) {
  switch (e) {
    case Encoding::utf8: return "utf-8";
    case Encoding::utf8_bom: return "utf-8-bom";
    case Encoding::utf16le: return "utf-16le";
    case Encoding::utf16be: return "utf-16be";
  }
  return "utf-8";
}

std::string_view Utf8Decoder::feed(std::string_view chunk) {
  out_.clear();
  if (!detected_) {
    // Only the first 3 bytes decide; hold them back until they do.
    const std::size_t held = pending_.size();
    std::string head = pending_;
    head.append(chunk.substr(0, 3 - held));
    const auto bom = detect_bom(head, false);
    if (!bom) {
      pending_ = head;
      return {};
    }
    detected_ = true;
    encoding_ = bom->encoding;
    pending_.clear();
    // The text is the held bytes then `chunk`, minus a BOM that may span both.
    std::string held_text;
    if (bom->length >= held) {
      chunk.remove_prefix(bom->length - held);
    } else {
      held_text = head.substr(bom->length, held - bom->length);
    }
    if (encoding_ == Encoding::utf8 || encoding_ == Encoding::utf8_bom) {
      if (held_text.empty()) return chunk;  // the common case: a view, no copy
      out_ = held_text;
      out_.append(chunk);
      return out_;
    }
    append_utf16(held_text);
    append_utf16(chunk);
    return out_;
  }
  if (encoding_ == Encoding::utf8 || encoding_ == Encoding::utf8_bom) return chunk;
  append_utf16(chunk);
  return out_;
}

std::string_view Utf8Decoder::finish() {
  out_.clear();
  if (!detected_) {
    // Input shorter than a BOM: whatever it was, it is UTF-8 text.
    const auto bom = detect_bom(pending_, true);
    detected_ = true;
    encoding_ = bom->encoding;
    out_ = pending_.substr(bom->length);
    pending_.clear();
    return out_;
  }
  if (encoding_ == Encoding::utf16le || encoding_ == Encoding::utf16be) {
    char buf[8];
    char* w = buf;
    if (high_surrogate_ != 0) w = put_utf8(w, kReplacement);  // unpaired at the end
    if (!pending_.empty()) w = put_utf8(w, kReplacement);     // half a code unit
    out_.assign(buf, w);
    high_surrogate_ = 0;
    pending_.clear();
  }
  return out_;
}

// Appends the UTF-8 form of UTF-16 bytes to out_, carrying an odd byte in pending_
// and a high surrogate in high_surrogate_ across chunks.
void Utf8Decoder::append_utf16(std::string_view bytes) {
  if (bytes.empty()) return;
  const bool le = encoding_ == Encoding::utf16le;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  const std::size_t old = out_.size();
  // Each code unit yields at most 3 bytes (a pair: 4 bytes for 2 units), plus a
  // U+FFFD for a held unpaired surrogate.
  out_.resize(old + (bytes.size() + pending_.size()) / 2 * 3 + 6);
  char* w = out_.data() + old;
  auto unit = [le](unsigned a, unsigned b) -> char32_t { return le ? (a | b << 8) : (a << 8 | b); };
  if (!pending_.empty()) {
    const unsigned a = static_cast<unsigned char>(pending_[0]);
    pending_.clear();
    w = put_unit(w, unit(a, *p++));
  }
  for (; end - p >= 2; p += 2) {
    const char32_t u = unit(p[0], p[1]);
    if (u < 0x80 && high_surrogate_ == 0) {
      *w++ = static_cast<char>(u);  // ASCII fast path
    } else {
      w = put_unit(w, u);
    }
  }
  if (p < end) pending_.assign(1, static_cast<char>(*p));
  out_.resize(static_cast<std::size_t>(w - out_.data()));
}

char* Utf8Decoder::put_unit(char* w, char32_t u) {
  if (high_surrogate_ != 0) {
    const char32_t high = high_surrogate_;
    high_surrogate_ = 0;
    if (is_low_surrogate(u)) return put_utf8(w, 0x10000 + ((high - 0xD800) << 10) + (u - 0xDC00));
    w = put_utf8(w, kReplacement);  // the high surrogate had no partner
  }
  if (is_high_surrogate(u)) {
    high_surrogate_ = u;
    return w;
  }
  return put_utf8(w, is_low_surrogate(u) ? kReplacement : u);
}

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  while (p < end) {
    // ASCII fast path: 32 bytes at a time (four words OR'd: one test), then 8,
    // while no byte has its high bit set. Every chunk of a file goes through here.
    while (end - p >= 32) {
      std::uint64_t w[4];
      std::memcpy(w, p, 32);
      if ((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ull) break;
      p += 32;
    }
    while (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, 8);
      if (word & 0x8080808080808080ull) break;
      p += 8;
    }
    if (p == end) break;
    const unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    // Unicode table 3-7: the second byte's range rules out overlongs (E0, F0),
    // surrogates (ED) and code points above U+10FFFF (F4).
    std::size_t tail;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      tail = 1;
    } else if (c == 0xE0) {
      tail = 2, lo = 0xA0;
    } else if (c == 0xED) {
      tail = 2, hi = 0x9F;
    } else if (c >= 0xE1 && c <= 0xEF) {
      tail = 2;
    } else if (c == 0xF0) {
      tail = 3, lo = 0x90;
    } else if (c == 0xF4) {
      tail = 3, hi = 0x8F;
    } else if (c >= 0xF1 && c <= 0xF3) {
      tail = 3;
    } else {
      return false;  // C0, C1, F5..FF, or a stray continuation byte
    }
    if (static_cast<std::size_t>(end - p) <= tail) return false;  // truncated
    if (p[1] < lo || p[1] > hi) return false;
    for (std::size_t k = 2; k <= tail; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
    }
    p += tail + 1;
  }
  return true;
}

void append_cp1252_as_utf8(std::string_view s, std::string& out) {
  const std::size_t old = out.size();
  out.resize(old + s.size() * 3);  // no Windows-1252 byte needs more than 3 bytes
  char* w = out.data() + old;
  for (char ch : s) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      *w++ = ch;
    } else {
      w = put_utf8(w, b < 0xA0 ? kCp1252High[b - 0x80] : b);  // A0..FF = Latin-1
    }
  }
  out.resize(static_cast<std::size_t>(w - out.data()));
}

std::string_view as_utf8(std::string_view raw, std::string& scratch) {
  if (is_valid_utf8(raw)) return raw;
  scratch.clear();
  append_cp1252_as_utf8(raw, scratch);
  return scratch;
}

}  // namespace npskit
