#pragma once
// Survey configuration: validation (every bad field reported, with its path) and
// normalisation (defaults filled in), so the widget's UI only reads clean values.
#include <string>
#include <vector>

#include "core/survey/json.hpp"

namespace npskit::survey {

struct FieldError {
  std::string field;    // e.g. "triggers[1].seconds"
  std::string message;  // e.g. "must be a number from 0 to 86400"
};

struct ConfigResult {
  std::vector<FieldError> errors;
  Json config;  // normalised copy; meaningful only when errors is empty
  bool ok() const { return errors.empty(); }
};

// The strings a site may override (`strings` in the config); the UI has a
// built-in translation for each in every locale.
const std::vector<std::string>& string_keys();

ConfigResult validate_config(const Json& input);

// Shared small checks, also used for identify() attributes and answers.
bool is_http_url(const std::string& s);
bool is_identifier(const std::string& s, std::size_t max_len);
// Validates a flat attribute object (string/number/bool/null values) into errors.
void check_attributes(const Json& attrs, const std::string& path, std::vector<FieldError>& errors);
// WCAG relative-luminance contrast ratio of two #rrggbb colours.
double contrast_ratio(const std::string& a, const std::string& b);

}  // namespace npskit::survey
