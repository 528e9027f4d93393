// Suppressions: ignore file (with expiry), baseline from json / jsonl / sarif reports, inline
// directives, and the summary counts.
#include <catch2/catch.hpp>
#include <thread>

#include "fixture.hpp"

using namespace veille;
using namespace veille::test;
using namespace std::chrono;

namespace {

Law law{"fr:code-electoral:L52-2",
        "Code électoral, article L52-2",
        "https://example.org/",
        "",
        "",
        Confidence::verified,
        "",
        ""};

Finding make(std::string rule, std::string fp) {
  Finding f;
  f.rule = std::move(rule);
  f.cites = {&law};
  f.fingerprint = std::move(fp);
  f.matched = "x";
  return f;
}

Result three_findings() {
  Result r;
  r.findings = {make("fr.a", "00000000000000aa"), make("fr.b", "00000000000000bb"),
                make("fr.c", "00000000000000cc")};
  return r;
}

const year_month_day today{year{2026}, month{11}, day{28}};

}  // namespace

TEST_CASE("ignore file: reasons and comments and expiry") {
  const std::string dir = temp_dir();
  write_text(dir + "/ignore",
             "# reviewed by legal, ticket 12\n"
             "\n"
             "00000000000000AA quoted from a court ruling\n"
             "00000000000000bb 2026-11-28 embargo lifted by the Commission\n"
             "00000000000000cc 2026-11-27 expired yesterday\n");
  Suppressor s(today);
  s.load_ignore_file(dir + "/ignore");
  CHECK(s.ignore_entries() == 2);
  REQUIRE(s.warnings().size() == 1);
  CHECK(s.warnings()[0] == dir +
                               "/ignore:5: suppression of 00000000000000cc expired on "
                               "2026-11-27; the finding is reported again");
  Document doc;
  Result r = three_findings();
  s.apply(doc, r);
  CHECK(r.findings[0].suppressed);
  CHECK(r.findings[0].suppression == "ignore-file: quoted from a court ruling");
  CHECK(r.findings[1].suppressed);  // expires today: still applies
  CHECK(r.findings[1].suppression == "ignore-file: embargo lifted by the Commission");
  CHECK_FALSE(r.findings[2].suppressed);

  Summary sum;
  count_result(sum, doc, r);
  CHECK(sum.findings == 1);
  CHECK(sum.suppressed == 2);
  CHECK(sum.by_severity.at("violation") == 1);
  CHECK(sum.by_citation.at("fr:code-electoral:L52-2") == 1);
}

TEST_CASE("ignore file: malformed lines name file and line") {
  const std::string dir = temp_dir();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"zz-not-hex reason\n", ":1: expected a hexadecimal fingerprint, got \"zz-not-hex\""},
      {"# c\nabcdef\n", ":2: fingerprint abcdef has no reason"},
      {"abcdef 2026-02-30 bad date\n", ":1: invalid expiry date \"2026-02-30\""},
      {"abcdef 2026-12-01\n", ":1: fingerprint abcdef has no reason"},
  };
  for (const auto& [text, message] : cases) {
    write_text(dir + "/ignore", text);
    Suppressor s(today);
    try {
      s.load_ignore_file(dir + "/ignore");
      FAIL("no error for " << text);
    } catch (const std::runtime_error& e) {
      CHECK_THAT(e.what(), Catch::Contains(dir + "/ignore" + message));
    }
  }
  Suppressor s(today);
  CHECK_THROWS_WITH(s.load_ignore_file(dir + "/missing"), "cannot read " + dir + "/missing");
}

TEST_CASE("baseline: every fingerprint of a previous json or jsonl or sarif report") {
  const std::string dir = temp_dir();
  for (const std::string format : {"json", "jsonl", "sarif"}) {
    write_text(dir + "/prev." + format, render(fixed_run(), format));
    Suppressor s(today);
    s.load_baseline(dir + "/prev." + format);
    INFO(format);
    CHECK(s.baseline_entries() == 3);  // shown findings of the fixed run (one was suppressed)
    Run again = fixed_run();
    for (std::size_t i = 0; i < again.docs.size(); ++i) s.apply(again.docs[i], again.results[i]);
    Summary sum;
    for (std::size_t i = 0; i < again.docs.size(); ++i)
      count_result(sum, again.docs[i], again.results[i]);
    CHECK(sum.findings == 0);
    CHECK(sum.suppressed == 4);
    CHECK(exit_code_for(sum, "notice") == 0);
    CHECK(again.results[0].findings[0].suppression == "baseline");
    // A new finding is still reported.
    Result r = three_findings();
    s.apply(Document{}, r);
    CHECK_FALSE(r.findings[0].suppressed);
  }
}

TEST_CASE("baseline: a file that is not a report is refused with its line") {
  const std::string dir = temp_dir();
  write_text(dir + "/bad.jsonl", "{\"id\":\"a\",\"findings\":[]}\n{broken\n");
  Suppressor s(today);
  try {
    s.load_baseline(dir + "/bad.jsonl");
    FAIL("no error");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::StartsWith(dir + "/bad.jsonl:2: not a json or jsonl report"));
  }
}

TEST_CASE("inline directives: plain-text and comment forms") {
  const std::string text =
      "Titre\n"
      "  veille-ignore fr.results.before-close: sondage déjà publié la veille  \n"
      "Texte veille-ignore fr.x: not alone on its line\n"
      "<p>x</p><!-- veille-ignore fr:loi-77-808:art-11: cité par l'AFP -->\n"
      "veille-ignore *: tout ce document est une citation\n"
      "veille-ignore fr.no-reason\n"
      "veille-ignore fr.empty:   \n"
      "veille-ignorefr.glued: x\n";
  const auto found = find_inline_suppressions(text);
  REQUIRE(found.size() == 3);
  CHECK(found[0].rule == "fr.results.before-close");
  CHECK(found[0].reason == "sondage déjà publié la veille");
  CHECK(found[0].offset == text.find("veille-ignore fr.results"));
  CHECK(found[1].rule == "fr:loi-77-808:art-11");
  CHECK(found[1].reason == "cité par l'AFP");
  CHECK(found[1].offset == text.find("<!--"));
  CHECK(found[2].rule == "*");
  CHECK(found[2].reason == "tout ce document est une citation");
}

TEST_CASE("inline directives apply by rule or citation or star in the same document") {
  Suppressor s(today);
  Law other{"fr:loi-77-808:art-11", "", "", "", "", Confidence::verified, "", ""};
  Result r = three_findings();
  r.findings[2].cites = {&other};
  Document doc;
  doc.suppressions = {{"fr.b", "reviewed", 0}, {"fr:loi-77-808:art-11", "AFP quote", 10}};
  s.apply(doc, r);
  CHECK_FALSE(r.findings[0].suppressed);
  CHECK(r.findings[1].suppression == "inline: reviewed");
  CHECK(r.findings[2].suppression == "inline: AFP quote");

  // Without reader-extracted directives, the plain-text form in the text is used.
  Document plain;
  plain.text = "Une phrase.\nveille-ignore *: citation intégrale\n";
  Result r2 = three_findings();
  s.apply(plain, r2);
  for (const auto& f : r2.findings) CHECK(f.suppression == "inline: citation intégrale");

  // Another document is not affected.
  Result r3 = three_findings();
  s.apply(Document{}, r3);
  for (const auto& f : r3.findings) CHECK_FALSE(f.suppressed);
}

TEST_CASE("suppressed findings are hidden and counted and shown with show_suppressed") {
  const auto& run = fixed_run();
  CHECK(run.summary.suppressed == 1);
  const std::string hidden = render(run, "jsonl");
  CHECK(hidden.find("9999aaaa8888bbbb") == std::string::npos);
  ReportOptions o;
  o.show_suppressed = true;
  const std::string shown = render(run, "jsonl", o);
  CHECK(shown.find("\"fingerprint\":\"9999aaaa8888bbbb\",\"suppressed\":true,"
                   "\"suppression\":\"inline: quoted from the AFP wire\"") != std::string::npos);
  CHECK(render(run, "text", o).find("masqué (inline: quoted from the AFP wire)") !=
        std::string::npos);
}

TEST_CASE("exit status by --fail-on") {
  Summary s;
  CHECK(exit_code_for(s, "notice") == 0);
  s.by_severity["risk"] = 2;
  s.suppressed = 5;
  const std::vector<std::pair<std::string, int>> table = {
      {"violation", 0}, {"risk", 1}, {"notice", 1}, {"never", 0}};
  for (const auto& [fail_on, code] : table) {
    INFO(fail_on);
    CHECK(exit_code_for(s, fail_on) == code);
  }
  s.by_severity["violation"] = 1;
  CHECK(exit_code_for(s, "violation") == 1);
  CHECK(exit_code_for(s, "never") == 0);
  CHECK_THROWS_AS(exit_code_for(s, "error"), std::invalid_argument);
  // Counted from the fixed run: one violation, one risk, one notice (the suppressed risk is
  // not counted).
  CHECK(fixed_run().summary.by_severity ==
        std::map<std::string, std::uint64_t>{{"notice", 1}, {"risk", 1}, {"violation", 1}});
}

TEST_CASE("apply is const and gives the same marks from several threads at once") {
  const std::string dir = temp_dir();
  write_text(dir + "/ignore", "00000000000000aa reviewed\n");
  write_text(dir + "/base.jsonl", render(fixed_run(), "jsonl"));
  Suppressor s(today);
  s.load_ignore_file(dir + "/ignore");
  s.load_baseline(dir + "/base.jsonl");
  Document doc;
  doc.suppressions = {{"fr.b", "inline reason", 0}};
  std::vector<std::vector<Result>> out(4, std::vector<Result>(500, three_findings()));
  std::vector<std::thread> threads;
  for (auto& results : out)
    threads.emplace_back([&s, &doc, &results] {
      for (auto& r : results) s.apply(doc, r);
    });
  for (auto& t : threads) t.join();
  for (const auto& results : out)
    for (const auto& r : results) {
      REQUIRE(r.findings.size() == 3);
      CHECK(r.findings[0].suppression == "ignore-file: reviewed");
      CHECK(r.findings[1].suppression == "inline: inline reason");
      CHECK_FALSE(r.findings[2].suppressed);
    }
}
