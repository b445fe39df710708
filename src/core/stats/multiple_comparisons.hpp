#pragma once
// Many tests at once raise false alarms: 24 months each compared with the one
// before, or 12 countries each against the rest, give at 95% a good chance of
// at least one "significant" difference in data where nothing changed. A family
// of tests is therefore judged together, on p-values adjusted for their number.
//
// Holm (1979) is the default: it bounds the chance of even one false alarm in the
// family (the family-wise error rate) at 1 - confidence, whatever the dependence
// between the tests (consecutive periods share a period; a segment and "the rest"
// share responses), and it is uniformly more powerful than Bonferroni.
// Benjamini-Hochberg (1995) bounds the expected share of false alarms among the
// flagged ones instead: more flags when many things really changed, but its
// guarantee assumes positively dependent tests, which consecutive-period
// differences are not (a high month lowers one difference and raises the next).
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/stats/interval.hpp"

namespace npskit {

enum class Adjustment { none, holm, benjamini_hochberg };

inline constexpr Adjustment kDefaultAdjustment = Adjustment::holm;

// "holm", "bh" (Benjamini-Hochberg) or "none".
std::optional<Adjustment> parse_adjustment(std::string_view name);
const char* adjustment_name(Adjustment method);

// Adjusted p-values, in the order given: a test is significant at level alpha
// when its adjusted p-value is below alpha. Each lies in [p, 1].
//   Holm:  sort ascending, p'(i) = max over j <= i of min(1, (m - j + 1) * p(j))
//   BH:    sort ascending, p'(i) = min over j >= i of min(1, m * p(j) / j)
std::vector<double> adjust_p_values(std::span<const double> p, Adjustment method);

// Judges a family of comparisons together (each from compare()): sets p_adjusted
// and significant (p_adjusted < 1 - confidence). Comparisons with a group too small
// to judge are not part of the family: they stay not significant and do not raise
// the others' adjustment.
void judge_family(std::span<Difference> family, double confidence, Adjustment method = kDefaultAdjustment);

// A p-value as reports show it: 4 significant digits (two decimals would turn
// every small p-value into 0, and they are what people sort and compare).
double round_p_value(double p);

}  // namespace npskit
