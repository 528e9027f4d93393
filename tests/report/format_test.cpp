// Redaction, CSV quoting, localization, default locale.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <set>
#include <sstream>

#include "fixture.hpp"

using namespace veille;
using namespace veille::test;

TEST_CASE("redaction masks handles and e-mail addresses") {
  const std::vector<std::pair<std::string, std::string>> table = {
      {"@jdupont a écrit", "@j*** a écrit"},
      {"écrivez à jean.dupont@example.org.", "écrivez à j***@example.org."},
      {"(@Marie_L) et @x", "(@M***) et @x***"},
      {"a@b n'est pas une adresse", "a@b n'est pas une adresse"},
      {"prix: 3 @ 5 €", "prix: 3 @ 5 €"},
      {"contact+vote@mairie.paris.fr, @bob", "c***@mairie.paris.fr, @b***"},
      {"", ""},
      {"@", "@"},
  };
  for (const auto& [in, out] : table) {
    INFO(in);
    CHECK(redact_personal_data(in) == out);
  }
}

TEST_CASE("redaction applies to every format") {
  ReportOptions o;
  o.redact = true;
  for (const auto& format : writer_formats()) {
    INFO(format);
    const std::string out = render(fixed_run(), format, o);
    CHECK(out.find("jdupont") == std::string::npos);
    CHECK(out.find("jean.dupont") == std::string::npos);
    CHECK(render(fixed_run(), format).find("jdupont") != std::string::npos);
  }
  CHECK(render(fixed_run(), "html", o).find("j***@example.org") != std::string::npos);
}

TEST_CASE("csv: RFC 4180 quoting and CRLF with one row per shown finding and per error") {
  const std::string csv = render(fixed_run(), "csv");
  std::vector<std::string> rows;
  for (std::size_t pos = 0; pos < csv.size();) {
    // Split on CRLF outside quotes.
    bool quoted = false;
    std::size_t i = pos;
    for (; i < csv.size(); ++i) {
      if (csv[i] == '"') quoted = !quoted;
      if (!quoted && csv.compare(i, 2, "\r\n") == 0) break;
    }
    REQUIRE(i < csv.size());  // every row ends with CRLF
    rows.push_back(csv.substr(pos, i - pos));
    pos = i + 2;
  }
  REQUIRE(rows.size() == 1 + 3 + 1);  // header, 3 findings, 1 error
  CHECK(rows[0].rfind("status,source,id,record_line,line,column,start,end,", 0) == 0);
  CHECK(rows[3].rfind("error,corpus/posts.jsonl,p2,2,", 0) == 0);
  CHECK(rows[4].find(",\"Mention \"\"imprimeur\"\" absente, <b> & co\",") != std::string::npos);
  CHECK(rows[4].find(",\"\"\"c'est fait, 52 %\"\"\",") != std::string::npos);
  // Same column count everywhere (counting commas outside quotes).
  std::set<std::size_t> widths;
  for (const auto& row : rows) {
    bool quoted = false;
    std::size_t commas = 0;
    for (char c : row) {
      if (c == '"') quoted = !quoted;
      if (c == ',' && !quoted) ++commas;
    }
    widths.insert(commas);
  }
  CHECK(widths.size() == 1);
}

TEST_CASE("csv: content that would start a spreadsheet formula is neutralized") {
  Run run = fixed_run();
  run.results[0].findings[0].message = "=HYPERLINK(\"http://x\")";
  run.results[0].findings[1].matched = "+33 %";
  const std::string csv = render(run, "csv");
  CHECK(csv.find(",\"'=HYPERLINK(\"\"http://x\"\")\",") != std::string::npos);
  CHECK(csv.find(",'+33 %,") != std::string::npos);
}

TEST_CASE("locales: fr and en hold the same keys; notices localized with params") {
  const std::string dir = source_dir() + "/locales";
  const auto fr = Catalog::parse_file(dir + "/fr.locale");
  const auto en = Catalog::parse_file(dir + "/en.locale");
  std::set<std::string> kfr, ken;
  for (const auto& [k, v] : fr) kfr.insert(k);
  for (const auto& [k, v] : en) ken.insert(k);
  CHECK(kfr == ken);
  for (const std::string w :
       {"silence", "poll-blackout", "results-embargo", "late-campaign", "campaign",
        "free-number-ban", "paid-advertising-ban", "institutional-promotion-ban",
        "platform-transparency", "false-news-injunction"})
    CHECK(kfr.count("window." + w) == 1);

  const Catalog c = Catalog::load(dir, "en");
  Notice n;
  n.code = "lang-without-rules";
  n.params = {{"lang", "de"}};
  n.message = "fallback";
  CHECK(localize_notice(c, n) ==
        "no rule covers the language of this text (de): it was not checked");
  n.code = "not-in-locales";
  n.message = "plain {lang} fallback {unknown}";
  CHECK(localize_notice(c, n) == "plain de fallback {unknown}");
  CHECK(c.get("no.such.key") == "no.such.key");
  CHECK_THROWS_AS(Catalog::load(dir, "de"), std::invalid_argument);
  CHECK_THROWS_WITH(Catalog::load("/nonexistent", "fr"),
                    "cannot read locale file /nonexistent/fr.locale");
}

TEST_CASE("locale file errors name file and line") {
  const std::string dir = temp_dir();
  write_text(dir + "/fr.locale", "# ok\na = b\nno equals sign\n");
  CHECK_THROWS_WITH(Catalog::parse_file(dir + "/fr.locale"),
                    dir + "/fr.locale:3: expected `key = value`, got \"no equals sign\"");
  write_text(dir + "/fr.locale", "a = b\na = c\n");
  CHECK_THROWS_WITH(Catalog::parse_file(dir + "/fr.locale"),
                    dir + "/fr.locale:2: duplicate key \"a\"");
}

TEST_CASE("default locale from LC_ALL / LC_MESSAGES / LANG") {
  const std::vector<std::tuple<const char*, const char*, const char*, std::string>> table = {
      {nullptr, nullptr, "en_US.UTF-8", "en"},       {nullptr, nullptr, "fr_FR.UTF-8", "fr"},
      {"en_GB.UTF-8", nullptr, "fr_FR.UTF-8", "en"}, {nullptr, "en_US", "fr_FR", "en"},
      {nullptr, nullptr, "C.UTF-8", "fr"},           {nullptr, nullptr, nullptr, "fr"}};
  for (const auto& [all, messages, lang, expected] : table) {
    all ? setenv("LC_ALL", all, 1) : unsetenv("LC_ALL");
    messages ? setenv("LC_MESSAGES", messages, 1) : unsetenv("LC_MESSAGES");
    lang ? setenv("LANG", lang, 1) : unsetenv("LANG");
    CHECK(default_locale() == expected);
  }
}

TEST_CASE("default locale dir follows VEILLE_DATA_DIR") {
  setenv("VEILLE_DATA_DIR", VEILLE_SOURCE_DIR, 1);
  CHECK(default_locale_dir() == std::string(VEILLE_SOURCE_DIR) + "/locales");
}

TEST_CASE("json escapes control characters and replaces invalid UTF-8") {
  Run run = fixed_run();
  run.results[0].findings[0].message = std::string(
                                           "a\x01"
                                           "b\tc\"d\\e\xff") +
                                       "f\xc3\xa9\xf0\x9f\x97\xb3";
  const std::string out = render(run, "jsonl");
  CHECK(out.find("\"message\":\"a\\u0001b\\tc\\\"d\\\\e\xEF\xBF\xBD"
                 "f\xc3\xa9\xf0\x9f\x97\xb3\"") != std::string::npos);
}

TEST_CASE("writers that render records on their own give write()'s exact bytes") {
  const Run& run = fixed_run();
  for (const auto& format : writer_formats()) {
    INFO(format);
    std::ostringstream direct, rendered;
    auto a = make_writer(format, {}, direct);
    auto b = make_writer(format, {}, rendered);
    a->begin(run.info);
    b->begin(run.info);
    for (std::size_t i = 0; i < run.docs.size(); ++i) {
      a->write(run.docs[i], run.results[i]);
      const std::string text = b->renders_records() ? b->render(run.docs[i], run.results[i]) : "";
      b->write_rendered(run.docs[i], run.results[i], text);
    }
    a->end(run.summary);
    b->end(run.summary);
    CHECK(rendered.str() == direct.str());
    CHECK(b->renders_records() == (format == "jsonl"));
  }
}
