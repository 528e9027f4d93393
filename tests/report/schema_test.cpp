// The json and jsonl outputs validate against docs/schemas/*.json, the sarif output against the
// official SARIF 2.1.0 schema (all with /usr/bin/python3 -m jsonschema's library).
#include <catch2/catch.hpp>

#include "fixture.hpp"

using namespace veille;
using namespace veille::test;

namespace {

int validate(const std::string& schema, const std::string& text, bool lines) {
  const std::string dir = temp_dir();
  const std::string file = dir + "/out.json";
  write_text(file, text);
  const std::string cmd = "/usr/bin/python3 " + source_dir() + "/tests/report/validate_json.py " +
                          source_dir() + "/docs/schemas/" + schema + " " + file +
                          (lines ? " --lines" : "");
  return run_command(cmd);
}

}  // namespace

TEST_CASE("schema: jsonl validates against veille-jsonl.schema.json") {
  for (bool redact : {false, true})
    for (bool show : {false, true}) {
      ReportOptions o;
      o.redact = redact;
      o.show_suppressed = show;
      o.explain = true;
      CHECK(validate("veille-jsonl.schema.json", render(fixed_run(), "jsonl", o), true) == 0);
    }
}

TEST_CASE("schema: json validates against veille-report.schema.json") {
  ReportOptions o;
  CHECK(validate("veille-report.schema.json", render(fixed_run(), "json", o), false) == 0);
  o.show_suppressed = true;
  o.locale = "en";
  CHECK(validate("veille-report.schema.json", render(fixed_run(), "json", o), false) == 0);
}

TEST_CASE("schema: sarif validates against the SARIF 2.1.0 schema") {
  ReportOptions o;
  CHECK(validate("sarif-schema-2.1.0.json", render(fixed_run(), "sarif", o), false) == 0);
  o.show_suppressed = true;  // adds result.suppressions
  CHECK(validate("sarif-schema-2.1.0.json", render(fixed_run(), "sarif", o), false) == 0);
}

TEST_CASE("schema: the validator rejects a broken record") {
  // Guards against a validator that accepts everything.
  CHECK(validate("veille-jsonl.schema.json", "{\"id\":\"x\",\"status\":\"ok\"}\n", true) == 1);
  CHECK(validate("veille-jsonl.schema.json",
                 "{\"id\":\"x\",\"status\":\"error\",\"error\":\"e\",\"findings\":[]}\n",
                 true) == 0);
}
