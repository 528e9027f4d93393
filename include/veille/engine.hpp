#pragma once
// Stage contract: engine/ — runs a RuleSet over an Analysis. One RE2::Set pass over the folded
// view picks candidate rules; only candidates' condition trees are evaluated (tokens and lemmas
// are built only if a candidate needs them). Output: Matches with original-text spans and an
// explain trace. The engine knows nothing of time windows or output formats.
#include <string>
#include <vector>

#include "veille/document.hpp"
#include "veille/rules.hpp"
#include "veille/text.hpp"

namespace veille {

struct Match {
  const Rule* rule = nullptr;
  Span span;                    // primary span, original bytes
  std::vector<Span> evidence;   // every span that made the condition hold, original bytes
  std::vector<std::string> trace;  // explain lines (filled when MatchOptions::explain)
  std::vector<std::string> missing;  // for `absent` conditions: names of what is missing
};

struct MatchOptions {
  bool explain = false;
  std::size_t max_matches_per_rule = 50;
  // Election ids whose windows are active for the document (set by the checker). Lexicon
  // entries tied to an election (lexicon attribute election="ID") only count when that election
  // is listed here; empty = every entry counts.
  std::vector<std::string> elections;
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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace veille
