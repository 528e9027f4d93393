// Golden files for every format on the fixed run. Regenerate with VEILLE_UPDATE_GOLDEN=1
// (then review the diff: a golden change is an output-contract change).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <sstream>

#include "fixture.hpp"

using namespace veille;
using namespace veille::test;

namespace {

std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected), a(actual);
  std::string le, la;
  for (int line = 1;; ++line) {
    const bool ge = static_cast<bool>(std::getline(e, le));
    const bool ga = static_cast<bool>(std::getline(a, la));
    if (!ge && !ga) return "sizes differ only in line endings";
    if (ge != ga || le != la)
      return "line " + std::to_string(line) + "\n  expected: " + (ge ? le : "<end>") +
             "\n  actual:   " + (ga ? la : "<end>");
  }
}

void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = source_dir() + "/tests/report/golden/" + name;
  const char* update = std::getenv("VEILLE_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    write_text(path, actual);
    WARN("golden file rewritten: " << path);
    return;
  }
  std::string expected;
  REQUIRE_NOTHROW(expected = read_text(path));
  INFO("golden " << path << " differs (VEILLE_UPDATE_GOLDEN=1 regenerates it): "
                 << (expected == actual ? "" : first_difference(expected, actual)));
  CHECK(expected == actual);
}

}  // namespace

TEST_CASE("golden: text in French") {
  check_golden("text.fr.txt", render(fixed_run(), "text"));
}

TEST_CASE("golden: text in English with explain") {
  ReportOptions o;
  o.locale = "en";
  o.explain = true;
  check_golden("text.en.txt", render(fixed_run(), "text", o));
}

TEST_CASE("golden: text with ANSI colors") {
  ReportOptions o;
  o.color = true;
  check_golden("text.color.txt", render(fixed_run(), "text", o));
}

TEST_CASE("golden: json") {
  check_golden("report.json", render(fixed_run(), "json"));
}

TEST_CASE("golden: jsonl") {
  check_golden("records.jsonl", render(fixed_run(), "jsonl"));
}

TEST_CASE("golden: jsonl redacted with suppressed shown") {
  ReportOptions o;
  o.redact = true;
  o.show_suppressed = true;
  check_golden("records.redacted.jsonl", render(fixed_run(), "jsonl", o));
}

TEST_CASE("golden: sarif") {
  check_golden("report.sarif", render(fixed_run(), "sarif"));
}

TEST_CASE("golden: html") {
  check_golden("report.html", render(fixed_run(), "html"));
}

TEST_CASE("golden: html in English with suppressed shown") {
  ReportOptions o;
  o.locale = "en";
  o.show_suppressed = true;
  check_golden("report.en.html", render(fixed_run(), "html", o));
}

TEST_CASE("golden: csv") {
  check_golden("findings.csv", render(fixed_run(), "csv"));
}

TEST_CASE("every format is deterministic") {
  for (const auto& format : writer_formats())
    CHECK(render(fixed_run(), format) == render(fixed_run(), format));
}

TEST_CASE("unknown format is refused") {
  std::ostringstream out;
  CHECK_THROWS_AS(make_writer("xml", {}, out), std::invalid_argument);
  CHECK(writer_formats() ==
        std::vector<std::string>{"text", "json", "jsonl", "sarif", "html", "csv"});
}
