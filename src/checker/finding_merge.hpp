#pragma once
// One passage, one finding: an editor must not read five findings for one sentence.
#include <vector>

#include "veille/finding.hpp"

namespace veille::detail {

// Findings must be sorted by start. Merges, in place:
//  1. findings of the same rule whose spans overlap (the span becomes their union);
//  2. a finding whose spans overlap another's whose citations include all of its own and whose
//     severity is at least its own: it is folded into that one (span union, trace line).
void merge_overlapping(std::vector<Finding>& findings, std::string_view text);

}  // namespace veille::detail
