#include <catch2/catch.hpp>

#include "checker/fingerprint.hpp"
#include "checker/text_position.hpp"

using veille::detail::excerpt_around;
using veille::detail::fingerprint;
using veille::detail::position_of;
using veille::detail::utf16_offset;

TEST_CASE("position_of counts lines, code points and UTF-16 units", "[checker]") {
  const std::string text = "ligne un\nl’élection 😀 ici";
  // "l’élection " = l(1) ’(3 bytes) é(2) lection(7) space(1)
  const auto at_l = position_of(text, 9);
  CHECK(at_l.line == 2);
  CHECK(at_l.column == 1);
  CHECK(at_l.utf16 == 9);
  const std::size_t emoji = text.find("😀");
  const auto at_emoji = position_of(text, emoji);
  CHECK(at_emoji.line == 2);
  CHECK(at_emoji.column == 12);  // l ’ é l e c t i o n space -> 11 code points before
  CHECK(at_emoji.utf16 == 9 + 11);
  // The emoji is one code point but two UTF-16 units.
  CHECK(utf16_offset(text, emoji + 4) == 9 + 11 + 2);
  CHECK(position_of(text, 0).line == 1);
  CHECK(position_of(text, 0).column == 1);
}

TEST_CASE("excerpt_around keeps the span's line and cuts on characters", "[checker]") {
  const std::string text = "Titre\nSelon les premières estimations, Macron 65,8 % ce soir à 19h30.\nFin";
  const std::size_t s = text.find("65,8 %");
  const std::string ex = excerpt_around(text, s, s + 7, 12);
  CHECK(ex.find("65,8 %") != std::string::npos);
  CHECK(ex.find("Titre") == std::string::npos);
  CHECK(ex.find("Fin") == std::string::npos);
  CHECK(ex.rfind("…", 0) == 0);  // starts with an ellipsis: cut on the left
  CHECK(excerpt_around("court", 0, 5) == "court");
}

TEST_CASE("fingerprints follow content, not position", "[checker]") {
  const auto a = fingerprint("fr.results.before-close", "p42", "macron 65,8 %", "results-embargo");
  CHECK(a.size() == 16);
  CHECK(a == fingerprint("fr.results.before-close", "p42", "macron 65,8 %", "results-embargo"));
  CHECK(a != fingerprint("fr.results.before-close", "p43", "macron 65,8 %", "results-embargo"));
  CHECK(a != fingerprint("fr.results.before-close", "p42", "macron 65,9 %", "results-embargo"));
  // Field boundaries matter: ("ab","c") differs from ("a","bc").
  CHECK(fingerprint("r", "ab", "c", "w") != fingerprint("r", "a", "bc", "w"));
}
