#pragma once
// Private to engine/: evaluation of one condition tree over one Analysis. Positions are bytes of
// the folded view; the Matcher maps them back to the original text.
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "veille/document.hpp"
#include "veille/engine.hpp"
#include "veille/rules.hpp"
#include "veille/text.hpp"

namespace veille::engine_detail {

// One place where a condition held.
struct Hit {
  std::size_t fs = 0, fe = 0;  // folded bytes
  long w0 = -1, w1 = -1;       // first/last word index (-1 = not known yet)
  std::vector<std::pair<std::size_t, std::size_t>> evidence;  // other folded spans
};

struct Outcome {
  bool holds = false;
  std::vector<Hit> hits;
};

// What the regex evaluation needs to know about a compiled pattern, computed once per rule set
// (by the Matcher) instead of on every evaluation: whether \b was rewritten into boundary
// groups, and those groups (capturing group index, leading?).
struct RegexInfo {
  bool boundaries = false;
  std::vector<std::pair<int, bool>> edges;
};
using RegexInfos = std::unordered_map<const Condition*, RegexInfo>;
// Per <all>/<near> condition: whether the existence pre-pass is worth it (see worth_prepass).
using PrepassInfos = std::unordered_map<const Condition*, bool>;
PrepassInfos prepass_infos(const RuleSet& rules);
RegexInfo regex_info(const Condition& c);
// Every regex condition of the rules' trees.
RegexInfos regex_infos(const RuleSet& rules);

// Evaluates conditions for one document; tokens and lemmas are fetched from the Analysis only
// when a condition needs them. Not shared between threads.
class Evaluator {
 public:
  Evaluator(const Analysis& a, const Document& doc, const MatchOptions& opt, const RuleSet& rules,
            const RegexInfos* infos = nullptr, const PrepassInfos* prepass = nullptr);

  // `trace` (may be null) receives one line per condition evaluated, indented by depth.
  Outcome eval(const Condition& c, int depth, std::vector<std::string>* trace,
               std::vector<std::string>& missing);

  // "«text»" quote of a folded span, in original text.
  std::string quote(std::size_t fs, std::size_t fe) const;
  const Analysis& analysis() const { return a_; }

 private:
  Outcome regex(const Condition& c);
  Outcome word(const Condition& c);
  Outcome phrase(const Condition& c);
  Outcome near(const Condition& c, std::vector<Outcome>& parts);
  bool meta(const Condition& c, std::string& why);
  Outcome model(const Condition& c, std::string& why, bool explain);

  void need_words();
  void locate(Hit& h);  // fills w0/w1 from fs/fe
  // Lengths (in words) of the matches of a token test starting at word i.
  void test_at(const TokenTest& t, std::size_t i, std::vector<std::size_t>& lengths);
  long phrase_from(const Condition& c, std::size_t k, std::size_t i);
  bool entry_counts(const LexiconEntry& e) const;
  std::string spans_text(const std::vector<Hit>& hits) const;

  const Analysis& a_;
  const Document& doc_;
  const MatchOptions& opt_;
  const RuleSet& rules_;
  const RegexInfos* infos_ = nullptr;
  const PrepassInfos* prepass_infos_ = nullptr;
  const std::vector<Token>* tokens_ = nullptr;
  std::vector<std::size_t> words_;  // indices of non-punctuation tokens
  // computed on the first <model> condition: the features and the scores per model
  std::vector<std::uint64_t> model_hashes_;
  bool model_hashes_done_ = false;
  std::vector<std::string> model_features_;  // the strings, only to explain a score that holds
  bool model_features_done_ = false;
  std::vector<std::pair<const CitationModel*, std::vector<double>>> model_scores_;
  std::vector<std::size_t> lengths_scratch_;
  std::vector<std::vector<std::size_t>> phrase_scratch_;               // per phrase element
  std::vector<std::pair<const TokenTest*, const Lexicon*>> lexicons_;  // find_lexicon cache
  const Lexicon* lexicon_of(const TokenTest& t);
  std::vector<std::pair<const Lexicon*, std::vector<char>>> first_tokens_;
  const std::vector<char>* first_tokens_of(const Lexicon& lex);
  std::vector<std::pair<const Condition*, bool>> prepass_;  // worth_prepass cache
  bool worth_prepass(const Condition& c);
  bool all_exist(const Condition& c);
  // Inside <not>/<absent> (without explain) only whether a condition holds matters: leaves stop
  // at their first occurrence and regexes run without positions.
  bool exists_only_ = false;
};

}  // namespace veille::engine_detail
