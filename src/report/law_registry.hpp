#pragma once
// Laws met in the findings of a run, in the order first seen (for summaries and SARIF rules).
#include <map>
#include <string>
#include <vector>

#include "veille/finding.hpp"

namespace veille::report_detail {

class LawRegistry {
 public:
  void add(const Finding& f) {
    for (const Law* law : f.cites)
      if (law && seen_.emplace(law->id, laws_.size()).second) laws_.push_back(law);
  }
  const Law* find(const std::string& id) const {
    auto it = seen_.find(id);
    return it == seen_.end() ? nullptr : laws_[it->second];
  }
  const std::vector<const Law*>& laws() const { return laws_; }

 private:
  std::map<std::string, std::size_t> seen_;
  std::vector<const Law*> laws_;
};

}  // namespace veille::report_detail
