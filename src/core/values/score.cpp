#include "core/values/score.hpp"

#include "core/values/trim.hpp"

namespace npskit {
namespace {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }


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
  rest = trim_cell_front(rest);
  const std::size_t sep = separator_length(rest);
  if (sep == 0) return false;
  rest = trim_cell_front(rest.substr(sep));
  return rest.empty() || !is_digit(rest.front());
}

constexpr ScoreCell make(ScoreStatus s, int score = 0) { return ScoreCell{s, score}; }

}  // namespace

bool is_unanswered_code(std::string_view cell) { return trim_cell(cell) == "-99"; }

ScoreCell parse_score_text(std::string_view cell) {
  const std::string_view s = trim_cell(cell);
  if (s.empty() || is_unanswered_code(s)) return make(ScoreStatus::blank);

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
