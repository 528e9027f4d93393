#pragma once
// Content fingerprints of findings: they follow the text, never its position, so that a
// baseline survives edits elsewhere in the copy (unlike line-based fingerprints, gitleaks#2239).
#include <string>
#include <string_view>

namespace veille::detail {

// Hex digest (16 hex digits, FNV-1a 64) of the fields, separated so that no two field lists
// collide by concatenation.
std::string fingerprint(std::string_view rule, std::string_view document,
                        std::string_view normalized_text, std::string_view window);

}  // namespace veille::detail
