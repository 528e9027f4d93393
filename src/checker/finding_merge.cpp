#include "checker/finding_merge.hpp"

#include <algorithm>

#include "checker/text_position.hpp"

namespace veille::detail {
namespace {

bool overlap(const Finding& a, const Finding& b) { return a.start < b.end && b.start < a.end; }

bool cites_include(const Finding& big, const Finding& small) {
  return std::all_of(small.cites.begin(), small.cites.end(), [&](const Law* law) {
    return std::find(big.cites.begin(), big.cites.end(), law) != big.cites.end();
  });
}

// `into` absorbs `from`: union of spans, matched text and excerpt recomputed by the caller.
void absorb(Finding& into, const Finding& from) {
  into.start = std::min(into.start, from.start);
  into.end = std::max(into.end, from.end);
  if (from.rule != into.rule) into.trace.push_back("also matched by rule " + from.rule);
  for (const auto& m : from.missing)
    if (std::find(into.missing.begin(), into.missing.end(), m) == into.missing.end())
      into.missing.push_back(m);
}

}  // namespace

void merge_overlapping(std::vector<Finding>& findings, std::string_view text) {
  if (findings.size() < 2) return;
  std::vector<bool> gone(findings.size(), false);
  std::vector<bool> grown(findings.size(), false);
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::size_t i = 0; i < findings.size(); ++i) {
      if (gone[i]) continue;
      for (std::size_t j = 0; j < findings.size(); ++j) {
        if (i == j || gone[j] || !overlap(findings[i], findings[j])) continue;
        const Finding& a = findings[i];
        const Finding& b = findings[j];
        const bool same_rule = a.rule == b.rule && (i < j);
        const bool covers = a.rule != b.rule && cites_include(a, b) && a.severity >= b.severity &&
                            (a.cites.size() > b.cites.size() || i < j);
        if (same_rule || covers) {
          absorb(findings[i], b);
          gone[j] = grown[i] = true;
          changed = true;
        }
      }
    }
  }
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (gone[i]) continue;
    Finding f = std::move(findings[i]);
    if (grown[i]) {
      const TextPosition begin = position_of(text, f.start);
      f.line = begin.line;
      f.column = begin.column;
      f.utf16_start = begin.utf16;
      f.utf16_end = utf16_offset(text, f.end);
      f.excerpt = excerpt_around(text, f.start, f.end);
    }
    kept.push_back(std::move(f));
  }
  findings = std::move(kept);
}

}  // namespace veille::detail
