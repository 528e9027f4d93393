// Vocabulary the loader checks against: window names (from the calendar) and election kinds.
// Role and scope names are the document stage's (to_string / *_from_string).
#include <algorithm>
#include <array>
#include <string_view>

#include "rules/ruleset_impl.hpp"
#include "veille/time.hpp"

namespace veille::rules_detail {

bool known_window(std::string_view name) {
  const auto& names = window_names();  // the calendar's own list
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool known_election_kind(std::string_view kind) {
  static constexpr std::array<std::string_view, 9> kinds = {
      "presidentielle", "legislatives", "europeennes", "municipales", "departementales",
      "regionales",     "senatoriales", "referendum",  "partielle"};
  for (auto k : kinds)
    if (k == kind) return true;
  return false;
}

}  // namespace veille::rules_detail
