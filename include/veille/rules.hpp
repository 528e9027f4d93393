#pragma once
// Stage contract: rules/ — loads rule packs (XML, validated against rules/schema/pack.rng with
// libxml2) into an immutable RuleSet: citation registry (laws), lexicons, rules with their
// condition trees and embedded examples. A RuleSet is shared read-only across threads.
//
// The rules/ helper owns this header: the fields below are what later stages (engine, checker,
// report) rely on; add to them freely, do not rename them.
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "veille/document.hpp"
#include "veille/time.hpp"

namespace veille {

enum class Severity { notice = 0, risk = 1, violation = 2 };
std::string_view to_string(Severity s);
std::optional<Severity> severity_from_string(std::string_view name);

// One entry of the citation registry, e.g. id "fr:code-electoral:L52-2".
struct Law {
  std::string id;
  std::string title;    // "Code électoral, article L52-2"
  std::string url;      // Légifrance link (article or chapter fallback)
  std::string penalty;  // plain-text penalty, e.g. "3 750 € d'amende (art. L89)"
  std::string penalty_en;
  Confidence confidence = Confidence::verified;
  std::string source;  // where the brief got it
  std::string note;
};

struct Message {
  std::string fr;
  std::string en;
  const std::string& in(std::string_view locale) const { return locale == "en" ? en : fr; }
};

struct Condition;  // defined by the rules/ stage (condition tree)

struct Example {
  bool expect_match = true;
  std::string text;                 // inline span markers removed
  std::optional<std::size_t> span_start, span_end;  // expected span (original bytes), if marked
  std::string at;                   // publication time, ISO 8601 (optional)
  std::string territory;            // optional
  std::string author_role;          // optional
  std::string lang;                 // optional
  std::string file;
  int line = 0;
};

struct Rule {
  std::string id;                  // e.g. "fr.results.before-close"
  std::string pack;                // pack id
  std::string file;                // file it was loaded from
  int line = 0;
  std::vector<std::string> cites;  // citation ids, all declared in the registry
  Severity severity = Severity::violation;
  std::map<AuthorRole, Severity> severity_by_role;  // overrides by author role
  std::vector<std::string> windows;     // window names; empty = always applies
  std::vector<std::string> elections;   // election kinds; empty = all
  std::vector<std::string> languages;   // ISO 639-1; empty = all
  std::vector<ScopeKind> scopes;        // empty = whole text
  std::vector<std::string> tags;
  Message message;  // placeholders: {match} {window_end} {lawful_from} {election} {missing}
  std::shared_ptr<const Condition> condition;
  std::vector<Example> examples;

  Severity severity_for(AuthorRole role) const {
    auto it = severity_by_role.find(role);
    return it == severity_by_role.end() ? severity : it->second;
  }
  bool always() const { return windows.empty(); }
};

struct RulePackError : std::runtime_error {
  std::string file;
  int line = 0;
  int column = 0;
  std::string rule;
  RulePackError(std::string file_, int line_, int col_, std::string rule_, const std::string& what)
      : std::runtime_error(what), file(std::move(file_)), line(line_), column(col_),
        rule(std::move(rule_)) {}
};

struct LoadOptions {
  std::vector<std::string> paths;  // pack files or directories (built-in first, then user)
  std::vector<std::string> enable;   // rule ids, citation ids or tags; empty = all
  std::vector<std::string> disable;  // rule ids, citation ids or tags
};

class RuleSet {
 public:
  RuleSet();
  ~RuleSet();
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;

  // Loads, validates and compiles packs. Throws RulePackError (file:line:col, rule id).
  static RuleSet load(const LoadOptions& options);

  // "fr-core 1.0.0" style description of the loaded packs, for reports.
  const std::string& version() const;
  const std::vector<Rule>& rules() const;
  const Rule* rule(std::string_view id) const;
  const Law* law(std::string_view citation_id) const;
  const std::vector<Law>& laws() const;
  // Named lexicons: folded entries.
  const std::vector<std::string>* lexicon(std::string_view name) const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace veille
