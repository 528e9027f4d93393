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
#include <unordered_map>
#include <vector>

#include "veille/document.hpp"
#include "veille/model.hpp"
#include "veille/text.hpp"
#include "veille/time.hpp"

namespace re2 {
class RE2;
}

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

// One token test: a <word> condition or a <t> element of a <phrase>.
struct TokenTest {
  // shape: shape="capitalized", a word written with an upper-case first letter and a lower-case
  // second one in the original text ("Marchal", "Le", not "RN" nor "marchal"): names of people
  // and places that no lexicon knows.
  enum class By { form, lemma, lexicon, kind, shape };
  By by = By::form;
  std::vector<std::string> forms;     // folded exact forms (form="a|b")
  std::vector<std::string> prefixes;  // folded prefixes (form="estim*")
  std::vector<std::string> lemmas;    // folded lemmas (lemma="a|b")
  std::string lexicon;                // lexicon id
  TokenKind kind = TokenKind::word;   // kind="percent"
  std::size_t gap_before = 0;         // phrase: 0..gap_before arbitrary tokens before this one
  std::string source;                 // as written, for traces: form="sondage|sondages"
};

// The condition tree of a rule (see docs/rules-guide.md). Immutable after load.
struct Condition {
  enum class Type { regex, word, phrase, all, any, not_, near, count, absent, meta, model };
  enum class Unit { tokens, sentence, paragraph };
  Type type = Type::all;
  std::string name;  // optional name attribute (traces, absent's missing list)
  int line = 0;      // line in the pack file
  // regex
  std::string pattern;    // as written
  std::string rewritten;  // \b rewritten to a Unicode-aware boundary (what is compiled)
  // Fast path (an ASCII pattern whose \b are all at the edges of its top-level alternatives):
  // the pattern is compiled as written (RE2's ASCII \b finds a superset) and the engine checks
  // the Unicode boundary before/after each match itself.
  bool verify_leading = false, verify_trailing = false;
  std::shared_ptr<const re2::RE2> re;
  // word (one test) and phrase (a sequence)
  std::vector<TokenTest> tokens;
  // all any not near count absent
  std::vector<Condition> children;
  std::size_t distance = 8;  // near
  Unit unit = Unit::tokens;  // near
  std::size_t min = 1;       // count
  // meta (every given test must pass)
  std::vector<AuthorRole> roles;
  std::optional<bool> sponsored;
  std::vector<std::string> langs;
  std::vector<std::string> territories;
  // model: the citation model's score for `cite` reaches `threshold` (the model's own
  // cross-validated threshold unless the rule gives one)
  std::shared_ptr<const CitationModel> model;
  std::string model_file;  // as written, resolved against the rule file's directory
  std::string cite;
  std::size_t cite_index = 0;
  double threshold = 0;

  // Whether evaluating this condition needs the token stream.
  bool needs_tokens() const;
  // Short description for traces and `rules show`: regex "…", word form="…", near(8 tokens) …
  std::string describe() const;
};
std::string_view to_string(Condition::Type type);

struct Example {
  bool expect_match = true;
  std::string text;                                 // inline span markers removed
  std::optional<std::size_t> span_start, span_end;  // expected span (original bytes), if marked
  std::string at;                                   // publication time, ISO 8601 (optional)
  std::string territory;                            // optional
  std::string author_role;                          // optional
  std::string lang;                                 // optional
  std::optional<bool> sponsored;                    // optional
  std::string file;
  int line = 0;
};

struct Rule {
  std::string id;    // e.g. "fr.results.before-close"
  std::string pack;  // pack id
  std::string file;  // file it was loaded from
  int line = 0;
  std::vector<std::string> cites;  // citation ids, all declared in the registry
  Severity severity = Severity::violation;
  std::map<AuthorRole, Severity> severity_by_role;  // overrides by author role
  std::vector<std::string> windows;                 // window names; empty = always applies
  std::vector<std::string> elections;               // election kinds; empty = all
  std::vector<std::string> languages;               // ISO 639-1; empty = all
  std::vector<ScopeKind> scopes;                    // empty = whole text
  std::vector<std::string> tags;
  // paragraphs="each": in a text of two paragraphs or more, a rule that found nothing in the
  // whole text is evaluated again on each paragraph, read after the first one (the headline or
  // opening that frames the text), so that an exclusion met in an unrelated paragraph does not
  // hide an offence buried in another one. See the checker's paragraph pass.
  bool each_paragraph = false;
  Message message;  // placeholders: {match} {window_end} {lawful_from} {election} {missing}
  std::shared_ptr<const Condition> condition;
  std::vector<Example> examples;
  std::vector<std::string> explicit_anchors;  // <anchor> elements, as written
  // Prefilter regex over the folded view (explicit anchors, else derived from the condition's
  // required literals); empty = the rule has no anchor and is evaluated on every text.
  std::string anchor;
  bool anchor_derived = false;
  bool needs_tokens = false;  // some condition needs tokens (word, phrase, near)

  Severity severity_for(AuthorRole role) const {
    auto it = severity_by_role.find(role);
    return it == severity_by_role.end() ? severity : it->second;
  }
  bool always() const { return windows.empty(); }
};

// A lexicon entry: its folded form and its tokens (folded, as the Analysis tokenizer splits it).
struct LexiconEntry {
  std::string folded;
  std::vector<std::string> tokens;
  std::string election;  // non-empty: only counts while this election's windows are active
};
struct Lexicon {
  std::string id;
  std::vector<LexiconEntry> entries;
  std::vector<std::string> folded;  // every entry's folded form (all elections)
  std::unordered_multimap<std::string, std::size_t> by_first_token;  // first token -> entry index
};

// what() is "FILE:LINE:COL: error: [rule-id] message" (the "[rule-id] " part only when the
// error is inside a rule).
struct RulePackError : std::runtime_error {
  std::string file;
  int line = 0;
  int column = 0;
  std::string rule;
  RulePackError(std::string file_, int line_, int col_, std::string rule_, const std::string& what)
      : std::runtime_error(what),
        file(std::move(file_)),
        line(line_),
        column(col_),
        rule(std::move(rule_)) {}
};

struct LoadOptions {
  std::vector<std::string> paths;    // pack files or directories (built-in first, then user)
  std::vector<std::string> enable;   // rule ids, citation ids or tags; empty = all
  std::vector<std::string> disable;  // rule ids, citation ids or tags
  // An item may end in "*" (prefix match: "fr.polls.*"). An item that matches nothing is an
  // error (a typo must not silently keep or drop rules).
};

// Formats "FILE:LINE:COL: error: [rule] message".
RulePackError make_pack_error(const std::string& file, int line, int col, const std::string& rule,
                              const std::string& message);

// The RelaxNG schema (rules/schema/pack.rng), compiled into the library.
std::string_view pack_schema();

// Rewrites RE2's ASCII-only \b in a pattern written for the folded view:
//  - for_set=false: a boundary group ((?:^|(?P<vbL0>[^A-Za-z0-9_])) / (?:$|(?P<vbT1>…))) at
//    the edges of each alternative; the engine trims the consumed boundary character from the
//    match and rejects the match when that character is a non-ASCII letter or digit, which
//    makes the boundary Unicode-aware (a Unicode class in the pattern, [^\pL\pN_], gives the
//    same matches but costs about 5x the compile time); a \b inside an alternative stays
//    RE2's ASCII \b.
//  - for_set=true: a prefilter form that matches at least wherever the Unicode form matches
//    (ASCII \b when the pattern is pure ASCII, else no boundary at all).
std::string rewrite_boundaries(std::string_view pattern, bool for_set);
// Whether `pattern` can take the fast path above: sets *leading / *trailing to whether every
// top-level alternative starts / ends with \b.
bool edge_boundaries_only(std::string_view pattern, bool* leading, bool* trailing);
// A prefilter pattern in ripgrep syntax (ASCII boundaries as (?-u:\b)).
std::string anchor_for_ripgrep(std::string_view set_pattern);
// Quotes regex metacharacters (RE2 and Rust-regex compatible).
std::string quote_regex(std::string_view literal);

// A prefilter pattern as a tree the engine can test piece by piece: the top-level alternatives
// of the pattern (kind any) and, inside one, the parts around a top-level ".*" (kind all: each
// must occur somewhere, in any order, a superset of the pattern's matches). A non-capturing
// group around a whole piece is looked through. Leaves are patterns without either.
struct PatternTree {
  enum class Kind { leaf, any, all } kind = Kind::leaf;
  std::string pattern;  // leaf
  std::vector<PatternTree> children;
};
PatternTree split_prefilter(std::string_view pattern);

struct LintResult {
  std::vector<RulePackError> errors;
  std::vector<std::string> warnings;
  std::size_t files = 0;
  std::size_t rules = 0;
};
// Loads `paths` like RuleSet::load but collects every error instead of stopping at the first.
// A file whose pack's registry file (the one with version=) is not among `paths` gets the other
// files of the same pack from its directory as context.
LintResult lint_packs(const std::vector<std::string>& paths);

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
  const Lexicon* find_lexicon(std::string_view name) const;
  // Load-time warnings (rules without anchor ...).
  const std::vector<std::string>& warnings() const;
  // The pack files read, in load order.
  const std::vector<std::string>& files() const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace veille
