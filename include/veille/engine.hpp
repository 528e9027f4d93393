#pragma once
// Stage contract: engine/ — runs a RuleSet over an Analysis. A prefilter over the folded view
// (the literal atoms of the rules' anchors, found in one pass, then the anchor pieces they allow)
// picks candidate rules; only candidates' condition trees are evaluated (tokens and lemmas
// are built only if a candidate needs them). Output: Matches with original-text spans and an
// explain trace. The engine knows nothing of time windows or output formats.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "veille/document.hpp"
#include "veille/rules.hpp"
#include "veille/text.hpp"

namespace veille {

struct Match {
  const Rule* rule = nullptr;
  Span span;                         // primary span, original bytes
  std::vector<Span> evidence;        // every span that made the condition hold, original bytes
  std::vector<std::string> trace;    // explain lines (filled when MatchOptions::explain)
  std::vector<std::string> missing;  // for `absent` conditions: names of what is missing
};
// A rule yields one Match per occurrence of its condition (up to max_matches_per_rule); a rule
// whose condition holds through an `absent` (something missing from the whole document) yields
// one Match only. A condition that holds without any text position (only metadata and absence
// tests under <all>) yields a Match spanning the whole text.

struct MatchOptions {
  bool explain = false;
  std::size_t max_matches_per_rule = 50;
  // Election ids whose windows are active for the document (set by the checker). Lexicon
  // entries tied to an election (lexicon attribute election="ID") only count when that election
  // is listed here; empty = every entry counts.
  std::vector<std::string> elections;
  // Optional, indexed like RuleSet::rules(): a rule whose entry is 0 is not evaluated (the
  // checker passes the rules that can yield a finding at the document's time: rules without
  // windows, and rules with one of their windows active). Null = every rule.
  const std::vector<char>* rule_allowed = nullptr;
};

class Matcher {
 public:
  explicit Matcher(const RuleSet& rules);
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // Thread-safe: may be called concurrently on different analyses.
  std::vector<Match> match(const Analysis& analysis, const Document& doc,
                           const MatchOptions& options = {}) const;

  // Compile-time warnings (rules without anchor, patterns over budget ...).
  const std::vector<std::string>& warnings() const;

  // Indices into RuleSet::rules() of the rules to evaluate on a folded text: those whose anchor
  // occurs in it, plus the rules without anchor (and the rules whose anchor does not compile).
  std::vector<std::size_t> candidates(std::string_view folded) const;
  // Test and profiling hook: condition trees evaluated since construction (all threads).
  std::uint64_t evaluations() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace veille
