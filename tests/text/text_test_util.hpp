#pragma once
// Helpers for the text-stage tests: render tokens compactly so that cases read as tables.
#include <string>
#include <string_view>

#include <catch2/catch.hpp>
#include <vector>

#include "veille/text.hpp"

namespace veille::test {

// "kind:original text" for each token, joined with " | ".
inline std::string render(const Analysis& a) {
  std::string out;
  for (const Token& t : a.tokens()) {
    if (!out.empty()) out += " | ";
    out += to_string(t.kind);
    out += ':';
    out += a.original().substr(t.span.start, t.span.end - t.span.start);
  }
  return out;
}

// Folded forms joined with " | ".
inline std::string render_folded(const Analysis& a) {
  std::string out;
  for (const Token& t : a.tokens()) {
    if (!out.empty()) out += " | ";
    out += t.folded;
  }
  return out;
}

inline std::string join(const std::vector<std::string>& v, std::string_view sep = ",") {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

}  // namespace veille::test

namespace Catch {
template <>
struct StringMaker<veille::Span> {
  static std::string convert(const veille::Span& s) {
    return "[" + std::to_string(s.start) + ", " + std::to_string(s.end) + ")";
  }
};
}  // namespace Catch
