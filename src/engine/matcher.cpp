// Matcher: a prefilter over the folded view (anchor atoms, then the anchor leaves they allow)
// selects candidate rules; each candidate's condition tree is evaluated; hits become Matches
// with original-text spans.
#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <optional>

#include "engine/atom_scanner.hpp"
#include "engine/evaluator.hpp"
#include "veille/engine.hpp"

namespace veille {

// A rule's anchor as a tree over distinct leaf patterns (see split_prefilter): the vocabularies
// that anchors repeat ("vote words .* party names", in both orders, per branch) are one leaf
// each. Which leaves occur is decided in two steps: RE2's FilteredRE2 derives from each leaf the
// literal strings ("atoms") any match must contain, an AtomScanner finds the atoms present in one
// pass, and a leaf whose atoms are present is confirmed with its own RE2 only when a rule's tree
// needs it. A many-match RE2::Set over the leaves did this in one DFA pass, but its DFA builds a
// new state for nearly every combination of partial matches: on election texts, where dozens of
// leaves match, it ran at tens of KB/s (docs/performance.md).
struct Node {
  PatternTree::Kind kind = PatternTree::Kind::leaf;
  int leaf = -1;                  // FilteredRE2 regexp id (leaf)
  std::vector<std::size_t> kids;  // node indices (any, all)
};

// Shorter atoms filter more leaves but match almost every text ("rn", "a"): propagating them
// costs more than confirming the few leaves left without atoms (measured: docs/performance.md).
constexpr int kMinAtom = 3;
// Per leaf RE2: a lexicon-sized leaf needs more than RE2's default 8 MB for its DFA cache
// (without it RE2 falls back to its slower NFA). The cache grows only as texts need it.
constexpr int64_t kLeafMaxMem = 32 << 20;

struct Matcher::Impl {
  const RuleSet* rules = nullptr;
  re2::FilteredRE2 filter{kMinAtom};
  engine_detail::AtomScanner scanner;
  std::vector<Node> nodes;
  std::vector<std::pair<std::size_t, std::size_t>> rule_root;  // (rule index, root node)
  std::vector<std::size_t> always;                             // rules without anchor
  std::vector<std::vector<std::size_t>> leaf_rules;            // leaf -> rule_root entries using it
  // Leaves without atoms (FilteredRE2 would pass them on every text): decided together by one
  // small many-match RE2::Set pass instead of a walk of their rules' trees on every text.
  std::vector<int> unfiltered;
  std::unique_ptr<RE2::Set> unfiltered_set;
  std::vector<std::string> warnings;
  mutable std::atomic<std::uint64_t> evaluations{0};
  engine_detail::RegexInfos regex_infos;      // per regex condition, computed once
  engine_detail::PrepassInfos prepass_infos;  // per <all>/<near>, computed once

  // Adds the tree's leaves to the filter (once each) and their ids to `used`; `err` gets the
  // first leaf that does not compile.
  std::size_t add_tree(const PatternTree& t, std::map<std::string, int>& leaves,
                       std::vector<int>& used, std::string& err) {
    Node n;
    n.kind = t.kind;
    if (t.kind == PatternTree::Kind::leaf) {
      auto it = leaves.find(t.pattern);
      if (it == leaves.end()) {
        RE2::Options o;
        o.set_log_errors(false);
        o.set_max_mem(kLeafMaxMem);
        int id = -1;
        const auto code = filter.Add(t.pattern, o, &id);
        if (code != RE2::NoError) {
          id = -1;
          if (err.empty()) {
            const RE2 failed(t.pattern, o);
            err = failed.error().empty() ? std::string(1, '?') : failed.error();
          }
        }
        it = leaves.emplace(t.pattern, id).first;
      }
      n.leaf = it->second;
      if (n.leaf < 0 && err.empty()) err = "a part of it";
      if (n.leaf >= 0) used.push_back(n.leaf);
    } else {
      for (const auto& ch : t.children) n.kids.push_back(add_tree(ch, leaves, used, err));
    }
    nodes.push_back(std::move(n));
    return nodes.size() - 1;
  }

  // Leaf states for one text: 0 not possible, 1 possible (atoms present), 2 matches, 3 does not.
  bool holds(std::size_t node, std::string_view text, std::vector<char>& state) const {
    const Node& n = nodes[node];
    switch (n.kind) {
      case PatternTree::Kind::leaf: {
        char& st = state[static_cast<std::size_t>(n.leaf)];
        if (st == 1) st = RE2::PartialMatch(text, filter.GetRE2(n.leaf)) ? 2 : 3;
        return st == 2;
      }
      case PatternTree::Kind::any:
        for (auto k : n.kids)
          if (holds(k, text, state)) return true;
        return false;
      case PatternTree::Kind::all:
        // Leaves whose atoms are absent first: no RE2 runs for the others then.
        for (auto k : n.kids)
          if (nodes[k].kind == PatternTree::Kind::leaf &&
              !state[static_cast<std::size_t>(nodes[k].leaf)])
            return false;
        for (auto k : n.kids)
          if (!holds(k, text, state)) return false;
        return true;
    }
    return true;
  }

  // Candidate rules for a folded text into `out` (sorted).
  void select(std::string_view folded, std::vector<std::size_t>& out) const {
    thread_local std::vector<int> atoms, potential, unfiltered_hits;
    thread_local std::vector<char> seen, state, rule_seen;
    thread_local std::vector<std::size_t> roots;
    out.assign(always.begin(), always.end());
    if (!rule_root.empty() && !leaf_rules.empty()) {
      scanner.scan(folded, atoms, seen);
      filter.AllPotentials(atoms, &potential);
      if (!potential.empty()) {
        state.assign(leaf_rules.size(), 0);
        for (int p : potential) state[static_cast<std::size_t>(p)] = 1;
        // The leaves without atoms: settled by their Set; if the Set's DFA fails on this text
        // they stay possible and each is confirmed by its own RE2 (never a silent miss).
        unfiltered_hits.clear();
        RE2::Set::ErrorInfo info{RE2::Set::kNoError};
        if (unfiltered_set && (unfiltered_set->Match(folded, &unfiltered_hits, &info) ||
                               info.kind == RE2::Set::kNoError)) {
          for (int l : unfiltered) state[static_cast<std::size_t>(l)] = 3;
          for (int h : unfiltered_hits)
            state[static_cast<std::size_t>(unfiltered[static_cast<std::size_t>(h)])] = 2;
        }
        // Only the rules with a leaf still possible.
        rule_seen.assign(rule_root.size(), 0);
        roots.clear();
        for (int p : potential) {
          if (state[static_cast<std::size_t>(p)] == 3) continue;
          for (std::size_t r : leaf_rules[static_cast<std::size_t>(p)])
            if (!rule_seen[r]) {
              rule_seen[r] = 1;
              roots.push_back(r);
            }
        }
        for (std::size_t r : roots)
          if (holds(rule_root[r].second, folded, state)) out.push_back(rule_root[r].first);
      }
    }
    std::sort(out.begin(), out.end());
  }
};

Matcher::Matcher(const RuleSet& rules) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.rules = &rules;
  m.warnings = rules.warnings();
  m.regex_infos = engine_detail::regex_infos(rules);
  m.prepass_infos = engine_detail::prepass_infos(rules);
  std::map<std::string, int> leaves;
  const auto& list = rules.rules();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Rule& r = list[i];
    if (r.anchor.empty()) {
      m.always.push_back(i);
      continue;
    }
    std::string err;
    std::vector<int> used;
    const std::size_t nodes_before = m.nodes.size();
    const std::size_t root = m.add_tree(split_prefilter(r.anchor), leaves, used, err);
    if (!err.empty()) {
      m.nodes.resize(nodes_before);
      m.warnings.push_back(r.file + ":" + std::to_string(r.line) + ": warning: [" + r.id +
                           "] anchor does not compile (" + err +
                           "): the rule is evaluated on every text");
      m.always.push_back(i);
      continue;
    }
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    // One entry per leaf the filter holds (a leaf of a rule whose anchor failed stays, unused).
    m.leaf_rules.resize(static_cast<std::size_t>(m.filter.NumRegexps()));
    for (int leaf : used)
      m.leaf_rules[static_cast<std::size_t>(leaf)].push_back(m.rule_root.size());
    m.rule_root.emplace_back(i, root);
  }
  m.leaf_rules.resize(static_cast<std::size_t>(m.filter.NumRegexps()));
  if (!m.leaf_rules.empty()) {
    std::vector<std::string> atoms;
    m.filter.Compile(&atoms);
    m.scanner = engine_detail::AtomScanner(atoms);
    m.filter.AllPotentials({}, &m.unfiltered);
    if (!m.unfiltered.empty()) {
      RE2::Options o;
      o.set_log_errors(false);
      o.set_max_mem(kLeafMaxMem);
      auto set = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
      bool ok = true;
      for (int l : m.unfiltered) ok = ok && set->Add(m.filter.GetRE2(l).pattern(), nullptr) >= 0;
      if (ok && set->Compile()) m.unfiltered_set = std::move(set);
    }
  }
}

Matcher::~Matcher() = default;

const std::vector<std::string>& Matcher::warnings() const {
  return impl_->warnings;
}
std::uint64_t Matcher::evaluations() const {
  return impl_->evaluations.load();
}

std::vector<std::size_t> Matcher::candidates(std::string_view folded) const {
  const Impl& m = *impl_;
  std::vector<std::size_t> out;
  m.select(folded, out);
  return out;
}

namespace {

bool in_scope(const Rule& r, const Document& doc, Span s) {
  if (r.scopes.empty()) return true;
  auto allowed = [&](ScopeKind k) {
    return std::find(r.scopes.begin(), r.scopes.end(), k) != r.scopes.end();
  };
  if (doc.scopes.empty()) return allowed(ScopeKind::body);
  for (const auto& sc : doc.scopes)
    if (allowed(sc.kind) && s.start >= sc.start && s.start < std::max(sc.end, sc.start + 1))
      return true;
  return false;
}

}  // namespace

std::vector<Match> Matcher::match(const Analysis& analysis, const Document& doc,
                                  const MatchOptions& options) const {
  const Impl& m = *impl_;
  std::vector<Match> out;
  const std::vector<char>* allowed = options.rule_allowed;
  if (allowed && allowed->size() != m.rules->rules().size()) allowed = nullptr;
  auto is_allowed = [&](std::size_t idx) { return !allowed || (*allowed)[idx]; };
  // The prefilter is only worth running when some rule it selects may be evaluated.
  bool prefilter_needed = !allowed;
  for (std::size_t i = 0; !prefilter_needed && i < m.rule_root.size(); ++i)
    prefilter_needed = is_allowed(m.rule_root[i].first);
  thread_local std::vector<std::size_t> cand;  // per-thread buffer: no allocation per document
  if (prefilter_needed)
    m.select(analysis.folded(), cand);
  else
    cand.assign(m.always.begin(), m.always.end());
  std::optional<engine_detail::Evaluator> ev;
  const auto& list = m.rules->rules();
  std::uint64_t evaluated = 0;
  for (std::size_t idx : cand) {
    if (!is_allowed(idx)) continue;
    const Rule& rule = list[idx];
    if (!rule.languages.empty() && std::find(rule.languages.begin(), rule.languages.end(),
                                             analysis.lang()) == rule.languages.end())
      continue;
    ++evaluated;
    if (!ev) ev.emplace(analysis, doc, options, *m.rules, &m.regex_infos, &m.prepass_infos);
    std::vector<std::string> trace;
    std::vector<std::string> missing;
    auto outcome = ev->eval(*rule.condition, 1, options.explain ? &trace : nullptr, missing);
    if (!outcome.holds) continue;
    std::vector<std::string> header;
    if (options.explain) {
      header.push_back(
          "rule " + rule.id + ": " +
          (rule.anchor.empty()
               ? std::string("no anchor, evaluated on every text")
               : "anchor /" +
                     (rule.anchor.size() > 100 ? rule.anchor.substr(0, 97) + "..." : rule.anchor) +
                     "/ found in the folded text"));
      if (!rule.languages.empty())
        header.push_back("  language " + analysis.lang() + " is among the rule's languages");
    }
    std::vector<engine_detail::Hit> hits = std::move(outcome.hits);
    const bool whole = hits.empty();
    if (whole) {
      engine_detail::Hit h;
      h.fs = 0;
      h.fe = analysis.folded().size();
      hits.push_back(h);
    }
    const std::size_t cap =
        missing.empty() ? std::max<std::size_t>(1, options.max_matches_per_rule) : 1;
    std::size_t produced = 0;
    for (const auto& h : hits) {
      Match match;
      match.rule = &rule;
      match.span = whole ? Span{0, analysis.original().size()} : analysis.to_original(h.fs, h.fe);
      if (!in_scope(rule, doc, match.span)) continue;
      match.evidence.push_back(match.span);
      for (const auto& [fs, fe] : h.evidence) {
        Span e = analysis.to_original(fs, fe);
        if (std::find(match.evidence.begin(), match.evidence.end(), e) == match.evidence.end())
          match.evidence.push_back(e);
      }
      match.missing = missing;
      if (options.explain) {
        match.trace = header;
        match.trace.push_back("  match " +
                              (whole ? std::string("(whole text: no positive text condition)")
                                     : ev->quote(h.fs, h.fe)));
        match.trace.insert(match.trace.end(), trace.begin(), trace.end());
      }
      out.push_back(std::move(match));
      if (++produced >= cap) break;
    }
  }
  // One update per document, not per rule: the counter is shared by all threads.
  if (evaluated) m.evaluations.fetch_add(evaluated, std::memory_order_relaxed);
  return out;
}

}  // namespace veille
