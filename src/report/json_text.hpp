#pragma once
// JSON string output and a small JSON reader (enough for baselines: previous json, jsonl or
// sarif reports).
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace veille::report_detail {

// `"..."` with JSON escapes; invalid UTF-8 bytes become U+FFFD.
std::string json_quote(std::string_view text);

struct JsonValue {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  bool boolean = false;
  std::string text;  // string value, or the number as written
  std::vector<JsonValue> items;
  std::vector<std::pair<std::string, JsonValue>> members;

  const JsonValue* find(std::string_view key) const;
};

struct JsonError : std::runtime_error {
  std::size_t offset;
  JsonError(const std::string& what, std::size_t offset_)
      : std::runtime_error(what), offset(offset_) {}
};

// Parses exactly one JSON value (surrounding whitespace allowed). Throws JsonError.
JsonValue parse_json(std::string_view text);

}  // namespace veille::report_detail
