// The whole check path on a small fixture pack and the real calendar.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "veille/checker.hpp"

using namespace veille;

namespace {

const Checker& checker() {
  static const Checker instance = [] {
    CheckerOptions o;
    o.builtin_rules = false;
    o.rule_paths = {std::string(VEILLE_SOURCE_DIR) + "/tests/checker/fixtures"};
    return Checker(o);
  }();
  return instance;
}

Document doc(std::string text, std::string at = {}, std::string territory = {}) {
  Document d;
  d.id = "t1";
  d.id_given = true;
  d.text = std::move(text);
  d.meta.published_at = std::move(at);
  d.meta.territory = std::move(territory);
  d.meta.lang = "fr";
  return d;
}

bool has_notice(const Result& r, const std::string& code) {
  return std::any_of(r.notices.begin(), r.notices.end(),
                     [&](const Notice& n) { return n.code == code; });
}

}  // namespace

TEST_CASE("a result before 20:00 Paris is a finding with its window and lawful-from", "[checker]") {
  const Result r =
      checker().check(doc("Les résultats provisoires sont là", "2017-05-07T19:30:00+02:00"));
  REQUIRE(r.status == Result::Status::ok);
  REQUIRE(r.findings.size() == 1);
  const Finding& f = r.findings[0];
  CHECK(f.rule == "ct.results");
  CHECK(f.severity == Severity::violation);
  CHECK(f.matched == "résultats provisoires");
  CHECK(f.start == 4);
  CHECK(f.end == 4 + std::string("résultats provisoires").size());
  REQUIRE(f.window);
  CHECK(f.window->name == "results-embargo");
  CHECK(f.window->election == "fr-presidentielle-2017");
  CHECK(f.window->round == 2);
  CHECK(format_local(f.window->until, "Europe/Paris") == "2017-05-07T20:00:00+02:00");
  REQUIRE(f.lawful_from);
  CHECK(format_local(*f.lawful_from, "Europe/Paris") == "2017-05-07T20:00:00+02:00");
  CHECK(f.message ==
        "Résultat « résultats provisoires » avant la clôture. Publiable à partir du dimanche 7 "
        "mai 2017 à 20:00 (heure de Paris).");
  REQUIRE(f.cites.size() == 1);
  CHECK(f.cites[0]->id == "fr:code-electoral:L52-2");
}

TEST_CASE("the same text after the close is clean", "[checker]") {
  const Result r =
      checker().check(doc("Les résultats provisoires sont là", "2017-05-07T20:01:00+02:00"));
  CHECK(r.status == Result::Status::ok);
  CHECK(r.findings.empty());
  CHECK(r.notices.empty());
}

TEST_CASE("the --at time overrides published_at", "[checker]") {
  auto at = parse_timestamp("2017-05-07T19:59:00+02:00", *find_territory("FR"));
  REQUIRE(at);
  const Result r =
      checker().check(doc("Les résultats provisoires", "2017-05-07T21:00:00+02:00"), at->at);
  CHECK(r.findings.size() == 1);
}

TEST_CASE("Guadeloupe's silence starts on Friday midnight local time", "[checker]") {
  // GP votes on Saturday 6 May 2017: its silence starts Friday 5 May 00:00 local (-04:00).
  const Result gp = checker().check(doc("Votez Zorglub !", "2017-05-05T10:00:00-04:00", "GP"));
  REQUIRE(gp.findings.size() == 1);
  CHECK(gp.findings[0].window->name == "silence");
  CHECK(gp.findings[0].window->territory == "GP");
  // The same instant in metropolitan France (16:00 Paris on Friday) is before its silence.
  const Result fr = checker().check(doc("Votez Zorglub !", "2017-05-05T10:00:00-04:00", "FR"));
  CHECK(fr.findings.empty());
}

TEST_CASE("severity depends on who publishes", "[checker]") {
  Document d = doc("Votez Zorglub !", "2017-05-06T10:00:00+02:00");
  CHECK(checker().check(d).findings.at(0).severity == Severity::risk);
  d.meta.author_role = AuthorRole::candidate;
  CHECK(checker().check(d).findings.at(0).severity == Severity::violation);
}

TEST_CASE("rules without window apply at any time, without lawful-from", "[checker]") {
  const Result r = checker().check(doc("Cette année, votez par SMS", "2019-11-02T10:00:00+01:00"));
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule == "ct.sms-vote");
  CHECK_FALSE(r.findings[0].window);
  CHECK_FALSE(r.findings[0].lawful_from);
}

TEST_CASE("overlapping findings whose citations another carries are merged", "[checker]") {
  const std::string text = "Les résultats provisoires selon l'estimation de 19h";
  const Result merged = checker().check(doc(text, "2017-05-07T19:30:00+02:00"));
  REQUIRE(merged.findings.size() == 1);
  CHECK(merged.findings[0].rule == "ct.estimate");  // cites L52-2 and art-11: covers ct.results
  CHECK(merged.findings[0].start == 4);
  CHECK(merged.findings[0].end == text.find(" de 19h"));

  CheckerOptions o;
  o.builtin_rules = false;
  o.rule_paths = {std::string(VEILLE_SOURCE_DIR) + "/tests/checker/fixtures"};
  o.merge_findings = false;
  const Checker unmerged(o);
  CHECK(unmerged.check(doc(text, "2017-05-07T19:30:00+02:00")).findings.size() == 2);
}

TEST_CASE("a statistical rule reports only what no written rule carries", "[checker]") {
  // ct.sms-vote (written) and ct.statistical-l97 (a <model> score) both cite L97
  const Result covered =
      checker().check(doc("Cette année, votez par SMS", "2019-11-02T10:00:00+01:00"));
  REQUIRE(covered.findings.size() == 1);
  CHECK(covered.findings[0].rule == "ct.sms-vote");

  const std::string text = "Bonjour à tous. Envoyez votre vote par texto au 3030. Merci.";
  const Result alone = checker().check(doc(text, "2019-11-02T10:00:00+01:00"));
  REQUIRE(alone.findings.size() == 1);
  CHECK(alone.findings[0].rule == "ct.statistical-l97");
  CHECK(alone.findings[0].severity == Severity::risk);
  // the span is the sentence whose words weigh most, not the whole text
  CHECK(alone.findings[0].matched == "Envoyez votre vote par texto au 3030");

  CheckerOptions o;
  o.builtin_rules = false;
  o.rule_paths = {std::string(VEILLE_SOURCE_DIR) + "/tests/checker/fixtures"};
  o.merge_findings = false;
  const Checker unmerged(o);
  CHECK(unmerged.check(doc("Cette année, votez par SMS", "2019-11-02T10:00:00+01:00"))
            .findings.size() == 2);
}

TEST_CASE("fingerprints stay when the text moves", "[checker]") {
  const Result a = checker().check(doc("Les résultats provisoires", "2017-05-07T19:30:00+02:00"));
  const Result b = checker().check(doc("Titre\n\nUn autre paragraphe.\n\nLes résultats provisoires",
                                       "2017-05-07T19:30:00+02:00"));
  REQUIRE(a.findings.size() == 1);
  REQUIRE(b.findings.size() == 1);
  CHECK(a.findings[0].line == 1);
  CHECK(b.findings[0].line == 5);
  CHECK(a.findings[0].fingerprint == b.findings[0].fingerprint);
}

TEST_CASE("records that cannot be checked are errors naming field and value", "[checker]") {
  const Result bad_time = checker().check(doc("texte", "yesterday"));
  CHECK(bad_time.status == Result::Status::error);
  CHECK(bad_time.error.find("published_at") != std::string::npos);
  CHECK(bad_time.error.find("yesterday") != std::string::npos);

  const Result bad_territory = checker().check(doc("texte", "2017-05-07T19:30:00+02:00", "XX"));
  CHECK(bad_territory.status == Result::Status::error);
  CHECK(bad_territory.error.find("territory") != std::string::npos);
  CHECK(bad_territory.error.find("\"XX\"") != std::string::npos);

  Document broken = doc("x");
  broken.error = "line 3: not a JSON object";
  CHECK(checker().check(broken).error == "line 3: not a JSON object");

  CheckerOptions o;
  o.builtin_rules = false;
  o.rule_paths = {std::string(VEILLE_SOURCE_DIR) + "/tests/checker/fixtures"};
  o.max_document_bytes = 8;
  const Result big = Checker(o).check(doc("0123456789", "2017-05-07T19:30:00+02:00"));
  CHECK(big.status == Result::Status::error);
  CHECK(big.error.find("size cap of 8 bytes") != std::string::npos);
}

TEST_CASE("silence means checked: notices say what could not be", "[checker]") {
  const Result no_time = checker().check(doc("texte"));
  CHECK(no_time.published_at_from_now);
  CHECK(has_notice(no_time, "time-now"));

  const Result old = checker().check(doc("Les résultats provisoires", "1995-05-07T19:30:00+02:00"));
  CHECK(old.findings.empty());
  CHECK(has_notice(old, "time-outside-calendar"));

  const Result local = checker().check(doc("texte", "2017-05-07T19:30:00"));
  CHECK(has_notice(local, "time-assumed-zone"));
  REQUIRE(local.published_at);
  CHECK(format_local(*local.published_at, "Europe/Paris") == "2017-05-07T19:30:00+02:00");
}

TEST_CASE("paragraph pass: an exclusion in another paragraph does not hide a buried offence",
          "[checker]") {
  const std::string at = "2017-05-06T10:00:00+02:00";  // Saturday: the eve's silence
  const std::string text =
      "Chronique du samedi\n\nLe Tour de France passera ici.\n\nDemain, glissez le bulletin "
      "Zorglub.\n\nMettez le bulletin Zorglub, vraiment.";
  const Result r = checker().check(doc(text, at));
  REQUIRE(r.status == Result::Status::ok);
  REQUIRE(r.findings.size() == 1);  // ct.eve-call-whole stays silent: its <not> is whole-text
  const Finding& f = r.findings[0];
  CHECK(f.rule == "ct.eve-call-each");
  CHECK(f.matched == "glissez le bulletin Zorglub");
  CHECK(f.start == text.find("glissez"));
  CHECK(f.end == text.find("glissez") + std::string("glissez le bulletin Zorglub").size());
  CHECK(f.line == 5);

  // the exclusion in the same paragraph still holds
  CHECK(checker()
            .check(doc("Chronique\n\nLe Tour de France passe. Demain, glissez le bulletin Zorglub.",
                       at))
            .findings.empty());
  // a frame in the first paragraph (a headline) holds for every paragraph
  CHECK(checker()
            .check(doc("Pour rire\n\nLe marché.\n\nDemain, glissez le bulletin Zorglub.", at))
            .findings.empty());
  // one paragraph: the pass does not run, the whole-text reading decides
  CHECK(checker()
            .check(doc("Le Tour de France passe. Demain, glissez le bulletin Zorglub.", at))
            .findings.empty());
  // line breaks without a blank line: one paragraph, the whole-text reading decides
  CHECK(checker()
            .check(doc("Chronique\nLe Tour de France passe.\nDemain, glissez le bulletin Zorglub.",
                       at))
            .findings.empty());
  // Windows line ends and a blank line holding spaces are paragraph breaks too
  CHECK(checker()
            .check(doc("Chronique\r\n\r\nLe Tour de France passe.\r\n \r\nDemain, glissez le "
                       "bulletin Zorglub.",
                       at))
            .findings.size() == 1);
  // a first paragraph over 4 KB is no headline: the paragraph is read alone
  const std::string long_head = "Pour rire. " + std::string(5000, 'a') +
                                "\n\nLe Tour de France.\n\nDemain, glissez le bulletin Zorglub.";
  CHECK(checker().check(doc(long_head, at)).findings.size() == 1);
  // outside the window: nothing, in any reading
  CHECK(checker().check(doc(text, "2017-05-05T10:00:00+02:00")).findings.empty());
}
