#include "core/values/score.hpp"

namespace npskit {
namespace {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

// U+00A0 in UTF-8 is C2 A0; C2 is always a lead byte, so the pair is unambiguous.
bool starts_with_nbsp(std::string_view s) {
  return s.size() >= 2 && s[0] == '\xC2' && s[1] == '\xA0';
}
bool ends_with_nbsp(std::string_view s) {
  return s.size() >= 2 && s[s.size() - 2] == '\xC2' && s[s.size() - 1] == '\xA0';
}

std::string_view trim_front(std::string_view s) {
  for (;;) {
    if (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
    else if (starts_with_nbsp(s)) s.remove_prefix(2);
    else return s;
  }
}

std::string_view trim(std::string_view s) {
  s = trim_front(s);
  for (;;) {
    if (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
    else if (ends_with_nbsp(s)) s.remove_suffix(2);
    else return s;
  }
}

// Length of a label separator at the start of `s`, 0 if none.
std::size_t separator_length(std::string_view s) {
  if (s.empty()) return 0;
  switch (s[0]) {
    case '-': case '=': case ':': case '(': return 1;
    default: break;
  }
  // En dash U+2013 (E2 80 93) and em dash U+2014 (E2 80 94).
  if (s.size() >= 3 && s[0] == '\xE2' && s[1] == '\x80' && (s[2] == '\x93' || s[2] == '\x94')) return 3;
  return 0;
}

// What may follow the number: nothing, or [space] separator [space] label, where
// the label does not start with a digit.
bool is_valid_tail(std::string_view rest) {
  if (rest.empty()) return true;
  rest = trim_front(rest);
  const std::size_t sep = separator_length(rest);
  if (sep == 0) return false;
  rest = trim_front(rest.substr(sep));
  return rest.empty() || !is_digit(rest.front());
}

constexpr ScoreCell make(ScoreStatus s, int score = 0) { return ScoreCell{s, score}; }

}  // namespace

ScoreCell parse_score(std::string_view cell) {
  // Fast path for the common case: a single digit with no padding.
  if (cell.size() == 1 && is_digit(cell[0])) return make(ScoreStatus::ok, cell[0] - '0');

  const std::string_view s = trim(cell);
  if (s.empty()) return make(ScoreStatus::blank);

  std::size_t i = 0;
  const bool negative = s[0] == '-';
  if (negative) ++i;
  if (i == s.size() || !is_digit(s[i])) return make(ScoreStatus::not_a_number);

  // Saturate so that long digit runs cannot overflow; anything > 10 is out of range.
  int value = 0;
  for (; i < s.size() && is_digit(s[i]); ++i) {
    value = value * 10 + (s[i] - '0');
    if (value > 1000) value = 1000;
  }

  bool fraction_nonzero = false;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    ++i;
    if (i == s.size() || !is_digit(s[i])) return make(ScoreStatus::not_a_number);
    for (; i < s.size() && is_digit(s[i]); ++i) fraction_nonzero |= s[i] != '0';
  }

  if (!is_valid_tail(s.substr(i))) return make(ScoreStatus::not_a_number);
  if (fraction_nonzero) return make(ScoreStatus::not_integer);
  if (value > 10 || (negative && value != 0)) return make(ScoreStatus::out_of_range);
  return make(ScoreStatus::ok, value);
}

const char* describe(ScoreStatus status) {
  switch (status) {
    case ScoreStatus::ok: return "is a 0-10 score";
    case ScoreStatus::blank: return "is blank";
    case ScoreStatus::out_of_range: return "is outside 0-10";
    case ScoreStatus::not_integer: return "is not a whole number";
    case ScoreStatus::not_a_number: return "is not a 0-10 score";
  }
  return "is not a 0-10 score";
}

}  // namespace npskit
