// Property test: on many generated strings (pieces of tricky text, random UTF-8 and invalid
// bytes), every token span and every folded-view mapping lands on character boundaries of the
// original, in order, and what lies between mapped ranges folds to nothing.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "text_test_util.hpp"

using veille::Analysis;
using veille::Span;

namespace {

struct Rng {  // xorshift64*: deterministic across standard libraries
  std::uint64_t s;
  std::uint64_t next() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return s * 2685821657736338717ull;
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

const char* const kPieces[] = {
    "a",
    "Z",
    "é",
    "e\xcc\x81",
    "L’",
    "l'",
    "aujourd'hui",
    "-",
    "Saint-Denis",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\xc2\xa0",
    "\xe2\x80\xaf",
    "\xe2\x80\x8b",
    "\xc2\xad",
    "\xef\xbb\xbf",
    "а",
    "Мас",
    "Ｍ",
    "𝐌",
    "ⓜ",
    "4",
    "0",
    "2017",
    "52,3",
    "%",
    " %",
    "20h30",
    "20 h",
    ":",
    "8 pm",
    "#",
    "#MacronLeaks",
    "@",
    "@jack",
    "http://",
    "https://t.co/x",
    "www.",
    ".fr",
    "x@y.fr",
    "😀",
    "🇫🇷",
    "👍🏽",
    "\xe2\x80\x8d",
    "\xef\xb8\x8f",
    ".",
    "!",
    "?",
    "…",
    "«",
    "»",
    "“",
    "ß",
    "ﬁ",
    "Œ",
    "\xef\xb7\xba" /* U+FDFA: long expansion */,
    "\xff",
    "\xc3",
    "\xe2\x82",
    "\xf0\x9f\x98",
    "\xed\xa0\x80",
    "\x01",
    "\r\n",
    "İ",
    "ǅ",
    "ΑΒΓ",
    "中文",
    "٣",
};

std::string generate(Rng& rng) {
  std::string s;
  const std::size_t n = rng.below(24);
  for (std::size_t i = 0; i < n; ++i) {
    if (rng.below(8) == 0) {
      s.push_back(static_cast<char>(rng.below(256)));  // any byte
    } else {
      s += kPieces[rng.below(sizeof kPieces / sizeof kPieces[0])];
    }
  }
  return s;
}

// Character starts of `s` as the folding pass sees them (an invalid byte is one character).
std::vector<bool> boundaries(const std::string& s) {
  std::vector<bool> b(s.size() + 1, false);
  b[s.size()] = true;
  for (std::size_t i = 0; i < s.size();) {
    b[i] = true;
    const unsigned c = static_cast<unsigned char>(s[i]);
    std::size_t len = 1;
    if (c >= 0xC2 && c < 0xE0)
      len = 2;
    else if (c >= 0xE0 && c < 0xF0)
      len = 3;
    else if (c >= 0xF0 && c < 0xF5)
      len = 4;
    bool ok = len > 1 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k)
      ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len == 3) {
      const unsigned c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) ok = false;
    }
    if (ok && len == 4) {
      const unsigned c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) ok = false;
    }
    i += ok ? len : 1;
  }
  return b;
}

std::size_t utf8_len(unsigned char c) {
  return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

void check_properties(const std::string& text) {
  Analysis a(text);
  const std::string& f = a.folded();
  const auto b = boundaries(text);
  auto slice = [&](std::size_t s, std::size_t e) { return text.substr(s, e - s); };

  // The folded view is valid UTF-8, with no invalid input left in it.
  REQUIRE(boundaries(f).size() == f.size() + 1);
  CHECK_FALSE(Analysis(f).had_invalid_utf8());

  // Folded characters map to ordered ranges on boundaries; gaps fold to nothing.
  std::size_t prev_start = 0, prev_end = 0;
  bool first = true;
  for (std::size_t i = 0; i < f.size();) {
    const std::size_t len = utf8_len(static_cast<unsigned char>(f[i]));
    const Span sp = a.to_original(i, i + len);
    INFO("folded byte " << i << " of [" << f << "]");
    REQUIRE(sp.start < sp.end);
    REQUIRE(sp.end <= text.size());
    CHECK(b[sp.start]);
    CHECK(b[sp.end]);
    if (first) {
      CHECK(veille::fold(slice(0, sp.start)).empty());
      first = false;
    } else {
      CHECK(sp.start >= prev_start);
      CHECK(sp.end >= prev_end);
      if (sp.start != prev_start) {
        REQUIRE(sp.start >= prev_end);
        CHECK(veille::fold(slice(prev_end, sp.start)).empty());
      } else {
        CHECK(sp.end == prev_end);  // several folded characters from one original unit
      }
    }
    prev_start = sp.start;
    prev_end = sp.end;
    i += len;
  }
  if (!f.empty()) {
    CHECK(veille::fold(slice(prev_end, text.size())).empty());
    CHECK(a.to_original(0, f.size()).start == a.to_original(0, 1).start);
  }

  // Tokens: in order, on boundaries, folded form = folded view, span = mapped fspan.
  std::size_t last_end = 0, last_fend = 0;
  Span last_span;
  for (const auto& t : a.tokens()) {
    INFO("token [" << t.folded << "] in [" << f << "]");
    CHECK(t.span.start < t.span.end);
    // Tokens never overlap, except tokens folded out of one original character (U+FDFA
    // expands to four words): they may share that one character.
    CHECK(t.span.start >= last_span.start);
    CHECK(t.span.end >= last_span.end);
    if (t.span.start < last_end) {
      std::size_t inner = 0;
      for (std::size_t k = t.span.start + 1; k < last_end; ++k) inner += b[k] ? 1 : 0;
      CHECK(inner == 0);
    }
    last_span = t.span;
    CHECK(t.fspan.start >= last_fend);
    CHECK(b[t.span.start]);
    CHECK(b[t.span.end]);
    CHECK(t.folded == f.substr(t.fspan.start, t.fspan.end - t.fspan.start));
    const Span mapped = a.to_original(t.fspan.start, t.fspan.end);
    if (t.kind == veille::TokenKind::emoji) {
      // An emoji also covers the variation selectors and joiners folded away after it.
      CHECK(t.span.start == mapped.start);
      REQUIRE(t.span.end >= mapped.end);
      CHECK(veille::fold(slice(mapped.end, t.span.end)).empty());
    } else {
      CHECK(t.span == mapped);
    }
    last_end = t.span.end;
    last_fend = t.fspan.end;
  }
  for (const auto* spans : {&a.sentences(), &a.paragraphs()}) {
    std::size_t end = 0;
    for (const Span& s : *spans) {
      CHECK(s.start >= end);
      CHECK(s.start < s.end);
      CHECK(b[s.start]);
      CHECK(b[s.end]);
      end = s.end;
    }
  }
  // fold() of the whole text is the folded view.
  CHECK(veille::fold(text) == f);
}

}  // namespace

TEST_CASE("property: spans and mappings land on boundaries, in order", "[property]") {
  Rng rng{0x9E3779B97F4A7C15ull};
  for (int i = 0; i < 3000; ++i) {
    const std::string text = generate(rng);
    INFO("case " << i);
    check_properties(text);
  }
}

TEST_CASE("property: fully random bytes never break the analysis", "[property]") {
  Rng rng{42};
  for (int i = 0; i < 500; ++i) {
    std::string text;
    const std::size_t n = rng.below(64);
    for (std::size_t k = 0; k < n; ++k) text.push_back(static_cast<char>(rng.below(256)));
    INFO("case " << i);
    check_properties(text);
  }
}
