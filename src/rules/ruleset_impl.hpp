#pragma once
// Private to the rules/ stage: the storage behind RuleSet and the loader's entry points.
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "veille/rules.hpp"

namespace veille {

struct RuleSet::Impl {
  std::string version;
  std::vector<Rule> rules;
  std::vector<Law> laws;
  std::map<std::string, Lexicon, std::less<>> lexicons;
  std::vector<std::string> warnings;
  std::vector<std::string> files;
  std::unordered_map<std::string, std::size_t> rule_index, law_index;
};

namespace rules_detail {

// Names shared by the loader and the policy checks.
bool known_window(std::string_view name);
bool known_election_kind(std::string_view kind);

// Derives the prefilter anchor of a condition: a regex over the folded view that occurs in
// every text where the condition holds; empty when none can be derived (lemma-only, kind=emoji,
// meta ...). `lexicons` resolves <word lexicon=…>.
// `weak` (optional) receives a literal of the anchor that occurs in most texts ("a", "l'").
std::string derive_anchor(const Condition& c,
                          const std::map<std::string, Lexicon, std::less<>>& lexicons,
                          std::string* weak = nullptr);

// The anchor of one lexicon: the alternation of its entries' anchors (what an explicit
// <anchor> gets for "{lexicon:ID}").
std::string lexicon_anchor_pattern(const Lexicon& lex);

}  // namespace rules_detail
}  // namespace veille
