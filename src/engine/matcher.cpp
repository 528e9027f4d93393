// Matcher: one RE2::Set pass over the folded view selects candidate rules; each candidate's
// condition tree is evaluated; hits become Matches with original-text spans.
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <optional>

#include "engine/evaluator.hpp"
#include "veille/engine.hpp"

namespace veille {

// A rule's anchor as a tree over the Set's leaves (see split_prefilter): the Set holds each
// distinct leaf once, so the vocabularies that anchors repeat ("vote words .* party names",
// in both orders, per branch) cost one DFA pattern each, and the DFA never has to track
// partial ".*" matches, which made it thrash on election texts.
struct Node {
  PatternTree::Kind kind = PatternTree::Kind::leaf;
  int leaf = -1;                  // Set index (leaf)
  std::vector<std::size_t> kids;  // node indices (any, all)
};

struct Matcher::Impl {
  const RuleSet* rules = nullptr;
  std::unique_ptr<RE2::Set> set;
  std::vector<Node> nodes;
  std::vector<std::pair<std::size_t, std::size_t>> rule_root;  // (rule index, root node)
  std::vector<std::size_t> always;                             // rules without anchor
  bool set_ok = false;
  std::vector<std::string> warnings;
  mutable std::atomic<std::uint64_t> evaluations{0};
  engine_detail::RegexInfos regex_infos;      // per regex condition, computed once
  engine_detail::PrepassInfos prepass_infos;  // per <all>/<near>, computed once

  // Adds the tree's leaves to the Set (once each); `err` gets the first leaf that does not compile.
  std::size_t add_tree(const PatternTree& t, std::map<std::string, int>& leaves, std::string& err) {
    Node n;
    n.kind = t.kind;
    if (t.kind == PatternTree::Kind::leaf) {
      auto it = leaves.find(t.pattern);
      if (it == leaves.end()) {
        std::string leaf_err;
        it = leaves.emplace(t.pattern, set->Add(t.pattern, &leaf_err)).first;
        if (it->second < 0 && err.empty()) err = leaf_err.empty() ? "?" : leaf_err;
      }
      n.leaf = it->second;
      if (n.leaf < 0 && err.empty()) err = "a part of it";
    } else {
      for (const auto& ch : t.children) n.kids.push_back(add_tree(ch, leaves, err));
    }
    nodes.push_back(std::move(n));
    return nodes.size() - 1;
  }

  bool holds(std::size_t node, const std::vector<char>& hit) const {
    const Node& n = nodes[node];
    switch (n.kind) {
      case PatternTree::Kind::leaf:
        return hit[static_cast<std::size_t>(n.leaf)] != 0;
      case PatternTree::Kind::any:
        for (auto k : n.kids)
          if (holds(k, hit)) return true;
        return false;
      case PatternTree::Kind::all:
        for (auto k : n.kids)
          if (!holds(k, hit)) return false;
        return true;
    }
    return true;
  }

  // Candidate rules for a folded text into `out` (sorted); false when the Set failed (then
  // every rule must be evaluated).
  bool select(std::string_view folded, std::vector<std::size_t>& out) const {
    thread_local std::vector<int> hits;
    thread_local std::vector<char> hit;
    out.assign(always.begin(), always.end());
    if (!set_ok) return false;
    if (!rule_root.empty()) {
      hits.clear();
      RE2::Set::ErrorInfo info;
      if (!set->Match(folded, &hits, &info) && info.kind != RE2::Set::kNoError)
        return false;  // DFA out of memory or inconsistent: evaluate everything, never miss
      hit.assign(leaf_count, 0);
      for (int h : hits) hit[static_cast<std::size_t>(h)] = 1;
      if (!hits.empty())
        for (auto [rule, root] : rule_root)
          if (holds(root, hit)) out.push_back(rule);
    }
    std::sort(out.begin(), out.end());
    return true;
  }
  std::size_t leaf_count = 0;
};

Matcher::Matcher(const RuleSet& rules) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.rules = &rules;
  m.warnings = rules.warnings();
  m.regex_infos = engine_detail::regex_infos(rules);
  m.prepass_infos = engine_detail::prepass_infos(rules);
  RE2::Options o;
  o.set_max_mem(256 << 20);
  o.set_log_errors(false);
  m.set = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
  std::map<std::string, int> leaves;
  const auto& list = rules.rules();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Rule& r = list[i];
    if (r.anchor.empty()) {
      m.always.push_back(i);
      continue;
    }
    std::string err;
    const std::size_t nodes_before = m.nodes.size();
    const std::size_t root = m.add_tree(split_prefilter(r.anchor), leaves, err);
    if (!err.empty()) {
      m.nodes.resize(nodes_before);
      m.warnings.push_back(r.file + ":" + std::to_string(r.line) + ": warning: [" + r.id +
                           "] anchor does not compile (" + err +
                           "): the rule is evaluated on every text");
      m.always.push_back(i);
      continue;
    }
    m.rule_root.emplace_back(i, root);
  }
  m.leaf_count = leaves.size();
  m.set_ok = m.rule_root.empty() || m.set->Compile();
  if (!m.set_ok)
    m.warnings.push_back(
        "warning: the rule anchors do not fit in one RE2::Set (memory budget): every rule is "
        "evaluated on every text");
}

Matcher::~Matcher() = default;

const std::vector<std::string>& Matcher::warnings() const {
  return impl_->warnings;
}
std::uint64_t Matcher::evaluations() const {
  return impl_->evaluations.load();
}
bool Matcher::prefilter_ok() const {
  return impl_->set_ok;
}

std::vector<std::size_t> Matcher::candidates(std::string_view folded) const {
  const Impl& m = *impl_;
  std::vector<std::size_t> out;
  if (!m.select(folded, out)) {
    out.resize(m.rules->rules().size());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = i;
  }
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
  const std::size_t list_size = m.rules->rules().size();
  const std::vector<char>* allowed = options.rule_allowed;
  if (allowed && allowed->size() != m.rules->rules().size()) allowed = nullptr;
  auto is_allowed = [&](std::size_t idx) { return !allowed || (*allowed)[idx]; };
  // The Set pass is only worth running when some rule it selects may be evaluated.
  bool set_needed = !allowed || !m.set_ok;
  for (std::size_t i = 0; !set_needed && i < m.rule_root.size(); ++i)
    set_needed = is_allowed(m.rule_root[i].first);
  thread_local std::vector<std::size_t> cand;  // per-thread buffer: no allocation per document
  bool every_rule = false;
  if (set_needed)
    every_rule = !m.select(analysis.folded(), cand);
  else
    cand.assign(m.always.begin(), m.always.end());
  if (every_rule) {
    cand.resize(list_size);
    for (std::size_t i = 0; i < cand.size(); ++i) cand[i] = i;
  }
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
