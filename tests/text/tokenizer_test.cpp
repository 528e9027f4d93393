// Tokenizer: token kinds, original spans and folded forms, table-driven, in several languages.
#include <catch2/catch.hpp>
#include <string>

#include "text_test_util.hpp"

using veille::Analysis;
using veille::Token;
using veille::TokenKind;
using veille::test::join;
using veille::test::render;
using veille::test::render_folded;

namespace {
struct TokCase {
  const char* in;
  const char* tokens;  // "kind:original | ..."
};

const TokCase kTokenCases[] = {
    // the example (Cyrillic a in Mаcron, NNBSP before %)
    {"L’élection : Mаcron à 52,3\xe2\x80\xaf% à 20h30 #MacronLeaks",
     "word:L’ | word:élection | punct:: | word:Mаcron | word:à | percent:52,3\xe2\x80\xaf% | "
     "word:à | time:20h30 | hashtag:#MacronLeaks"},
    // French elisions, both apostrophes
    {"l'arbre", "word:l' | word:arbre"},
    {"l’arbre", "word:l’ | word:arbre"},
    {"d'un", "word:d' | word:un"},
    {"j'ai", "word:j' | word:ai"},
    {"m’a", "word:m’ | word:a"},
    {"n'est", "word:n' | word:est"},
    {"s'il", "word:s' | word:il"},
    {"t'as", "word:t' | word:as"},
    {"C'est", "word:C' | word:est"},
    {"qu’il", "word:qu’ | word:il"},
    {"jusqu'à", "word:jusqu' | word:à"},
    {"Lorsqu'on", "word:Lorsqu' | word:on"},
    {"puisqu’il", "word:puisqu’ | word:il"},
    {"quoiqu'il", "word:quoiqu' | word:il"},
    {"L'Élysée", "word:L' | word:Élysée"},
    // Italian elisions
    {"dell'Italia", "word:dell' | word:Italia"},
    {"all'inizio", "word:all' | word:inizio"},
    {"un'altra", "word:un' | word:altra"},
    {"l'anno", "word:l' | word:anno"},
    // kept whole
    {"aujourd'hui", "word:aujourd'hui"},
    {"aujourd’hui", "word:aujourd’hui"},
    {"prud'hommes", "word:prud'hommes"},
    {"presqu'île", "word:presqu'île"},
    {"don't", "word:don't"},
    // hyphenated compounds
    {"Saint-Denis", "word:Saint-Denis"},
    {"peut-être", "word:peut-être"},
    {"vient-il", "word:vient-il"},
    {"a-t-il", "word:a-t-il"},
    {"Pointe-à-Pitre", "word:Pointe-à-Pitre"},
    {"c'est-à-dire", "word:c' | word:est-à-dire"},
    {"l'Île-de-France", "word:l' | word:Île-de-France"},
    {"Saint\xe2\x80\x91"
     "Denis",
     "word:Saint\xe2\x80\x91"
     "Denis"},
    {"rouge - vert", "word:rouge | punct:- | word:vert"},
    // numbers
    {"2017", "number:2017"},
    {"52,3", "number:52,3"},
    {"52.3", "number:52.3"},
    {"1 234 567 voix", "number:1 234 567 | word:voix"},
    {"1\xc2\xa0"
     "234",
     "number:1\xc2\xa0"
     "234"},
    {"1\xe2\x80\xaf"
     "234,5",
     "number:1\xe2\x80\xaf"
     "234,5"},
    {"1.234.567", "number:1.234.567"},
    {"en 2017 12 fois", "word:en | number:2017 | number:12 | word:fois"},
    {"le 7 mai", "word:le | number:7 | word:mai"},
    // percentages
    {"52,3 %", "percent:52,3 %"},
    {"52,3%", "percent:52,3%"},
    {"52.3%", "percent:52.3%"},
    {"52,3\xc2\xa0%", "percent:52,3\xc2\xa0%"},
    {"52 pour cent", "percent:52 pour cent"},
    {"52 per cent", "percent:52 per cent"},
    {"12 percent", "percent:12 percent"},
    {"52 pourcentages", "number:52 | word:pourcentages"},
    // clock times
    {"20h", "time:20h"},
    {"20 h", "time:20 h"},
    {"20h30", "time:20h30"},
    {"20 h 30", "time:20 h 30"},
    {"19H", "time:19H"},
    {"20:00", "time:20:00"},
    {"18:45:10", "time:18:45:10"},
    {"8 pm", "time:8 pm"},
    {"8pm", "time:8pm"},
    {"8:30 pm", "time:8:30 pm"},
    {"8 a.m.", "time:8 a.m."},
    {"20 habitants", "number:20 | word:habitants"},
    {"25h", "word:25h"},
    {"2e tour", "word:2e | word:tour"},
    // hashtags, mentions, URLs, e-mail
    {"#MacronLeaks", "hashtag:#MacronLeaks"},
    {"#Présidentielle2017", "hashtag:#Présidentielle2017"},
    {"#macron_leaks!", "hashtag:#macron_leaks | punct:!"},
    {"# pas un hashtag", "symbol:# | word:pas | word:un | word:hashtag"},
    {"@jack", "mention:@jack"},
    {"@MLP_officiel:", "mention:@MLP_officiel | punct::"},
    {"https://t.co/abc123", "url:https://t.co/abc123"},
    {"voir http://example.com/a?b=c.", "word:voir | url:http://example.com/a?b=c | punct:."},
    {"(https://fr.wikipedia.org/wiki/A_(B))",
     "punct:( | url:https://fr.wikipedia.org/wiki/A_(B) | punct:)"},
    {"www.lemonde.fr", "url:www.lemonde.fr"},
    {"lemonde.fr/politique", "url:lemonde.fr/politique"},
    {"E.Macron", "word:E | punct:. | word:Macron"},
    {"jean.dupont@example.fr", "email:jean.dupont@example.fr"},
    {"Contact: presse@en-marche.fr.",
     "word:Contact | punct:: | email:presse@en-marche.fr | punct:."},
    // emoji and punctuation
    {"😀", "emoji:😀"},
    {"🇫🇷🇧🇪", "emoji:🇫🇷 | emoji:🇧🇪"},
    {"👍🏽", "emoji:👍🏽"},
    {"🗳️ vote", "emoji:🗳️ | word:vote"},
    {"👨‍👩‍👧 famille", "emoji:👨‍👩‍👧 | word:famille"},
    {"😀😀", "emoji:😀 | emoji:😀"},
    {"Quoi ?!", "word:Quoi | punct:?!"},
    {"Oui…", "word:Oui | punct:…"},
    {"«Macron»", "punct:« | word:Macron | punct:»"},
    {"10 €", "number:10 | symbol:€"},
    // other languages
    {"It's 8 pm in Paris.", "word:It's | time:8 pm | word:in | word:Paris | punct:."},
    // possessive 's after a name: the name alone is the token; contractions stay whole
    {"Macron's lead", "word:Macron | word:lead"},
    {"Le Pen's camp, that's it",
     "word:Le | word:Pen | word:camp | punct:, | word:that's | word:it"},
    {"Mélenchon’s voters", "word:Mélenchon | word:voters"},
    {"Jean-Luc's list", "word:Jean-Luc | word:list"},
    {"let's go", "word:let's | word:go"},
    {"Bardella's.", "word:Bardella | punct:."},
    {"Macron'sche", "word:Macron'sche"},
    {"de Fransen 's avonds", "word:de | word:Fransen | punct:' | word:s | word:avonds"},
    {"Die Straße ist groß", "word:Die | word:Straße | word:ist | word:groß"},
    {"¿Qué pasa?", "punct:¿ | word:Qué | word:pasa | punct:?"},
    {"Het is 20:00 uur", "word:Het | word:is | time:20:00 | word:uur"},
    {"Путин и Макрон", "word:Путин | word:и | word:Макрон"},
    // evasion
    {"Ｍacron", "word:Ｍacron"},
    {"M4cr0n", "word:M4cr0n"},
    {"les s o n d a g e s", "word:les | word:s o n d a g e s"},
    {"Ma\xe2\x80\x8b"
     "cron",
     "word:Ma\xe2\x80\x8b"
     "cron"},
    // empty
    {"", ""},
    {"   \n  ", ""},
};
}  // namespace

TEST_CASE("tokenizer: table of tokens", "[tokens]") {
  for (const auto& c : kTokenCases) {
    INFO("input: " << c.in);
    Analysis a(c.in, "fr");
    CHECK(render(a) == c.tokens);
  }
}

TEST_CASE("tokenizer: folded forms equal the folded view", "[tokens]") {
  const struct {
    const char* in;
    const char* folded;
  } cases[] = {
      {"L’élection : Mаcron", "l' | election | : | macron"},
      {"52,3\xe2\x80\xaf% à 20 h", "52,3 % | a | 20 h"},
      {"#MacronLeaks @Jack", "#macronleaks | @jack"},
      {"M4cr0n S0NDAGE", "macron | sondage"},
      {"Ｍａｃｒｏｎ 𝐌𝐚𝐜𝐫𝐨𝐧", "macron | macron"},
      {"PEUT-ÊTRE", "peut-etre"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    Analysis a(c.in);
    CHECK(render_folded(a) == c.folded);
    for (const Token& t : a.tokens())
      CHECK(t.folded == a.folded().substr(t.fspan.start, t.fspan.end - t.fspan.start));
  }
}

TEST_CASE("tokenizer: parts of hashtags and compounds", "[tokens]") {
  const struct {
    const char* in;
    const char* parts;
  } cases[] = {
      {"#MacronLeaks", "macron,leaks"},
      {"#Présidentielle2017", "presidentielle,2017"},
      {"#EELVLeaks", "eelv,leaks"},
      {"#macron_leaks", "macron,leaks"},
      {"#JeVoteMacron", "je,vote,macron"},
      {"#macron", "macron"},
      {"#ÉlectionPrésidentielle", "election,presidentielle"},
      {"Saint-Denis", "saint,denis"},
      {"peut-être", "peut,etre"},
      {"vient-il", "vient,il"},
      {"a-t-il", "a,t,il"},
      {"aujourd'hui", ""},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    Analysis a(c.in);
    REQUIRE(a.tokens().size() == 1);
    CHECK(join(a.tokens()[0].parts) == c.parts);
  }
}

TEST_CASE("tokenizer: elision flag", "[tokens]") {
  Analysis a("L’élection qu'il aujourd'hui");
  REQUIRE(a.tokens().size() == 5);
  CHECK(a.tokens()[0].elision);
  CHECK(a.tokens()[0].folded == "l'");
  CHECK_FALSE(a.tokens()[1].elision);
  CHECK(a.tokens()[2].elision);
  CHECK(a.tokens()[2].folded == "qu'");
  CHECK_FALSE(a.tokens()[4].elision);
}

TEST_CASE("tokenizer: sentences and paragraphs", "[tokens]") {
  const std::string text =
      "M. Macron parle. Les bureaux ferment à 20h !\nEst-ce fini ? Oui.\n\nNouveau paragraphe";
  Analysis a(text);
  const auto& s = a.sentences();
  const auto& p = a.paragraphs();
  auto slice = [&](veille::Span sp) { return text.substr(sp.start, sp.end - sp.start); };
  REQUIRE(s.size() == 5);
  CHECK(slice(s[0]) == "M. Macron parle.");
  CHECK(slice(s[1]) == "Les bureaux ferment à 20h !");
  CHECK(slice(s[2]) == "Est-ce fini ?");
  CHECK(slice(s[3]) == "Oui.");
  CHECK(slice(s[4]) == "Nouveau paragraphe");
  REQUIRE(p.size() == 2);
  CHECK(slice(p[0]) == "M. Macron parle. Les bureaux ferment à 20h !\nEst-ce fini ? Oui.");
  CHECK(slice(p[1]) == "Nouveau paragraphe");
  const auto& toks = a.tokens();
  CHECK(toks.front().sentence == 0);
  CHECK(toks.front().paragraph == 0);
  CHECK(toks.back().sentence == 4);
  CHECK(toks.back().paragraph == 1);
}

TEST_CASE("tokenizer: a German ordinal before a month or a round does not end a sentence",
          "[tokens]") {
  const std::string text =
      "Am 14. April wählt Frankreich. Im 2. Wahlgang liegt sie vorn. Es waren 14. Dann kam er.";
  Analysis a(text);
  const auto& s = a.sentences();
  auto slice = [&](veille::Span sp) { return text.substr(sp.start, sp.end - sp.start); };
  REQUIRE(s.size() == 4);
  CHECK(slice(s[0]) == "Am 14. April wählt Frankreich.");
  CHECK(slice(s[1]) == "Im 2. Wahlgang liegt sie vorn.");
  CHECK(slice(s[2]) == "Es waren 14.");
  CHECK(slice(s[3]) == "Dann kam er.");
}

TEST_CASE("tokenizer: U+2029 ends a paragraph, U+2028 a sentence", "[tokens]") {
  Analysis a("Un deux\xe2\x80\xa8trois\xe2\x80\xa9quatre");
  const auto& t = a.tokens();
  REQUIRE(t.size() == 4);
  CHECK(t[1].sentence == 0);
  CHECK(t[2].sentence == 1);
  CHECK(t[2].paragraph == 0);
  CHECK(t[3].sentence == 2);
  CHECK(t[3].paragraph == 1);
}

TEST_CASE("tokenizer: the issue's done-when example", "[tokens][done]") {
  const std::string text = "L’élection : Mаcron à 52,3 % à 20h30 #MacronLeaks";  // Cyrillic а
  Analysis a(text);
  const auto& t = a.tokens();
  REQUIRE(t.size() == 9);
  auto orig = [&](const Token& k) { return text.substr(k.span.start, k.span.end - k.span.start); };
  CHECK(t[0].kind == TokenKind::word);
  CHECK(orig(t[0]) == "L’");
  CHECK(t[0].folded == "l'");
  CHECK(orig(t[1]) == "élection");
  CHECK(a.lemmas(t[1]) == std::vector<std::string>{"election"});
  CHECK(orig(t[3]) == "Mаcron");
  CHECK(t[3].folded == "macron");
  CHECK(t[5].kind == TokenKind::percent);
  CHECK(orig(t[5]) == "52,3 %");
  CHECK(t[5].folded == "52,3 %");
  CHECK(t[7].kind == TokenKind::time);
  CHECK(orig(t[7]) == "20h30");
  CHECK(t[8].kind == TokenKind::hashtag);
  CHECK(orig(t[8]) == "#MacronLeaks");
  CHECK(t[8].parts == std::vector<std::string>{"macron", "leaks"});
  CHECK(a.lemmas(t[8]).empty());  // lemmas are for words only
}
