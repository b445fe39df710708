#pragma once
// A minimal JSON value, parser and writer for the survey rules. The widget's
// wasm build must stay tiny, so it cannot link nlohmann/json; the rules only
// need small configuration objects and answers, which this covers.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace npskit::survey {

class Json {
 public:
  enum class Type { null, boolean, number, string, array, object };
  using Array = std::vector<Json>;
  // Insertion order is kept so payloads come out in a readable field order.
  using Object = std::vector<std::pair<std::string, Json>>;

  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool b) : type_(Type::boolean), bool_(b) {}
  Json(int n) : type_(Type::number), num_(n) {}
  Json(long long n) : type_(Type::number), num_(static_cast<double>(n)) {}
  Json(double n) : type_(Type::number), num_(n) {}
  Json(const char* s) : type_(Type::string), str_(s) {}
  Json(std::string s) : type_(Type::string), str_(std::move(s)) {}
  static Json array() { Json j; j.type_ = Type::array; return j; }
  static Json object() { Json j; j.type_ = Type::object; return j; }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::null; }
  bool is_bool() const { return type_ == Type::boolean; }
  bool is_number() const { return type_ == Type::number; }
  bool is_string() const { return type_ == Type::string; }
  bool is_array() const { return type_ == Type::array; }
  bool is_object() const { return type_ == Type::object; }

  bool as_bool() const { return bool_; }
  double as_number() const { return num_; }
  const std::string& as_string() const { return str_; }
  const Array& items() const { return arr_; }
  Array& items() { return arr_; }
  const Object& members() const { return obj_; }
  Object& members() { return obj_; }

  // Object access: get() returns nullptr when absent; set() replaces or appends.
  const Json* get(std::string_view key) const;
  Json* get(std::string_view key);
  Json& set(std::string key, Json value);
  void push(Json value) { arr_.push_back(std::move(value)); }

  // Convenience readers with a fallback when absent or of another type.
  std::string str(std::string_view key, std::string fallback = {}) const;
  double num(std::string_view key, double fallback = 0) const;
  bool flag(std::string_view key, bool fallback = false) const;

  std::string dump() const;
  // Returns false (and leaves out untouched) on malformed input or past a limit
  // (checked as the input arrives): depth 32, kMaxMembers members in one object,
  // kMaxValues values in all. `why`, when given, gets a short reason.
  // Linear: a repeated key is found by sorting the object's keys once, at its end.
  static constexpr std::size_t kMaxMembers = 1000, kMaxValues = 100'000;
  static bool parse(std::string_view text, Json& out, std::string* why = nullptr);

 private:
  void dump_to(std::string& out) const;
  Type type_ = Type::null;
  bool bool_ = false;
  double num_ = 0;
  std::string str_;
  Array arr_;
  Object obj_;
};

}  // namespace npskit::survey
