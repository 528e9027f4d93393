// Whole-file readers on real-looking fixtures: HTML news page, RSS, Atom, Markdown,
// windows-1252 page; and the bad inputs: a mostly binary page, a feed with a bad date.
#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace veille;
using namespace veille::test;

TEST_CASE("html: a news page gives visible text only, scopes and metadata") {
  auto r = read_all_docs({fixture("news.html")});
  REQUIRE(r.docs.size() == 1);
  const Document& d = r.docs[0];
  CHECK(d.error.empty());
  CHECK(d.id == "news.html");
  CHECK(d.text.find("SHOULD_NOT_APPEAR") == std::string::npos);
  CHECK(d.text.find("65,1\xE2\x80\xAF% des voix") != std::string::npos);  // &#8239; kept
  CHECK(d.text.find("n\xE2\x80\x99ont") != std::string::npos);            // &rsquo;
  CHECK(d.text.find("Un paragraphe non fermé") != std::string::npos);
  CHECK(scope_text(d, ScopeKind::title) ==
        "Présidentielle : les premiers chiffres circulent | Le Quotidien du Soir");
  CHECK(scope_text(d, ScopeKind::headline) ==
        "Présidentielle\xC2\xA0: les premiers chiffres circulent");
  CHECK(scope_text(d, ScopeKind::lede) ==
        "Avant la fermeture des derniers bureaux de vote, des estimations circulent déjà sur "
        "les réseaux.");
  CHECK(scope_text(d, ScopeKind::quote) ==
        "«\xC2\xA0"
        "C\xE2\x80\x99"
        "est plié\xC2\xA0», écrivait un internaute à 19 h 15.");
  CHECK_THAT(scope_text(d, ScopeKind::body, 1), Catch::StartsWith("La commission des sondages"));
  // Scopes are ordered and inside the text.
  for (std::size_t i = 0; i < d.scopes.size(); ++i) {
    CHECK(d.scopes[i].end <= d.text.size());
    if (i) CHECK(d.scopes[i].start >= d.scopes[i - 1].end);
  }
  CHECK(d.meta.published_at == "2017-05-07T19:31:00+02:00");
  CHECK(d.meta.url ==
        "https://www.quotidien-du-soir.example/politique/2017/05/07/premiers-chiffres");
  CHECK(d.meta.title == "Présidentielle : les premiers chiffres circulent");
  CHECK(d.meta.lang == "fr");
  CHECK(d.meta.author == "Claire Martin");
  CHECK(d.meta.charset.empty());
  REQUIRE(d.suppressions.size() == 1);
  CHECK(d.suppressions[0].rule == "fr.results.before-close");
  CHECK(d.suppressions[0].reason == "citation d'un tweet pour analyse");
  // The directive sits just before the quote it covers.
  CHECK(d.suppressions[0].offset <= d.text.find("«"));
  CHECK(d.suppressions[0].offset > d.text.find("confirmés"));
}

TEST_CASE("html: published time from JSON-LD (@graph), <time datetime>, dc.date, in that order") {
  struct Case {
    const char* head;
    const char* body;
    const char* expect;
  };
  const Case cases[] = {
      {"<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\"},"
       "{\"@type\":\"NewsArticle\",\"datePublished\":\"2022-04-24T19:59:00+02:00\"}]}</script>",
       "<time datetime=\"2022-04-24T10:00:00Z\">x</time>", "2022-04-24T19:59:00+02:00"},
      {"<script "
       "type=\"application/ld+json\">[{\"datePublished\":\"2017-05-07T18:00:00Z\"}]</script>",
       "", "2017-05-07T18:00:00Z"},
      {"<meta name=\"DC.date\" content=\"2012-05-06\">",
       "<p><time datetime=\"2012-05-06T20:00\">t</time></p>", "2012-05-06T20:00"},
      {"<meta name=\"DC.date\" content=\"2012-05-06\">", "<p>x</p>", "2012-05-06"},
      {"", "<p>nothing</p>", ""},
  };
  for (const auto& c : cases) {
    INFO(c.head);
    std::string page = std::string("<html lang=\"EN-gb\"><head>") + c.head + "</head><body>" +
                       c.body + "</body></html>";
    auto docs = read_html(page, "page.html");
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].meta.published_at == c.expect);
    CHECK(docs[0].meta.lang == "en");
  }
}

TEST_CASE("html: a windows-1252 page without declaration is detected and converted") {
  auto r = read_all_docs({fixture("cp1252.html")});
  REQUIRE(r.docs.size() == 1);
  const Document& d = r.docs[0];
  CHECK(d.error.empty());
  CHECK(d.meta.charset == "windows-1252");
  CHECK(scope_text(d, ScopeKind::headline) == "Élection présidentielle : le débat");
  CHECK(d.text.find("L\xE2\x80\x99\xC3\xA9lection") != std::string::npos);  // 0x92 -> U+2019
  CHECK(d.text.find("10 \xE2\x82\xAC") != std::string::npos);               // 0x80 -> €
}

TEST_CASE("html: a declared charset is honoured") {
  std::string page =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-15\">"
      "</head><body><p>Co\xFBt : 10 \xA4, \xE9lection</p></body></html>";
  auto docs = read_html(page, "latin9.html");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].meta.charset == "iso-8859-15");
  CHECK(docs[0].text == "Coût : 10 €, élection");
}

TEST_CASE("html: a mostly binary page is one error record naming the file") {
  TempDir t;
  std::string bytes = "<html><body>";
  std::uint64_t x = 88172645463325252ull;
  for (int i = 0; i < 20000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    bytes += static_cast<char>(x & 0xFF);
  }
  auto p = t.write("broken.html", bytes);
  auto next = t.write("ok.txt", "texte suivant");
  auto r = read_all_docs({p, next});
  REQUIRE(r.docs.size() == 2);
  CHECK_THAT(r.docs[0].error, Catch::StartsWith(p + ": not a text file ("));
  CHECK(r.docs[0].id == "broken.html");
  CHECK(r.docs[1].text == "texte suivant");
  CHECK(r.docs[1].id == "ok.txt");
}

TEST_CASE("rss: each item is a document with its own date, link and guid; a bad date stays raw") {
  auto r = read_all_docs({fixture("feed.rss")});
  REQUIRE(r.docs.size() == 3);
  const auto& a = r.docs[0];
  CHECK(a.id == "qds-2017-05-07-001");
  CHECK(a.id_given);
  CHECK(a.meta.published_at == "Sun, 07 May 2017 17:05:00 +0200");
  CHECK(a.meta.url == "https://www.quotidien-du-soir.example/2017/05/07/participation");
  CHECK(a.meta.lang == "fr");
  CHECK(a.text ==
        "Second tour : la participation à 17 heures\n\n"
        "La participation s'établit à 65,30\xC2\xA0% à 17 heures.");
  CHECK(scope_text(a, ScopeKind::title) == "Second tour : la participation à 17 heures");
  CHECK(a.line == 7);
  // content:encoded wins over a shorter description; dc:date is the date.
  const auto& b = r.docs[1];
  CHECK(b.meta.published_at == "2017-05-07T19:45:00+02:00");
  CHECK(b.text.find("Les premières estimations donnent") != std::string::npos);
  CHECK(b.text.find("Résumé court") == std::string::npos);
  // The bad date is kept as given: the checker reports it.
  CHECK(r.docs[2].meta.published_at == "dimanche soir, vers 20 heures");
  CHECK(r.docs[2].error.empty());
  CHECK(r.docs[2].id == "https://www.quotidien-du-soir.example/2017/05/07/depeche");
}

TEST_CASE("atom: entries with published/updated, alternate link, id, xml:lang") {
  auto r = read_all_docs({fixture("feed.atom")});
  REQUIRE(r.docs.size() == 2);
  CHECK(r.docs[0].id == "tag:blog.example,2022:1");
  CHECK(r.docs[0].meta.published_at == "2022-04-24T20:05:00+02:00");
  CHECK(r.docs[0].meta.url == "https://blog.example/2022/04/24/resultats");
  CHECK(r.docs[0].meta.title == "Résultats définitifs");
  CHECK(r.docs[0].meta.author == "Paul Durand");
  CHECK(r.docs[0].meta.lang == "fr");
  CHECK(r.docs[0].text == "Résultats définitifs\n\nLe président sortant est réélu.");
  CHECK(r.docs[1].meta.published_at == "2022-04-24T12:00:00Z");  // updated when no published
  CHECK(r.docs[1].meta.lang == "en");
  CHECK(r.docs[1].text == "Turnout update\n\nTurnout at noon was 26.41 %.");
}

TEST_CASE("feed: an XML file that is not a feed is one error record") {
  auto docs = read_feed("<?xml version=\"1.0\"?><catalog><book/></catalog>", "c.xml");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].error == "c.xml: not an RSS or Atom feed (root element <catalog>)");
}

TEST_CASE("markdown: headings, quotes, code blanked with offsets kept, directives") {
  std::string raw = slurp(fixture("article.md"));
  auto r = read_all_docs({fixture("article.md")});
  REQUIRE(r.docs.size() == 1);
  const Document& d = r.docs[0];
  CHECK(d.text.size() == raw.size());  // blanked, not removed: offsets are the file's
  CHECK(d.text.find("sondage") == std::string::npos);  // both code blocks blanked
  CHECK(d.text.find("veille-ignore") == std::string::npos);
  CHECK(d.text.find("\"Soirée") == std::string::npos);  // front matter blanked
  CHECK(d.meta.title == "Soirée électorale : notre dispositif");
  CHECK(d.meta.published_at == "2022-04-24T18:00:00+02:00");
  CHECK(d.meta.lang == "fr");
  CHECK(scope_text(d, ScopeKind::title, 0) == "Soirée électorale : notre dispositif");
  CHECK(scope_text(d, ScopeKind::title, 1) == "Sous-titre");
  CHECK(scope_text(d, ScopeKind::quote) ==
        "« Aucune estimation avant 20 heures », rappelle la rédaction en chef.");
  CHECK(scope_text(d, ScopeKind::body) == "Nous publierons les résultats à partir de 20 heures.");
  for (const auto& s : d.scopes)
    CHECK(d.text.substr(s.start, s.end - s.start) == raw.substr(s.start, s.end - s.start));
  REQUIRE(d.suppressions.size() == 1);
  CHECK(d.suppressions[0].rule == "fr.polls.blackout");
  CHECK(d.suppressions[0].reason == "exemple pédagogique");
  CHECK(d.suppressions[0].offset == raw.find("<!--"));
}

TEST_CASE("text: one document per file, id = file name, charset detected") {
  auto docs = read_text("Bonjour\n", "/tmp/a/b.txt");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].id == "b.txt");
  CHECK(docs[0].text == "Bonjour\n");
  CHECK(docs[0].meta.charset.empty());
  auto latin = read_text(
      "Les \xE9lecteurs fran\xE7"
      "ais ont vot\xE9 dimanche pour l'\xE9lection "
      "pr\xE9sidentielle, et les r\xE9sultats seront connus \xE0 vingt heures.",
      "old.txt");
  CHECK(latin[0].meta.charset == "windows-1252");
  CHECK(latin[0].text.find("électeurs français ont voté") != std::string::npos);
}

TEST_CASE("lang tags are normalized") {
  CHECK(normalize_lang("fr-FR") == "fr");
  CHECK(normalize_lang("EN_us") == "en");
  CHECK(normalize_lang(" de ") == "de");
  CHECK(normalize_lang("français") == "");
  CHECK(normalize_lang("f") == "");
}
