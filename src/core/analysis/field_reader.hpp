#pragma once
// One reader for the fields of a JSON object of settings (analysis options, a
// session query): each read checks the field's type and range, and the first bad
// field gives the one message, always in one style naming the field:
//     <noun> '<field>' must be <what>[, not <value>]
// where noun is "option" (options_json.cpp) or "query field" (session.cpp).
// No read throws: a wrongly typed field (null where a flag goes, "true" for
// true, 1e300 for a count) becomes that message, never a bare exception.
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/values/trim.hpp"

namespace npskit {

class FieldReader {
 public:
  FieldReader(const nlohmann::json& object, const char* noun, std::string prefix = {})
      : o_(object), noun_(noun), prefix_(std::move(prefix)) {}

  bool ok() const { return error_.empty(); }
  const char* noun() const { return noun_; }
  const std::string& prefix() const { return prefix_; }
  // Takes the error of a reader of a nested object; returns false.
  bool fail_with(const FieldReader& inner) {
    if (error_.empty()) error_ = inner.error_;
    return false;
  }
  const std::string& error() const { return error_; }
  // The field's value, or null when absent or JSON null (both mean "default").
  const nlohmann::json* find(const char* key) const {
    if (!o_.is_object()) return nullptr;
    auto it = o_.find(key);
    return it == o_.end() || it->is_null() ? nullptr : &*it;
  }
  // Records "<noun> '<field>' must be <what>"; returns false.
  bool fail(std::string_view key, std::string_view what) {
    if (error_.empty()) error_ = clip_message(std::string(noun_) + " '" + prefix_ + std::string(key) + "' must be " + std::string(what));
    return false;
  }
  // Refuses a field outside `known` (a typo would otherwise be ignored in silence).
  bool only(std::initializer_list<std::initializer_list<const char*>> known) {
    for (auto it = o_.begin(); it != o_.end(); ++it) {
      bool found = false;
      for (const auto& list : known)
        for (const char* k : list) found = found || it.key() == k;
      if (!found) {
        if (error_.empty()) error_ = clip_message("unknown " + std::string(noun_) + " '" + prefix_ + it.key() + "'");
        return false;
      }
    }
    return true;
  }
  bool text(const char* key, std::optional<std::string>& out, std::string_view what = "a string") {
    const auto* v = find(key);
    if (!v) return true;
    if (!v->is_string()) return fail(key, what);
    out = v->get<std::string>();
    return true;
  }
  bool flag(const char* key, bool& out) {
    const auto* v = find(key);
    if (!v) return true;
    if (!v->is_boolean()) return fail(key, "true or false");
    out = v->get<bool>();
    return true;
  }
  // A whole number in [0, max] (JSON 10, 10.0 and 1e1 alike; never a cast of a
  // value out of range).
  bool whole(const char* key, std::size_t& out, std::uint64_t max) {
    const auto* v = find(key);
    if (!v) return true;
    const std::string what = "a whole number from 0 to " + std::to_string(max);
    if (v->is_number_unsigned()) {
      if (v->get<std::uint64_t>() > max) return fail(key, what);
      out = static_cast<std::size_t>(v->get<std::uint64_t>());
      return true;
    }
    if (v->is_number_integer()) {
      const auto n = v->get<std::int64_t>();
      if (n < 0 || static_cast<std::uint64_t>(n) > max) return fail(key, what);
      out = static_cast<std::size_t>(n);
      return true;
    }
    if (v->is_number_float()) {
      const double d = v->get<double>();
      if (!std::isfinite(d) || d < 0 || d > static_cast<double>(max) || d != std::floor(d)) return fail(key, what);
      out = static_cast<std::size_t>(d);
      return true;
    }
    return fail(key, what);
  }
  // A finite number strictly between low and high.
  bool number_between(const char* key, double& out, double low, double high, std::string_view what) {
    const auto* v = find(key);
    if (!v) return true;
    if (!v->is_number()) return fail(key, what);
    const double d = v->get<double>();
    if (!std::isfinite(d) || d <= low || d >= high) return fail(key, what);
    out = d;
    return true;
  }

 private:
  const nlohmann::json& o_;
  const char* noun_;
  std::string prefix_;
  std::string error_;
};

}  // namespace npskit
