#include "engine/atom_scanner.hpp"

#include <deque>

namespace veille::engine_detail {

AtomScanner::AtomScanner(const std::vector<std::string>& atoms) : atom_count_(atoms.size()) {
  // Byte classes: one per byte that occurs in some atom, 0 for every other byte.
  for (const auto& a : atoms)
    for (unsigned char c : a)
      if (!byte_class_[c]) byte_class_[c] = static_cast<std::uint8_t>(classes_++);
  // classes_ <= 256: a byte class per distinct byte, plus class 0 (a byte no atom contains).
  const std::size_t k = classes_;
  // Trie (transitions -1 = none yet).
  next_.assign(k, -1);
  atom_.assign(1, -1);
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    std::int32_t s = 0;
    for (unsigned char c : atoms[i]) {
      std::int32_t& t = next_[static_cast<std::size_t>(s) * k + byte_class_[c]];
      if (t < 0) {
        t = static_cast<std::int32_t>(atom_.size());
        atom_.push_back(-1);
        next_.resize(next_.size() + k, -1);
      }
      s = next_[static_cast<std::size_t>(s) * k + byte_class_[c]];
    }
    if (atom_[static_cast<std::size_t>(s)] < 0)
      atom_[static_cast<std::size_t>(s)] = static_cast<std::int32_t>(i);
  }
  // Breadth-first: failure links complete the table into a DFA; dictionary links skip the
  // suffix states that end no atom.
  const std::size_t n = atom_.size();
  std::vector<std::int32_t> fail(n, 0);
  dict_.assign(n, -1);
  std::deque<std::int32_t> queue;
  for (std::size_t c = 0; c < k; ++c) {
    std::int32_t& t = next_[c];
    if (t < 0)
      t = 0;
    else
      queue.push_back(t);
  }
  while (!queue.empty()) {
    const std::int32_t s = queue.front();
    queue.pop_front();
    const auto su = static_cast<std::size_t>(s);
    const std::int32_t f = fail[su];
    dict_[su] = atom_[static_cast<std::size_t>(f)] >= 0 ? f : dict_[static_cast<std::size_t>(f)];
    for (std::size_t c = 0; c < k; ++c) {
      std::int32_t& t = next_[su * k + c];
      const std::int32_t via_fail = next_[static_cast<std::size_t>(f) * k + c];
      if (t < 0) {
        t = via_fail;
      } else {
        fail[static_cast<std::size_t>(t)] = via_fail;
        queue.push_back(t);
      }
    }
  }
}

void AtomScanner::scan(std::string_view text, std::vector<int>& out,
                       std::vector<char>& seen) const {
  out.clear();
  if (atom_count_ == 0) return;
  if (seen.size() < atom_count_) seen.assign(atom_count_, 0);
  const std::size_t k = classes_;
  std::int32_t s = 0;
  for (unsigned char c : text) {
    s = next_[static_cast<std::size_t>(s) * k + byte_class_[c]];
    for (std::int32_t d =
             atom_[static_cast<std::size_t>(s)] >= 0 ? s : dict_[static_cast<std::size_t>(s)];
         d >= 0; d = dict_[static_cast<std::size_t>(d)]) {
      const std::int32_t a = atom_[static_cast<std::size_t>(d)];
      if (!seen[static_cast<std::size_t>(a)]) {
        seen[static_cast<std::size_t>(a)] = 1;
        out.push_back(a);
      }
    }
  }
  for (int a : out) seen[static_cast<std::size_t>(a)] = 0;
}

}  // namespace veille::engine_detail
