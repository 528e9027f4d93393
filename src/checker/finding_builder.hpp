#pragma once
// From a Match to a Finding: the legal window the publication time falls in, lawful-from,
// severity for the author's role, positions, excerpt, localized message, fingerprint.
#include <optional>
#include <string>
#include <vector>

#include "veille/document.hpp"
#include "veille/engine.hpp"
#include "veille/finding.hpp"
#include "veille/time.hpp"

namespace veille::detail {

struct FindingContext {
  const Document& doc;
  const Territory& territory;
  Instant when;
  const std::vector<Window>& active;  // windows active at `when` in the territory
  const Calendar& calendar;
  const RuleSet& rules;
  const std::string& locale;
  bool explain;
};

// nullopt when the rule needs a window and none of its windows is active at that time.
std::optional<Finding> build_finding(const FindingContext& ctx, const Match& match);

// Windows among `active` that make `rule` apply.
std::vector<const Window*> applicable_windows(const Rule& rule,
                                              const std::vector<Window>& active);

// Earliest instant >= the end of the blocking windows at which none of the rule's windows is
// active any more (windows can follow one another).
Instant lawful_from(const Rule& rule, const Calendar& calendar, const Territory& territory,
                    Instant blocked_until);

}  // namespace veille::detail
