// AtomScanner (the prefilter's literal pass): every occurrence found once, overlapping atoms,
// atoms inside other atoms, bytes no atom contains, UTF-8.
#include <catch2/catch.hpp>

#include <algorithm>

#include "engine/atom_scanner.hpp"

using veille::engine_detail::AtomScanner;

namespace {

std::vector<int> found(const AtomScanner& s, std::string_view text) {
  std::vector<int> out;
  std::vector<char> seen;
  s.scan(text, out, seen);
  CHECK(std::count(seen.begin(), seen.end(), 1) == 0);  // scratch left clean for the next text
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("atom scanner: overlapping atoms and atoms inside others are all found") {
  const AtomScanner s({"he", "she", "his", "hers", "vote", "votez"});
  CHECK(s.atom_count() == 6);
  CHECK(found(s, "ushers") == std::vector<int>{0, 1, 3});
  CHECK(found(s, "votez pour lui") == std::vector<int>{4, 5});
  CHECK(found(s, "il vote, elle vote") == std::vector<int>{4});  // once, however often
  CHECK(found(s, "this") == std::vector<int>{2});
  CHECK(found(s, "xyz 123").empty());
  CHECK(found(s, "").empty());
}

TEST_CASE("atom scanner: the first occurrence order and a restart after a mismatch") {
  const AtomScanner s({"abcd", "bc", "cx"});
  std::vector<int> out;
  std::vector<char> seen;
  s.scan("abcx abcd", out, seen);
  CHECK(out == std::vector<int>{1, 2, 0});
}

TEST_CASE("atom scanner: UTF-8 atoms and bytes outside every atom") {
  const AtomScanner s({"élu", "\xF0\x9F\x87\xAB", "o\xC3\xB9"});  // élu, a flag letter, où
  CHECK(found(s, "il est élu !") == std::vector<int>{0});
  CHECK(found(s, "elu") == std::vector<int>{});
  CHECK(found(s, "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7 où") == std::vector<int>{1, 2});
  CHECK(found(s, "\xFF\xFE\x00 garbage") == std::vector<int>{});
}

TEST_CASE("atom scanner: no atoms finds nothing") {
  const AtomScanner s(std::vector<std::string>{});
  CHECK(found(s, "anything").empty());
}
