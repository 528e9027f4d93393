// Folded view: what is folded (case, compatibility forms, diacritics, apostrophes, quotes,
// whitespace, ignorables, confusables, leetspeak) and what is left alone.
#include <catch2/catch.hpp>
#include <string>

#include "text_test_util.hpp"

using veille::Analysis;
using veille::fold;

namespace {
struct FoldCase {
  const char* name;
  std::string in;
  std::string out;
};

const FoldCase kFoldCases[] = {
    // case and diacritics
    {"accented word", "Élection", "election"},
    {"all caps", "ÉLECTIONS", "elections"},
    {"plural accents", "résultats", "resultats"},
    {"NFD input", "re\xcc\x81sultats", "resultats"},
    {"cedilla", "Ça", "ca"},
    {"german", "Müller Straße", "muller strasse"},
    {"spanish", "niño", "nino"},
    {"italian", "perché", "perche"},
    {"dotted capital I", "İstanbul", "istanbul"},
    {"oe ligature", "Œuvre cœur", "oeuvre coeur"},
    {"ae ligature", "Cæsar", "caesar"},
    {"fi ligature", "\xef\xac\x81nance", "finance"},
    {"greek accents", "Αθήνα", "αθηνα"},
    {"cyrillic word stays", "Путин", "путин"},
    // apostrophes and quotes
    {"curly apostrophe", "L’élection", "l'election"},
    {"left single quote", "l‘élection", "l'election"},
    {"modifier apostrophe", "lʼélection", "l'election"},
    {"acute accent as apostrophe", "l´élection", "l'election"},
    {"backtick", "l`election", "l'election"},
    {"guillemets", "«Macron»", "\"macron\""},
    {"english quotes", "“Macron”", "\"macron\""},
    {"german quotes", "„Wahl“", "\"wahl\""},
    // hyphens and punctuation
    {"non-breaking hyphen",
     "Saint\xe2\x80\x91"
     "Denis",
     "saint-denis"},
    {"minus sign",
     "\xe2\x88\x92"
     "5",
     "-5"},
    {"ellipsis", "Oui…", "oui..."},
    // whitespace
    {"nbsp before percent", "52,3\xc2\xa0%", "52,3 %"},
    {"nnbsp before percent", "52,3\xe2\x80\xaf%", "52,3 %"},
    {"space run", "a  \t\n b", "a b"},
    {"thin space",
     "a\xe2\x80\x89"
     "b",
     "a b"},
    {"ideographic space",
     "a\xe3\x80\x80"
     "b",
     "a b"},
    {"crlf", "a\r\n\r\nb", "a b"},
    {"leading and trailing", "  a  ", " a "},
    // ignorables
    {"zero width space",
     "Ma\xe2\x80\x8b"
     "cron",
     "macron"},
    {"soft hyphen",
     "Ma\xc2\xad"
     "cron",
     "macron"},
    {"byte order mark", "\xef\xbb\xbfMacron", "macron"},
    {"zero width joiner",
     "M\xe2\x80\x8d"
     "acron",
     "macron"},
    {"control character",
     "Ma\x01"
     "cron",
     "macron"},
    // compatibility forms (NFKC)
    {"fullwidth", "Ｍacron", "macron"},
    {"math bold", "𝐌𝐚𝐜𝐫𝐨𝐧", "macron"},
    {"circled", "ⓜacron", "macron"},
    {"fullwidth digits", "２０１７", "2017"},
    // confusables (only inside words that mix scripts)
    {"cyrillic a", "Mаcron", "macron"},
    {"cyrillic e", "Zеmmour", "zemmour"},
    {"greek capitals", "ΜΑCRON", "macron"},
    {"cyrillic capitals", "МАСRОN", "macron"},
    {"cyrillic o at end", "Mélenchоn", "melenchon"},
    {"cyrillic first letter", "Сandidat", "candidat"},
    {"cyrillic i", "Fіllon", "fillon"},
    {"real cyrillic text untouched", "Путин и Макрон", "путин и макрон"},
    // leetspeak only inside letter/digit mixes
    {"leet macron", "M4cr0n", "macron"},
    {"leet sondage", "s0ndage", "sondage"},
    {"leet with edges", "3lect10n", "election"},
    {"leet trailing", "v0t3z", "votez"},
    {"year", "2017", "2017"},
    {"decimal", "52,3", "52,3"},
    {"clock", "20h30", "20h30"},
    {"ordinal 2e", "2e", "2e"},
    {"ordinal 1er", "1er", "1er"},
    {"code G7", "G7", "g7"},
    {"code covid19", "COVID19", "covid19"},
    {"code B2B", "B2B", "b2b"},
    {"code mp3", "mp3", "mp3"},
    {"duration", "1h30m", "1h30m"},
    {"url kept", "https://t.co/M4cr0n", "https://t.co/m4cr0n"},
    {"mention kept", "@us3r", "@us3r"},
    // letters spelled out one by one (four or more) are joined
    {"spaced letters", "s o n d a g e", "sondage"},
    {"spaced name", "Les M A C R O N !", "les macron !"},
    {"spaced then words", "v o t e z pour lui", "votez pour lui"},
    {"spaced with accents", "é l e c t i o n", "election"},
    {"three single letters stay", "il y a à peine", "il y a a peine"},
    {"short enumeration stays", "a b c", "a b c"},
    {"spaced across a line break stays", "s o\nn d", "s o n d"},
    {"a line break splits a spelled-out run", "v o\nt e z s o n d a g e", "v o tezsondage"},
    // invalid UTF-8
    {"invalid byte",
     "a\xff"
     "b",
     "a\xef\xbf\xbd"
     "b"},
    {"truncated sequence", "a\xc3", "a\xef\xbf\xbd"},
    {"surrogate bytes", "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
    {"empty", "", ""},
};
}  // namespace

TEST_CASE("fold: table of folded forms", "[fold]") {
  for (const auto& c : kFoldCases) {
    INFO(c.name << ": " << c.in);
    CHECK(fold(c.in) == c.out);
    Analysis a(c.in);
    CHECK(a.folded() == c.out);
  }
}

TEST_CASE("fold: invalid UTF-8 is flagged, valid text is not", "[fold]") {
  CHECK(Analysis("a\xff"
                 "b")
            .had_invalid_utf8());
  CHECK(Analysis("\xf0\x9f\x98").had_invalid_utf8());
  CHECK_FALSE(Analysis("L’élection 😀").had_invalid_utf8());
}

TEST_CASE("fold: offsets map folded bytes back to the original", "[fold]") {
  const std::string text = "L’élection  de Mаcron";  // curly apostrophe, two spaces, Cyrillic a
  Analysis a(text);
  REQUIRE(a.folded() == "l'election de macron");
  // "l'" <- "L’" (4 bytes)
  CHECK(a.to_original(0, 2) == veille::Span{0, 4});
  // "election" <- "élection"
  CHECK(a.to_original(2, 10) == veille::Span{4, 13});
  // the single space <- both spaces
  CHECK(a.to_original(10, 11) == veille::Span{13, 15});
  // "macron" <- "Mаcron" (the Cyrillic a is 2 bytes)
  CHECK(a.to_original(14, 20) == veille::Span{18, 25});
  // "a" of macron <- the Cyrillic letter alone
  CHECK(a.to_original(15, 16) == veille::Span{19, 21});
  // empty range
  CHECK(a.to_original(3, 3) == veille::Span{6, 6});
  // out of range is clamped
  CHECK(a.to_original(0, 1000) == veille::Span{0, text.size()});
}

TEST_CASE("fold: a dropped character inside a range is covered, at its edges it is not", "[fold]") {
  const std::string text =
      "ab\xe2\x80\x8b"
      "cd";  // ZWSP between b and c
  Analysis a(text);
  REQUIRE(a.folded() == "abcd");
  CHECK(a.to_original(0, 2) == veille::Span{0, 2});
  CHECK(a.to_original(2, 4) == veille::Span{5, 7});
  CHECK(a.to_original(0, 4) == veille::Span{0, 7});
}

TEST_CASE("fold: spelled-out letters and line breaks in bulk stay linear", "[fold]") {
  std::string text;
  for (int i = 0; i < 200000; ++i) text += (i % 2 ? "s o n d a g e\n" : "v o\nt e z\n");
  Analysis a(text);
  CHECK(a.folded().substr(0, 24) == "v o t e z sondage v o t ");
  CHECK(a.to_original(10, 17) == veille::Span{10, 23});
  CHECK(a.tokens().size() > 200000);
}

TEST_CASE("fold: a 20 MB single line folds", "[fold]") {
  std::string big;
  big.reserve(20u << 20);
  while (big.size() < (20u << 20)) big += "L’élection de M4cr0n à 20h30 #MacronLeaks ";
  Analysis a(big);
  CHECK(a.folded().size() > 18u << 20);
  CHECK(a.to_original(0, a.folded().size()).end == big.size());
  CHECK(a.tokens().size() > 1000000);
}
