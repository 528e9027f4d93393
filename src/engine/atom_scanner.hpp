// AtomScanner: finds which of a fixed set of literal strings ("atoms", from RE2's FilteredRE2)
// occur in a text, in one pass (Aho-Corasick, a complete transition table over byte classes).
// Its cost per byte does not depend on how many atoms match, unlike a many-match RE2::Set DFA.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace veille::engine_detail {

class AtomScanner {
 public:
  AtomScanner() = default;
  explicit AtomScanner(const std::vector<std::string>& atoms);

  // Indices (into the constructor's `atoms`) of the atoms that occur in `text`, each once, into
  // `out` (cleared first), in the order they are first found. `seen` is scratch space the
  // scanner sizes itself; it is left all zero.
  void scan(std::string_view text, std::vector<int>& out, std::vector<char>& seen) const;

  std::size_t atom_count() const { return atom_count_; }
  std::size_t state_count() const { return dict_.size(); }

 private:
  std::array<std::uint8_t, 256> byte_class_{};  // 0: a byte no atom contains
  std::size_t classes_ = 1;
  std::vector<std::int32_t> next_;  // state * classes_ + class -> state
  std::vector<std::int32_t> atom_;  // the atom ending at this state, or -1
  std::vector<std::int32_t> dict_;  // the nearest state on the suffix chain with an atom, or -1
  std::size_t atom_count_ = 0;
};

}  // namespace veille::engine_detail
