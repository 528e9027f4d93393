// Lemmas (Hunspell, cached, folded output) and language detection (CLD2).
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "text_test_util.hpp"

using veille::Analysis;
using veille::Lemmatizer;
using veille::test::join;

TEST_CASE("lemmas: table of words", "[lemma]") {
  const struct {
    const char* lang;
    const char* word;
    const char* lemmas;  // folded, comma-separated
  } cases[] = {
      {"fr", "élections", "election"},
      {"fr", "publiées", "publier"},
      {"fr", "sondages", "sondage"},
      {"fr", "votera", "voter"},
      {"fr", "publiera", "publier"},
      {"fr", "résultats", "resultat"},
      {"fr", "bureaux", "bureau"},
      {"fr", "ÉLECTIONS", "election"},
      {"fr", "Élections", "election"},
      {"fr", "candidats", "candidat"},
      {"fr", "diffusé", "diffuser"},
      {"fr", "fermés", "fermer"},
      {"fr", "re\xcc\x81sultats", "resultat"},  // NFD
      {"fr", "Zemmour", "zemmour"},             // unknown to the dictionary: the folded word
      {"fr", "M4cr0n", "macron"},               // leetspeak folded before the lookup
      {"fr", "2e", "2e"},
      {"fr-FR", "sondages", "sondage"},
      {"en", "elections", "election"},
      {"en", "polls", "poll"},
      {"en", "voted", "vote"},
      {"de", "Wahlen", "wahl"},
      {"de", "Umfragen", "umfrage"},
      {"es", "elecciones", "eleccion"},
      {"es", "publicadas", "publicar"},
      {"it", "elezioni", "elezione"},
      {"it", "sondaggi", "sondaggio"},
      {"nl", "verkiezingen", "verkiezingen"},  // no Dutch dictionary: the folded word
      {"xx", "Élections", "elections"},
  };
  for (const auto& c : cases) {
    INFO(c.lang << " " << c.word);
    CHECK(join(Lemmatizer::instance().lemmas(c.word, c.lang)) == c.lemmas);
    // Second lookup comes from the cache and is identical.
    CHECK(join(*Lemmatizer::instance().lookup(c.word, c.lang)) == c.lemmas);
  }
}

TEST_CASE("lemmas: dictionaries for the five languages are installed", "[lemma]") {
  for (const char* l : {"fr", "en", "de", "es", "it"})
    CHECK(Lemmatizer::instance().has_language(l));
  CHECK_FALSE(Lemmatizer::instance().has_language("nl"));
  CHECK_FALSE(Lemmatizer::instance().has_language(""));
}

TEST_CASE("lemmas: through the Analysis, words only", "[lemma]") {
  Analysis a("Les sondages publiés : 52 % #Sondages", "fr");
  const auto& t = a.tokens();
  REQUIRE(t.size() == 6);
  CHECK(join(a.lemmas(t[0])) == "le,les");
  CHECK(join(a.lemmas(t[1])) == "sondage");
  CHECK(join(a.lemmas(t[2])) == "publier");
  CHECK(a.lemmas(t[3]).empty());  // punctuation
  CHECK(a.lemmas(t[4]).empty());  // percent
  CHECK(a.lemmas(t[5]).empty());  // hashtag
  // A copy of a token (not owned by the analysis) works too.
  veille::Token copy = t[1];
  CHECK(join(a.lemmas(copy)) == "sondage");
}

TEST_CASE("lemmas: the Analysis language picks the dictionary", "[lemma]") {
  Analysis en("The polls were published", "en");
  CHECK(join(en.lemmas(en.tokens()[1])) == "poll");
  Analysis fr_default("Les sondages");
  CHECK(join(fr_default.lemmas(fr_default.tokens()[1])) == "sondage");
}

TEST_CASE("lemmas: concurrent lookups from several threads agree", "[lemma]") {
  const std::vector<std::string> words = {"élections", "publiées", "sondages", "votera",
                                          "candidats", "bureaux",  "fermés",   "Zemmour"};
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < results.size(); ++k) {
    threads.emplace_back([&, k] {
      std::string out;
      for (int round = 0; round < 50; ++round)
        for (const auto& w : words) {
          auto l = Lemmatizer::instance().lookup(w, round % 2 ? "fr" : "en");
          if (round < 2) out += join(*l) + ";";
        }
      results[k] = out;
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) CHECK(r == results[0]);
  CHECK(results[0].find("election;publier;sondage;voter;") != std::string::npos);
}

TEST_CASE("language: hint wins, else CLD2, else French", "[lang]") {
  const struct {
    const char* text;
    const char* hint;
    const char* lang;
    bool detected;
  } cases[] = {
      {"Les résultats sont tombés, Macron en tête dans les sondages", "", "fr", true},
      {"Breaking: exit polls show the incumbent ahead in the election", "", "en", true},
      {"Die Wahl in Frankreich ist entschieden, die Umfragen lagen richtig", "", "de", true},
      {"Las elecciones en Francia terminaron con una victoria clara", "", "es", true},
      {"Le elezioni in Francia sono finite con una vittoria netta", "", "it", true},
      {"De verkiezingen in Frankrijk zijn voorbij en de uitslag is bekend", "", "nl", true},
      {"Breaking: exit polls show the incumbent ahead", "fr", "fr", false},
      {"Les sondages", "EN", "en", false},
      {"Les sondages", "fr-FR", "fr", false},
      {"", "", "fr", false},
      {"😀 20h30 52 %", "", "fr", false},
  };
  for (const auto& c : cases) {
    INFO(c.text << " hint=" << c.hint);
    Analysis a(c.text, c.hint);
    CHECK(a.lang() == c.lang);
    CHECK(a.lang_detected() == c.detected);
  }
  CHECK(veille::detect_language("") == "");
  CHECK(veille::detect_language("Les électeurs votent dimanche pour le second tour") == "fr");
  CHECK(veille::detect_language("bad \xff bytes in a French sentence: les électeurs votent") ==
        "fr");
}
