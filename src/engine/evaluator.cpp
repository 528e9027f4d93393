// Condition evaluation: regex on the folded view, token tests, phrases, proximity, counts,
// absence and metadata. See docs/rules-guide.md for the semantics.
#include "engine/evaluator.hpp"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace veille::engine_detail {
namespace {

constexpr std::size_t kLeafCap = 10000;  // hits kept per leaf condition

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// The original word starts with an upper-case letter followed by a lower-case one.
bool capitalized(std::string_view original, const Span& span) {
  if (span.end > original.size() || span.start >= span.end) return false;
  const auto* s = reinterpret_cast<const uint8_t*>(original.data());
  int32_t i = static_cast<int32_t>(span.start);
  const auto end = static_cast<int32_t>(span.end);
  UChar32 c1 = 0, c2 = 0;
  U8_NEXT(s, i, end, c1);
  if (c1 < 0 || !u_isupper(c1) || i >= end) return false;
  U8_NEXT(s, i, end, c2);
  return c2 >= 0 && u_islower(c2);
}

void sort_unique(std::vector<Hit>& hits) {
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& x, const Hit& y) {
    return x.fs != y.fs ? x.fs < y.fs : x.fe < y.fe;
  });
  hits.erase(std::unique(hits.begin(), hits.end(),
                         [](const Hit& x, const Hit& y) { return x.fs == y.fs && x.fe == y.fe; }),
             hits.end());
}

bool unicode_word_char(UChar32 c) {
  if (c < 0) return false;
  if (c < 0x80) return std::isalnum(c) || c == '_';
  if (u_isalpha(c)) return true;
  const auto t = u_charType(c);
  return t == U_DECIMAL_DIGIT_NUMBER || t == U_LETTER_NUMBER || t == U_OTHER_NUMBER;
}

// Whether a Unicode word boundary lies at byte `pos` of `text` (given that RE2's ASCII \b
// already said yes: only non-ASCII neighbours can disagree).
bool unicode_boundary_before(std::string_view text, std::size_t pos) {
  if (pos == 0 || static_cast<unsigned char>(text[pos - 1]) < 0x80) return true;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, i, c);
  return !unicode_word_char(c);
}

bool unicode_boundary_after(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || static_cast<unsigned char>(text[pos]) < 0x80) return true;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  return !unicode_word_char(c);
}

// For <any>: at one start position keep the longest hit ("65,8 %" rather than "65,8").
void longest_per_start(std::vector<Hit>& hits) {
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& x, const Hit& y) {
    return x.fs != y.fs ? x.fs < y.fs : x.fe > y.fe;
  });
  hits.erase(std::unique(hits.begin(), hits.end(),
                         [](const Hit& x, const Hit& y) { return x.fs == y.fs; }),
             hits.end());
}

}  // namespace

Evaluator::Evaluator(const Analysis& a, const Document& doc, const MatchOptions& opt,
                     const RuleSet& rules, const RegexInfos* infos, const PrepassInfos* prepass)
    : a_(a), doc_(doc), opt_(opt), rules_(rules), infos_(infos), prepass_infos_(prepass) {}

RegexInfo regex_info(const Condition& c) {
  RegexInfo info;
  info.boundaries = c.rewritten.find("(?P<vb") != std::string::npos;
  if (info.boundaries && c.re)
    for (const auto& [name, idx] : c.re->NamedCapturingGroups())
      if (name.rfind("vbL", 0) == 0 || name.rfind("vbT", 0) == 0)
        info.edges.emplace_back(idx, name[2] == 'L');
  return info;
}

namespace {
void collect_regexes(const Condition& c, RegexInfos& out) {
  if (c.type == Condition::Type::regex) out.emplace(&c, regex_info(c));
  for (const auto& ch : c.children) collect_regexes(ch, out);
}
}  // namespace

RegexInfos regex_infos(const RuleSet& rules) {
  RegexInfos out;
  for (const auto& r : rules.rules())
    if (r.condition) collect_regexes(*r.condition, out);
  return out;
}

void Evaluator::need_words() {
  if (tokens_) return;
  tokens_ = &a_.tokens();
  words_.reserve(tokens_->size());
  for (std::size_t i = 0; i < tokens_->size(); ++i)
    if ((*tokens_)[i].kind != TokenKind::punct) words_.push_back(i);
}

void Evaluator::locate(Hit& h) {
  if (h.w0 >= 0) return;
  need_words();
  if (words_.empty()) {
    h.w0 = h.w1 = 0;
    return;
  }
  auto first_ending_after = [&](std::size_t pos) {
    auto it = std::partition_point(words_.begin(), words_.end(),
                                   [&](std::size_t ti) { return (*tokens_)[ti].fspan.end <= pos; });
    if (it == words_.end()) --it;
    return static_cast<long>(it - words_.begin());
  };
  h.w0 = first_ending_after(h.fs);
  h.w1 = std::max(h.w0, first_ending_after(h.fe == 0 ? 0 : h.fe - 1));
}

std::string Evaluator::quote(std::size_t fs, std::size_t fe) const {
  Span o = a_.to_original(fs, fe);
  std::string_view text = a_.original().substr(o.start, o.end - o.start);
  std::string out = "«";
  if (text.size() > 80) {
    std::size_t cut = 80;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    out.append(text.substr(0, cut));
    out += "…";
  } else {
    out.append(text);
  }
  out += "» (bytes " + std::to_string(o.start) + "-" + std::to_string(o.end) + ")";
  return out;
}

std::string Evaluator::spans_text(const std::vector<Hit>& hits) const {
  std::string out;
  for (std::size_t i = 0; i < hits.size() && i < 3; ++i) {
    if (i) out += ", ";
    out += quote(hits[i].fs, hits[i].fe);
  }
  if (hits.size() > 3) out += " and " + std::to_string(hits.size() - 3) + " more";
  return out;
}

Outcome Evaluator::regex(const Condition& c) {
  Outcome out;
  const RE2& re = *c.re;
  const std::string& text = a_.folded();
  const re2::StringPiece input(text);
  RegexInfo own;
  const RegexInfo* info = nullptr;
  if (infos_)
    if (auto it = infos_->find(&c); it != infos_->end()) info = &it->second;
  if (!info) info = &(own = regex_info(c));
  const bool boundaries = info->boundaries;
  if (exists_only_ && !boundaries && !c.verify_leading && !c.verify_trailing) {
    out.holds = re.Match(input, 0, text.size(), RE2::UNANCHORED, nullptr, 0);
    if (out.holds) out.hits.push_back(Hit{});  // a placeholder: the position is not needed
    return out;
  }
  const std::size_t cap = exists_only_ ? 1 : kLeafCap;
  const int nsub = boundaries ? re.NumberOfCapturingGroups() + 1 : 1;
  std::vector<re2::StringPiece> sub(static_cast<std::size_t>(nsub));
  const std::vector<std::pair<int, bool>>& edges = info->edges;  // group index, leading?
  std::size_t pos = 0;
  re2::StringPiece whole;
  // Step 1 finds the match bounds with RE2's DFA (no submatches: fast even for large
  // alternations); step 2 reads the boundary groups on that small range only.
  while (pos <= text.size() && re.Match(input, pos, text.size(), RE2::UNANCHORED, &whole, 1)) {
    const std::size_t match_start = static_cast<std::size_t>(whole.data() - text.data());
    std::size_t s = match_start;
    std::size_t e = s + whole.size();
    // A boundary group consumed one character that is not an ASCII word character; RE2 only
    // checked that much (a Unicode class would cost 5x the compile time), so a non-ASCII
    // letter or digit there means there was no word boundary.
    bool word_in_group = false;
    if (!edges.empty() && re.Match(input, s, e, RE2::ANCHOR_BOTH, sub.data(), nsub)) {
      for (auto [idx, leading] : edges) {
        const auto& g = sub[static_cast<std::size_t>(idx)];
        if (!g.data()) continue;
        std::size_t gs = static_cast<std::size_t>(g.data() - text.data());
        if (leading && gs == s) {
          word_in_group =
              word_in_group || (!g.empty() && !unicode_boundary_before(text, gs + g.size()));
          s += g.size();
        }
        if (!leading && gs + g.size() == e) {
          word_in_group = word_in_group || (!g.empty() && !unicode_boundary_after(text, gs));
          e -= g.size();
        }
      }
    }
    const bool rejected = word_in_group ||
                          (c.verify_leading && !unicode_boundary_before(text, s)) ||
                          (c.verify_trailing && !unicode_boundary_after(text, e));
    if (rejected) {  // not a Unicode word boundary: search on from the next character
      s = match_start;
      e = s;
    }
    if (e > s) {
      Hit h;
      h.fs = s;
      h.fe = e;
      out.hits.push_back(std::move(h));
      if (out.hits.size() >= cap) break;
    }
    std::size_t next = rejected ? s + 1 : e > pos ? e : pos + 1;
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    pos = next;
  }
  out.holds = !out.hits.empty();
  return out;
}

bool Evaluator::entry_counts(const LexiconEntry& e) const {
  if (e.election.empty() || opt_.elections.empty()) return true;
  return std::find(opt_.elections.begin(), opt_.elections.end(), e.election) !=
         opt_.elections.end();
}

void Evaluator::test_at(const TokenTest& t, std::size_t i, std::vector<std::size_t>& lengths) {
  lengths.clear();
  const Token& tok = (*tokens_)[words_[i]];
  switch (t.by) {
    case TokenTest::By::form: {
      std::string_view f = tok.folded;
      std::string_view bare = f;
      if ((tok.kind == TokenKind::hashtag || tok.kind == TokenKind::mention) && !bare.empty())
        bare.remove_prefix(1);
      for (const auto& form : t.forms)
        if (f == form || bare == form) {
          lengths.push_back(1);
          return;
        }
      for (const auto& p : t.prefixes)
        if (starts_with(f, p) || starts_with(bare, p)) {
          lengths.push_back(1);
          return;
        }
      return;
    }
    case TokenTest::By::lemma: {
      if (tok.kind != TokenKind::word) return;
      for (const auto& l : t.lemmas)
        if (tok.folded == l) {
          lengths.push_back(1);
          return;
        }
      for (const auto& lemma : a_.lemmas(tok))
        for (const auto& l : t.lemmas)
          if (lemma == l) {
            lengths.push_back(1);
            return;
          }
      return;
    }
    case TokenTest::By::kind:
      if (tok.kind == t.kind) lengths.push_back(1);
      return;
    case TokenTest::By::shape:
      if (tok.kind == TokenKind::word && capitalized(a_.original(), tok.span)) lengths.push_back(1);
      return;
    case TokenTest::By::lexicon: {
      const Lexicon* lex = lexicon_of(t);
      if (!lex) return;
      if (!(*first_tokens_of(*lex))[i]) return;
      auto [b, e] = lex->by_first_token.equal_range(tok.folded);
      for (auto it = b; it != e; ++it) {
        const LexiconEntry& entry = lex->entries[it->second];
        if (!entry_counts(entry)) continue;
        const std::size_t n = entry.tokens.size();
        if (i + n > words_.size()) continue;
        bool ok = true;
        for (std::size_t k = 1; k < n && ok; ++k)
          ok = (*tokens_)[words_[i + k]].folded == entry.tokens[k];
        if (ok) lengths.push_back(n);
      }
      std::sort(lengths.begin(), lengths.end(), std::greater<>());
      return;
    }
  }
}

const Lexicon* Evaluator::lexicon_of(const TokenTest& t) {
  for (const auto& [test, lex] : lexicons_)
    if (test == &t) return lex;
  const Lexicon* lex = rules_.find_lexicon(t.lexicon);
  lexicons_.emplace_back(&t, lex);
  return lex;
}

// Per lexicon, per word of the document: whether the word starts some entry. Built once per
// document and lexicon (one hash lookup per word), shared by every rule and test that uses it.
const std::vector<char>* Evaluator::first_tokens_of(const Lexicon& lex) {
  for (const auto& [l, marks] : first_tokens_)
    if (l == &lex) return &marks;
  std::vector<char> marks(words_.size());
  for (std::size_t i = 0; i < words_.size(); ++i)
    marks[i] = lex.by_first_token.count((*tokens_)[words_[i]].folded) > 0;
  first_tokens_.emplace_back(&lex, std::move(marks));
  return &first_tokens_.back().second;
}

Outcome Evaluator::word(const Condition& c) {
  need_words();
  Outcome out;
  const std::size_t cap = exists_only_ ? 1 : kLeafCap;
  std::vector<std::size_t>& lengths = lengths_scratch_;
  for (std::size_t i = 0; i < words_.size(); ++i) {
    test_at(c.tokens.front(), i, lengths);
    if (lengths.empty()) continue;
    std::size_t n = lengths.front();  // longest
    Hit h;
    h.w0 = static_cast<long>(i);
    h.w1 = static_cast<long>(i + n - 1);
    h.fs = (*tokens_)[words_[i]].fspan.start;
    h.fe = (*tokens_)[words_[i + n - 1]].fspan.end;
    out.hits.push_back(std::move(h));
    if (out.hits.size() >= cap) break;
    i += n - 1;
  }
  out.holds = !out.hits.empty();
  return out;
}

// End word index (exclusive) of the phrase from element k placed at word i, or -1.
long Evaluator::phrase_from(const Condition& c, std::size_t k, std::size_t i) {
  if (k == c.tokens.size()) return static_cast<long>(i);
  const TokenTest& t = c.tokens[k];
  const std::size_t max_gap = k == 0 ? 0 : t.gap_before;
  // One scratch list per phrase element (sized by phrase(): the recursion iterates over it).
  for (std::size_t g = 0; g <= max_gap && i + g < words_.size(); ++g) {
    std::vector<std::size_t>& lengths = phrase_scratch_[k];
    test_at(t, i + g, lengths);
    for (std::size_t n : lengths) {
      long end = phrase_from(c, k + 1, i + g + n);
      if (end >= 0) return end;
    }
  }
  return -1;
}

Outcome Evaluator::phrase(const Condition& c) {
  need_words();
  if (phrase_scratch_.size() < c.tokens.size()) phrase_scratch_.resize(c.tokens.size());
  Outcome out;
  const std::size_t cap = exists_only_ ? 1 : kLeafCap;
  for (std::size_t i = 0; i < words_.size(); ++i) {
    long end = phrase_from(c, 0, i);
    if (end <= static_cast<long>(i)) continue;
    Hit h;
    h.w0 = static_cast<long>(i);
    h.w1 = end - 1;
    h.fs = (*tokens_)[words_[i]].fspan.start;
    h.fe = (*tokens_)[words_[static_cast<std::size_t>(end - 1)]].fspan.end;
    out.hits.push_back(std::move(h));
    if (out.hits.size() >= cap) break;
    i = static_cast<std::size_t>(end - 1);
  }
  out.holds = !out.hits.empty();
  return out;
}

Outcome Evaluator::near(const Condition& c, std::vector<Outcome>& parts) {
  need_words();
  Outcome out;
  for (auto& p : parts)
    for (auto& h : p.hits) locate(h);
  auto unit_of = [&](const Hit& h) -> std::uint32_t {
    if (words_.empty()) return 0;
    const Token& t = (*tokens_)[words_[static_cast<std::size_t>(h.w0)]];
    return c.unit == Condition::Unit::sentence ? t.sentence : t.paragraph;
  };
  for (const Hit& anchor : parts[0].hits) {
    Hit h = anchor;
    h.evidence.clear();
    bool all = true;
    for (std::size_t k = 1; k < parts.size() && all; ++k) {
      const Hit* best = nullptr;
      long best_d = 0;
      for (const Hit& o : parts[k].hits) {
        long d;
        if (c.unit == Condition::Unit::tokens) {
          d = o.w0 > anchor.w1 ? o.w0 - anchor.w1 : anchor.w0 > o.w1 ? anchor.w0 - o.w1 : 0;
          if (d > static_cast<long>(c.distance)) continue;
        } else {
          if (unit_of(o) != unit_of(anchor)) continue;
          d = std::labs(o.w0 - anchor.w0);
        }
        if (!best || d < best_d) {
          best = &o;
          best_d = d;
        }
      }
      if (!best) {
        all = false;
        break;
      }
      h.fs = std::min(h.fs, best->fs);
      h.fe = std::max(h.fe, best->fe);
      h.w0 = std::min(h.w0, best->w0);
      h.w1 = std::max(h.w1, best->w1);
      h.evidence.emplace_back(best->fs, best->fe);
    }
    if (!all) continue;
    h.evidence.insert(h.evidence.begin(), {anchor.fs, anchor.fe});
    out.hits.push_back(std::move(h));
  }
  sort_unique(out.hits);
  out.holds = !out.hits.empty();
  return out;
}

bool Evaluator::meta(const Condition& c, std::string& why) {
  auto fail = [&](std::string w) {
    why = std::move(w);
    return false;
  };
  std::vector<std::string> passed;
  if (!c.roles.empty()) {
    const AuthorRole r = doc_.meta.author_role;
    if (std::find(c.roles.begin(), c.roles.end(), r) == c.roles.end())
      return fail("author_role is " + std::string(to_string(r)));
    passed.push_back("author_role=" + std::string(to_string(r)));
  }
  if (c.sponsored) {
    const bool s = doc_.meta.sponsored.value_or(false);
    if (s != *c.sponsored) return fail(std::string("sponsored is ") + (s ? "true" : "false"));
    passed.push_back(std::string("sponsored=") + (s ? "true" : "false"));
  }
  if (!c.langs.empty()) {
    const std::string& l = a_.lang();
    if (std::find(c.langs.begin(), c.langs.end(), l) == c.langs.end()) return fail("lang is " + l);
    passed.push_back("lang=" + l);
  }
  if (!c.territories.empty()) {
    const std::string t = doc_.meta.territory.empty() ? "FR" : doc_.meta.territory;
    if (std::find(c.territories.begin(), c.territories.end(), t) == c.territories.end())
      return fail("territory is " + t);
    passed.push_back("territory=" + t);
  }
  for (const auto& p : passed) why += (why.empty() ? "" : ", ") + p;
  return true;
}

// <model>: the citation model's score of the whole text; the hit is the sentence whose own words
// weigh most for the citation (where a reader should look first).
Outcome Evaluator::model(const Condition& c, std::string& why, bool explain) {
  Outcome out;
  if (!model_hashes_done_) {
    model_hashes_ = model_feature_hashes(a_, doc_.meta);
    model_hashes_done_ = true;
  }
  const CitationModel& m = *c.model;
  auto it = std::find_if(model_scores_.begin(), model_scores_.end(),
                         [&](const auto& p) { return p.first == &m; });
  if (it == model_scores_.end())
    it = model_scores_.emplace(model_scores_.end(), &m, m.scores(model_hashes_));
  const double score = it->second[c.cite_index];
  if (explain) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "score %.2f %s %.2f", score, score >= c.threshold ? ">=" : "<",
                  c.threshold);
    why = buf;
  }
  if (score < c.threshold) return out;
  out.holds = true;
  if (exists_only_) return out;
  if (explain) {
    if (!model_features_done_) {
      model_features_ = model_features(a_, doc_.meta);
      model_features_done_ = true;
    }
    std::string strongest;
    for (const auto& fw : m.strongest(c.cite_index, model_features_, 4))
      strongest += (strongest.empty() ? "" : ", ") + fw.feature.substr(2);
    if (!strongest.empty()) why += "; strongest terms: " + strongest;
  }
  // the sentence with the largest sum of positive weights of its own words and word pairs
  const auto& tokens = a_.tokens();
  double best = -1;
  Hit hit;
  std::size_t i = 0;
  while (i < tokens.size()) {
    const std::uint32_t sentence = tokens[i].sentence;
    std::size_t j = i;
    double sum = 0;
    std::string previous;
    std::size_t first = SIZE_MAX, last = 0;
    for (; j < tokens.size() && tokens[j].sentence == sentence; ++j) {
      std::string unit = model_unit(tokens[j]);
      if (unit.empty()) continue;
      if (first == SIZE_MAX) first = j;
      last = j;
      sum += std::max(0.0, m.weight(c.cite_index, "w:" + unit));
      if (!previous.empty())
        sum += std::max(0.0, m.weight(c.cite_index, "b:" + previous + " " + unit));
      previous = std::move(unit);
    }
    if (first != SIZE_MAX && sum > best) {
      best = sum;
      hit.fs = tokens[first].fspan.start;
      hit.fe = tokens[last].fspan.end;
    }
    i = j;
  }
  if (best < 0) {  // no token the model reads: the whole text
    hit.fs = 0;
    hit.fe = a_.folded().size();
  }
  out.hits.push_back(std::move(hit));
  return out;
}

namespace {
bool has_absent(const Condition& c) {
  if (c.type == Condition::Type::absent) return true;
  for (const auto& ch : c.children)
    if (has_absent(ch)) return true;
  return false;
}
}  // namespace

// An existence pre-pass pays off for <all>/<near> nodes with two or more text children: most
// candidate texts lack one of them, and finding that out (first occurrence only, regexes without
// positions) is much cheaper than collecting every position of the children before it. Not done
// when the subtree holds an <absent> (whose `missing` names must be reported exactly as the full
// evaluation reports them).
namespace {
bool prepass_pays(const Condition& c) {
  std::size_t text_children = 0;
  for (const auto& ch : c.children) text_children += ch.type != Condition::Type::meta;
  return text_children >= 2 && !has_absent(c);
}
void collect_prepass(const Condition& c, PrepassInfos& out) {
  if (c.type == Condition::Type::all || c.type == Condition::Type::near)
    out.emplace(&c, prepass_pays(c));
  for (const auto& ch : c.children) collect_prepass(ch, out);
}
}  // namespace

PrepassInfos prepass_infos(const RuleSet& rules) {
  PrepassInfos out;
  for (const auto& r : rules.rules())
    if (r.condition) collect_prepass(*r.condition, out);
  return out;
}

bool Evaluator::worth_prepass(const Condition& c) {
  if (prepass_infos_)
    if (auto it = prepass_infos_->find(&c); it != prepass_infos_->end()) return it->second;
  for (const auto& [cond, worth] : prepass_)
    if (cond == &c) return worth;
  const bool worth = prepass_pays(c);
  prepass_.emplace_back(&c, worth);
  return worth;
}

// Whether every child of an <all>/<near> holds, each evaluated for existence only. A child that
// does not exist never holds in the full evaluation either (for each condition type, holding in
// full mode implies holding in existence mode), so `false` is final.
bool Evaluator::all_exist(const Condition& c) {
  using T = Condition::Type;
  const bool saved = exists_only_;
  exists_only_ = true;
  std::vector<std::string> ignored;
  bool ok = true;
  for (int pass = 0; pass < 2 && ok; ++pass)
    for (const auto& ch : c.children) {
      if ((ch.type == T::meta) != (pass == 0)) continue;
      if (!eval(ch, 0, nullptr, ignored).holds) {
        ok = false;
        break;
      }
    }
  exists_only_ = saved;
  return ok;
}

Outcome Evaluator::eval(const Condition& c, int depth, std::vector<std::string>* trace,
                        std::vector<std::string>& missing) {
  using T = Condition::Type;
  std::size_t line_at = trace ? trace->size() : 0;
  if (trace) trace->push_back("");  // filled below, children come after
  Outcome out;
  std::string detail;
  switch (c.type) {
    case T::regex:
      out = regex(c);
      break;
    case T::word:
      out = word(c);
      break;
    case T::phrase:
      out = phrase(c);
      break;
    case T::meta: {
      out.holds = meta(c, detail);
      break;
    }
    case T::model:
      out = model(c, detail, trace != nullptr);
      break;
    case T::all: {
      // metadata first: cheap, and most often what rules a text out
      if (!trace && !exists_only_ && worth_prepass(c) && !all_exist(c)) break;
      out.holds = true;
      std::vector<Outcome> parts;
      std::vector<const Condition*> part_of;
      for (int pass = 0; pass < 2 && out.holds; ++pass)
        for (const auto& ch : c.children) {
          if ((ch.type == T::meta) != (pass == 0)) continue;
          Outcome o = eval(ch, depth + 1, trace, missing);
          if (!o.holds) {
            out.holds = false;
            break;
          }
          if (parts.empty()) {
            parts.reserve(c.children.size());
            part_of.reserve(c.children.size());
          }
          parts.push_back(std::move(o));
          part_of.push_back(&ch);
        }
      if (!out.holds) break;
      // the first positive child (in document order of the rule) gives the hits
      const Outcome* primary = nullptr;
      for (const auto& ch : c.children)
        for (std::size_t k = 0; k < part_of.size(); ++k)
          if (part_of[k] == &ch && !parts[k].hits.empty() && !primary) primary = &parts[k];
      if (primary) {
        out.hits = primary->hits;
        for (const auto& p : parts)
          if (&p != primary && !p.hits.empty())
            for (auto& h : out.hits) {
              h.evidence.emplace_back(p.hits.front().fs, p.hits.front().fe);
              h.evidence.insert(h.evidence.end(), p.hits.front().evidence.begin(),
                                p.hits.front().evidence.end());
            }
      }
      break;
    }
    case T::any: {
      for (const auto& ch : c.children) {
        Outcome o = eval(ch, depth + 1, trace, missing);
        if (!o.holds) continue;
        out.holds = true;
        for (auto& h : o.hits) out.hits.push_back(std::move(h));
        if (exists_only_) break;
      }
      longest_per_start(out.hits);
      break;
    }
    case T::not_: {
      std::vector<std::string> ignored;
      const bool saved = exists_only_;
      exists_only_ = trace == nullptr;
      Outcome o = eval(c.children.front(), depth + 1, trace, ignored);
      exists_only_ = saved;
      out.holds = !o.holds;
      if (o.holds) detail = "the excluded condition occurs: " + spans_text(o.hits);
      break;
    }
    case T::absent: {
      std::vector<std::string> ignored;
      const bool saved = exists_only_;
      exists_only_ = trace == nullptr;
      Outcome o = eval(c.children.front(), depth + 1, trace, ignored);
      exists_only_ = saved;
      out.holds = !o.holds;
      if (o.holds)
        detail = "present: " + spans_text(o.hits);
      else {
        detail = "nowhere in the text: missing \"" + c.name + "\"";
        missing.push_back(c.name);
      }
      break;
    }
    case T::count: {
      const bool saved = exists_only_;
      exists_only_ = false;  // counting needs every occurrence
      Outcome o = eval(c.children.front(), depth + 1, trace, missing);
      exists_only_ = saved;
      out.holds = o.hits.size() >= c.min;
      detail = std::to_string(o.hits.size()) + " occurrence(s)";
      if (out.holds && !o.hits.empty()) {
        // one hit from the first to the last occurrence, each occurrence as evidence
        Hit h = o.hits.front();
        for (const Hit& x : o.hits) {
          h.fs = std::min(h.fs, x.fs);
          h.fe = std::max(h.fe, x.fe);
          h.w1 = std::max(h.w1, x.w1);
          h.evidence.emplace_back(x.fs, x.fe);
        }
        out.hits.push_back(std::move(h));
      }
      break;
    }
    case T::near: {
      if (!trace && !exists_only_ && worth_prepass(c) && !all_exist(c)) break;
      const bool saved = exists_only_;
      exists_only_ = false;  // proximity needs every occurrence
      std::vector<Outcome> parts;
      bool all = true;
      for (const auto& ch : c.children) {
        Outcome o = eval(ch, depth + 1, trace, missing);
        if (!o.holds) {
          all = false;
          break;
        }
        parts.push_back(std::move(o));
      }
      exists_only_ = saved;
      if (all) out = near(c, parts);
      if (all && !out.holds) detail = "each part occurs, but not close enough";
      break;
    }
  }
  if (trace) {
    std::string what = c.describe();
    if (what.size() > 140) {  // long alternations: the start is enough to recognise the regex
      std::size_t cut = 120;
      while (cut > 0 && (static_cast<unsigned char>(what[cut]) & 0xC0) == 0x80) --cut;
      what = what.substr(0, cut) + "…\"" + (c.name.empty() ? "" : " name=\"" + c.name + "\"");
    }
    const std::string indent(static_cast<std::size_t>(2 * depth), ' ');
    std::string line = indent + what + ": " + (out.holds ? "held" : "did not hold");
    if (out.holds && !out.hits.empty() && c.type != T::all) line += " at " + spans_text(out.hits);
    if (!detail.empty()) line += " (" + detail + ")";
    (*trace)[line_at] = std::move(line);
  }
  return out;
}

}  // namespace veille::engine_detail
