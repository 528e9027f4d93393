#pragma once
// The facade: one object that the CLI, the tests and (later) the server share, so that they all
// run exactly the same path: Document -> Analysis -> Matches -> Findings (with windows).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "veille/document.hpp"
#include "veille/engine.hpp"
#include "veille/finding.hpp"
#include "veille/rules.hpp"
#include "veille/time.hpp"

namespace veille {

struct CheckerOptions {
  std::vector<std::string> rule_paths;  // extra packs (user), after the built-in ones
  bool builtin_rules = true;
  std::vector<std::string> calendar_files;  // extra calendars, after the built-in ones
  std::vector<std::string> enable, disable;
  std::string locale = "fr";
  bool explain = false;
  std::size_t max_document_bytes = 10u << 20;
  std::size_t max_matches_per_rule = 50;
  // Fold overlapping findings into one per passage (same rule; or a finding whose citations
  // another overlapping finding already carries). `veille rules test` turns it off to see
  // every rule's own finding. Also: drop the finding of a rule tagged "statistical" when
  // another rule's finding in the same text carries all its citations.
  bool merge_findings = true;
  // Detect the language of every record for Result::lang even when no rule needs it (it costs
  // about a quarter of the CPU of a batch). Off: Result::lang is the record's own `lang`, or
  // the detected one when a rule restricted to some languages asked for it.
  bool detect_language = true;
  CalendarOptions calendar;
};

// Where built-in data lives: $VEILLE_DATA_DIR, else the source tree, else the install prefix.
std::string data_dir();
// The built-in calendar files (data_dir()/rules/calendars/*.xml, sorted). Throws CalendarError
// when there is none.
std::vector<std::string> builtin_calendar_files();

class Checker {
 public:
  explicit Checker(CheckerOptions options);  // throws RulePackError / CalendarError
  ~Checker();

  // Thread-safe. `at` overrides the document's published_at (the CLI's --at).
  Result check(const Document& doc, std::optional<Instant> at = std::nullopt) const;

  const RuleSet& rules() const;
  const Calendar& calendar() const;
  const CheckerOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace veille
