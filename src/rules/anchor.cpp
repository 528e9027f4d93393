// Prefilter anchors: for each rule, a regex over the folded view that must occur in any text
// where the rule's condition can hold. The engine prefilters texts with them (engine.hpp).
#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include "rules/ruleset_impl.hpp"

namespace veille::rules_detail {
namespace {

struct Alt {
  std::vector<std::string> patterns;  // any of them
  std::size_t score = 0;              // higher = more selective
  std::string weak;                   // a literal that occurs in most texts, if any
};

bool is_weak_literal(const std::string& l, bool bounded) {
  // very frequent French (and English) words: an anchor made of them selects most texts
  static const char* common[] = {"a",    "la",    "le",  "de",   "du",    "et",   "en",   "un",
                                 "au",   "il",    "on",  "ne",   "se",    "ce",   "y",    "l'",
                                 "d'",   "les",   "des", "une",  "est",   "sont", "pour", "avec",
                                 "dans", "sur",   "par", "plus", "pas",   "tout", "tous", "toutes",
                                 "fait", "faire", "ici", "hier", "allez", "va",   "vous", "nous",
                                 "the",  "and",   "for", "is",   "to",    "of",   "in",   "it"};
  if (l.size() <= 1) return true;
  if (!bounded && l.size() <= 2) return true;
  for (const char* c : common)
    if (l == c) return true;
  return false;
}

// Words that occur in a large share of ordinary posts (days, "president", common nouns of
// local life): a part of an <all>/<near>/<phrase> made of them is the worst anchor choice, so
// its score is 1 (above only digits, #, @) and any other required part is preferred. Only the
// choice among required parts changes (every choice is a necessary condition): results never depend
// on it.
bool is_frequent_word(std::string_view l) {
  static const char* frequent[] = {
      "demain",   "dimanche", "samedi",   "aujourd'hui", "ce soir",  "ce dimanche", "tomorrow",
      "today",    "sunday",   "saturday", "tonight",     "morgen",   "heute",       "sonntag",
      "samstag",  "manana",   "hoy",      "domingo",     "sabado",   "domani",      "oggi",
      "domenica", "sabato",   "vandaag",  "zondag",      "zaterdag", "president",   "presidente",
      "liste",    "listes",   "ville",    "commune",     "mairie",   "maire",       "programme",
      "projet",   "equipe",   "union",    "parti",       "france",   "francais",    "semaine"};
  for (const char* f : frequent)
    if (l == f) return true;
  return false;
}

std::size_t regex_score(const std::string& p) {
  std::size_t letters = 0, bars = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(p[i]))) ++letters;
    if (p[i] == '|') ++bars;
  }
  return letters / (bars + 1);
}

std::size_t literal_score(const std::vector<std::string>& lits) {
  std::size_t s = lits.empty() ? 0 : SIZE_MAX;
  for (const auto& l : lits) s = std::min(s, l.size());
  return s;
}

Alt regex_anchor_uncached(const std::string& pattern);

// Packs repeat patterns; the anchor is a pure function of the pattern (FilteredRE2 compiles the
// pattern once more, so it is worth remembering).
Alt regex_anchor(const std::string& pattern) {
  thread_local std::unordered_map<std::string, Alt> cache;
  if (auto it = cache.find(pattern); it != cache.end()) return it->second;
  Alt a = regex_anchor_uncached(pattern);
  if (cache.size() > 100000) cache.clear();
  cache.emplace(pattern, a);
  return a;
}

// The literal atoms RE2's FilteredRE2 extracts from a pattern: every match of the pattern
// contains at least one of them. Falls back to the whole pattern when the pattern can match
// without any atom (e.g. "[0-9]+ %").
Alt regex_anchor_uncached(const std::string& pattern) {
  const std::string set_form = rewrite_boundaries(pattern, true);
  Alt whole{{set_form}, regex_score(pattern)};
  re2::FilteredRE2 filter(3);
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(32 << 20);
  int id = 0;
  if (filter.Add(set_form, o, &id) != RE2::NoError) return whole;
  std::vector<std::string> atoms;
  filter.Compile(&atoms);
  std::vector<int> unfiltered;
  filter.AllPotentials({}, &unfiltered);
  if (!unfiltered.empty() || atoms.empty()) return whole;
  // The union of the atoms loses FilteredRE2's AND structure: a short atom (" est ") would
  // make the rule a candidate on most texts. Then the whole pattern is the better anchor.
  for (const auto& atom : atoms) {
    std::size_t letters = 0;
    for (char ch : atom) letters += ch != ' ';
    if (letters <= 4) return whole;
  }
  Alt a;
  std::sort(atoms.begin(), atoms.end());
  atoms.erase(std::unique(atoms.begin(), atoms.end()), atoms.end());
  for (const auto& atom : atoms) a.patterns.push_back(quote_regex(atom));
  a.score = literal_score(atoms);
  for (const auto& atom : atoms)
    if (is_frequent_word(atom)) a.score = 1;
  return a;
}

// Short literals get ASCII word boundaries (a token is delimited in the folded view, and ASCII
// \b is a superset of the Unicode boundary): "pen" must not select "open", "pendant".
bool bounded_literal(std::string_view l) {
  auto alnum = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) != 0; };
  return !l.empty() && l.size() <= 4 && alnum(l.front()) && alnum(l.back());
}

// The anchor of one lexicon entry. A multi-word entry matches consecutive words, and only
// punctuation and spaces separate two words in the folded view, so the whole entry with any
// run of non-alphanumerics between its words is a necessary condition, and far more selective
// than any one of its words ("en marche" rather than "marche", which "au marché" contains).
std::string entry_pattern(const LexiconEntry& e) {
  if (e.tokens.size() < 2) {
    const std::string& l = e.tokens.empty() ? e.folded : e.tokens.front();
    return bounded_literal(l) ? "\\b" + quote_regex(l) + "\\b" : quote_regex(l);
  }
  std::string out = bounded_literal(e.tokens.front()) ? "\\b" : "";
  for (std::size_t i = 0; i < e.tokens.size(); ++i) {
    if (i) out += "[^a-z0-9]*";
    out += quote_regex(e.tokens[i]);
  }
  if (bounded_literal(e.tokens.back())) out += "\\b";
  return out;
}

std::optional<Alt> lexicon_anchor(const Lexicon& lex) {
  Alt a;
  std::set<std::string> seen;
  a.score = lex.entries.empty() ? 0 : SIZE_MAX;
  for (const auto& e : lex.entries) {
    std::size_t letters = 0;  // a multi-word entry counts all its words
    for (const auto& t : e.tokens) letters += t.size();
    if (e.tokens.empty()) letters = e.folded.size();
    a.score = std::min(a.score, letters);
    if (e.tokens.size() < 2) {
      const std::string& l = e.tokens.empty() ? e.folded : e.tokens.front();
      if (a.weak.empty() && is_weak_literal(l, bounded_literal(l))) a.weak = l;
      if (is_frequent_word(l)) a.score = 1;
    }
    std::string p = entry_pattern(e);
    if (seen.insert(p).second) a.patterns.push_back(std::move(p));
  }
  std::sort(a.patterns.begin(), a.patterns.end());
  if (a.patterns.empty()) return std::nullopt;
  return a;
}

std::optional<Alt> token_anchor(const TokenTest& t,
                                const std::map<std::string, Lexicon, std::less<>>& lexicons) {
  Alt a;
  std::vector<std::string> lits;
  switch (t.by) {
    case TokenTest::By::form:
      lits = t.forms;
      lits.insert(lits.end(), t.prefixes.begin(), t.prefixes.end());
      break;
    case TokenTest::By::lexicon: {
      auto it = lexicons.find(t.lexicon);
      if (it == lexicons.end()) return std::nullopt;
      return lexicon_anchor(it->second);
    }
    case TokenTest::By::lemma:
    case TokenTest::By::shape:
      return std::nullopt;  // surface forms unknown
    case TokenTest::By::kind:
      switch (t.kind) {
        case TokenKind::number:
        case TokenKind::percent:
        case TokenKind::time:
          a.patterns = {"[0-9]"};
          break;
        case TokenKind::hashtag:
          a.patterns = {"#"};
          break;
        case TokenKind::mention:
        case TokenKind::email:
          a.patterns = {"@"};
          break;
        case TokenKind::url:
          a.patterns = {"\\."};
          break;
        default:
          return std::nullopt;
      }
      a.score = 0;  // digits, #, @ or a dot: in most posts, the last choice
      return a;
  }
  if (lits.empty()) return std::nullopt;
  std::sort(lits.begin(), lits.end());
  lits.erase(std::unique(lits.begin(), lits.end()), lits.end());
  for (const auto& l : lits) {
    const bool prefix = std::find(t.prefixes.begin(), t.prefixes.end(), l) != t.prefixes.end();
    std::string q = quote_regex(l);
    const bool bounded = bounded_literal(l);
    if (bounded) q = "\\b" + q + (prefix ? "" : "\\b");
    if (a.weak.empty() && is_weak_literal(l, bounded)) a.weak = l;
    a.patterns.push_back(std::move(q));
  }
  a.score = literal_score(lits);
  for (const auto& l : lits)
    if (is_frequent_word(l)) a.score = 1;
  return a;
}

std::optional<Alt> best_of(std::vector<std::optional<Alt>> alts) {
  std::optional<Alt> best;
  for (auto& a : alts)
    if (a && (!best || a->score > best->score)) best = std::move(a);
  return best;
}

std::optional<Alt> anchor_of(const Condition& c,
                             const std::map<std::string, Lexicon, std::less<>>& lexicons) {
  using T = Condition::Type;
  switch (c.type) {
    case T::regex:
      return regex_anchor(c.pattern);
    case T::word:
      return token_anchor(c.tokens.front(), lexicons);
    case T::phrase: {
      std::vector<std::optional<Alt>> alts;
      for (const auto& t : c.tokens) alts.push_back(token_anchor(t, lexicons));
      return best_of(std::move(alts));
    }
    case T::all:
    case T::near: {
      std::vector<std::optional<Alt>> alts;
      for (const auto& ch : c.children) alts.push_back(anchor_of(ch, lexicons));
      return best_of(std::move(alts));
    }
    case T::any: {
      Alt all;
      all.score = SIZE_MAX;
      for (const auto& ch : c.children) {
        auto a = anchor_of(ch, lexicons);
        if (!a) return std::nullopt;  // one branch can hold without any literal
        all.patterns.insert(all.patterns.end(), a->patterns.begin(), a->patterns.end());
        if (all.weak.empty()) all.weak = a->weak;
        all.score = std::min(all.score, a->score);
      }
      return all;
    }
    case T::count:
      return anchor_of(c.children.front(), lexicons);
    case T::not_:
    case T::absent:
    case T::meta:
    case T::model:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::string lexicon_anchor_pattern(const Lexicon& lex) {
  auto a = lexicon_anchor(lex);
  if (!a) return {};
  std::string out;
  for (const auto& p : a->patterns) {
    if (!out.empty()) out += '|';
    out += "(?:" + p + ")";
  }
  return out;
}

std::string derive_anchor(const Condition& c,
                          const std::map<std::string, Lexicon, std::less<>>& lexicons,
                          std::string* weak) {
  auto a = anchor_of(c, lexicons);
  if (!a || a->patterns.empty()) return {};
  if (weak) *weak = a->weak;
  std::set<std::string> seen;
  std::string out;
  for (const auto& p : a->patterns) {
    if (!seen.insert(p).second) continue;
    if (!out.empty()) out += '|';
    out += a->patterns.size() == 1 ? p : "(?:" + p + ")";
  }
  return out;
}

}  // namespace veille::rules_detail
