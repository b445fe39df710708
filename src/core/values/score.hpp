#pragma once
// Reading a 0-10 score cell as survey tools export it.
#include <string_view>

namespace npskit {

enum class ScoreStatus {
  ok,            // score holds 0..10
  blank,         // empty or whitespace only: unanswered, not an error
  out_of_range,  // a whole number outside 0..10 ("11", "-1")
  not_integer,   // a number with a fraction ("9.5"); "9.0" is ok
  not_a_number,  // anything else ("ten", "n/a")
};

struct ScoreCell {
  ScoreStatus status;
  int score;  // valid only when status == ok
};

// Accepts "9", " 9 ", "9.0", "9,0", "10 - Extremely likely", "0 = Not at all likely",
// "10 (Extremely likely)": a number, optionally followed by a separator
// (-, =, :, (, – en dash, — em dash) and a label.
// Details:
// - Whitespace is ASCII space, tab, CR, LF, VT, FF and U+00A0 (no-break space).
// - A leading '-' is read as a sign ("-1" is out_of_range, "-0" is 0); a leading
//   '+' is not_a_number (no survey tool writes one; it is likely not a score).
// - The fraction separator is '.' or ','; fraction digits that are all zero are a
//   whole number ("9.00" -> 9). A non-zero fraction is not_integer even when the
//   value is also outside 0..10 ("11.5"). "9." and ".5" are not_a_number.
// - A label must follow a separator; digits glued to letters ("9abc", "1e1") or a
//   bare label ("9 abc") are not_a_number. A label that starts with a digit
//   ("9-10", "9 - 10", "9:30") is not_a_number: a range or time, not a score.
// - "-99" is blank: Qualtrics writes it for a question seen but not answered
//   (no tool writes -99 as a score, and it is not a refusal to reject).
// Allocation-free and locale-free.
ScoreCell parse_score_text(std::string_view cell);  // every form above
// The same, with the cells that fill NPS exports ("0".."9", "10": one or two bytes,
// no padding) read inline: this runs for every row.
inline ScoreCell parse_score(std::string_view cell) {
  if (cell.size() == 1 && static_cast<unsigned char>(cell[0] - '0') <= 9) return ScoreCell{ScoreStatus::ok, cell[0] - '0'};
  if (cell.size() == 2 && cell[0] == '1' && cell[1] == '0') return ScoreCell{ScoreStatus::ok, 10};
  return parse_score_text(cell);
}

// "-99" (Qualtrics: seen but unanswered), with any padding: a blank cell.
bool is_unanswered_code(std::string_view cell);

// A short generic phrase for a status, to follow the value in a message built by
// the caller ("score 11" + " " + describe(...)):
//   ok           -> "is a 0-10 score"
//   blank        -> "is blank"
//   out_of_range -> "is outside 0-10"
//   not_integer  -> "is not a whole number"
//   not_a_number -> "is not a 0-10 score"
const char* describe(ScoreStatus status);

}  // namespace npskit
