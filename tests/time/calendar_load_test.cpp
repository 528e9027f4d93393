// Calendar::load: schema validation, errors naming file:line and the fact, several files.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "helpers.hpp"

using namespace veille;
using veille::test::source_dir;
using veille::test::territory;

namespace {

std::string write_temp(const std::string& name, const std::string& content) {
  const auto dir = std::filesystem::temp_directory_path() / "veille-time-tests";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path) << content;
  return path.string();
}

CalendarOptions options() {
  CalendarOptions o;
  o.schema = source_dir() + "/rules/schema/calendar.rng";
  return o;
}

std::string load_error(const std::vector<std::string>& files) {
  try {
    Calendar::load(files, options());
  } catch (const CalendarError& e) {
    return e.what();
  }
  return "no error";
}

const char* kByElection = R"(<?xml version="1.0" encoding="UTF-8"?>
<calendar version="user-partielle-1">
  <election id="fr-partielle-2025-ain-1" kind="partielle" national-general="false" single-constituency="false">
    <title>Législative partielle, Ain 1re circonscription</title>
    <source>test</source>
    <round number="1" date="2025-04-06" close="18:00">
      <source>test</source>
    </round>
    <round number="2" date="2025-04-13" close="18:00">
      <source>test</source>
    </round>
  </election>
</calendar>
)";

}  // namespace

TEST_CASE("the built-in calendar validates and holds every election of the issue") {
  const Calendar& cal = veille::test::builtin_calendar();
  const char* ids[] = {
      "fr-presidentielle-2017", "fr-presidentielle-2022",  "fr-legislatives-2017",
      "fr-legislatives-2022",   "fr-legislatives-2024",    "fr-europeennes-2019",
      "fr-europeennes-2024",    "fr-municipales-2020",     "fr-municipales-2026",
      "fr-regionales-2021",     "fr-departementales-2021", "fr-presidentielle-2027"};
  for (const char* id : ids) {
    INFO(id);
    CHECK(cal.find(id) != nullptr);
  }
  const Election& m20 = *cal.find("fr-municipales-2020");
  REQUIRE(m20.rounds.size() == 2);
  CHECK(m20.rounds[1].date == std::chrono::year{2020} / 6 / 28);
  const Election& l17 = *cal.find("fr-legislatives-2017");
  CHECK(l17.rounds[0].voting_day("PF") == std::chrono::year{2017} / 6 / 3);
  CHECK(l17.rounds[0].voting_day("GP") == std::chrono::year{2017} / 6 / 10);
  CHECK(l17.rounds[0].voting_day("FR") == std::chrono::year{2017} / 6 / 11);
  CHECK(l17.rounds[0].voting_day("RE") == std::chrono::year{2017} / 6 / 11);
  CHECK(cal.find("fr-presidentielle-2017")->rounds[0].saturday_confidence ==
        Confidence::partly_verified);
  CHECK(cal.find("fr-presidentielle-2022")->rounds[0].saturday_confidence == Confidence::verified);
  CHECK(cal.find("fr-legislatives-2022")->rounds[0].voting_day_confidence("PF") ==
        Confidence::unverified);
  CHECK(cal.find("fr-presidentielle-2027")->source.find("A15053") != std::string::npos);
  CHECK(cal.find("fr-presidentielle-2022")->decisive_round()->number == 2);
}

TEST_CASE("a user file adds a by-election (several files)") {
  const auto user = write_temp("partielle.xml", kByElection);
  auto cal = Calendar::load({source_dir() + "/rules/calendars/fr.xml", user}, options());
  CHECK(cal.version() == "fr-2026.12.1+user-partielle-1");
  const Election* e = cal.find("fr-partielle-2025-ain-1");
  REQUIRE(e != nullptr);
  CHECK(e->kind == "partielle");
  const auto ws = cal.windows(*e, territory("FR"));
  bool l163 = false, silence2 = false;
  for (const auto& w : ws) {
    if (w.name == "platform-transparency" || w.name == "false-news-injunction") l163 = true;
    if (w.name == "silence" && w.round == 2) {
      silence2 = true;
      CHECK(format_local(w.until, "Europe/Paris") == "2025-04-13T18:00:00+02:00");
    }
  }
  CHECK_FALSE(l163);
  CHECK(silence2);
  // The by-election's windows are active at its own times.
  bool found = false;
  for (const auto& w :
       cal.active_at(veille::test::at("2025-04-12T10:00:00+02:00"), territory("FR")))
    if (w.election == e->id && w.name == "silence") found = true;
  CHECK(found);
}

TEST_CASE("schema errors give CalendarError with file and line") {
  std::string bad = kByElection;
  bad.replace(bad.find("kind=\"partielle\""), 16, "kind=\"cantonales\"");
  const auto path = write_temp("bad-kind.xml", bad);
  const std::string err = load_error({path});
  CAPTURE(err);
  CHECK(err.find(path + ":3:") != std::string::npos);
  CHECK(err.find("kind") != std::string::npos);

  std::string bad_date = kByElection;
  bad_date.replace(bad_date.find("2025-04-13"), 10, "2025-13-40");
  const auto p2 = write_temp("bad-date.xml", bad_date);
  const std::string err2 = load_error({p2});
  CAPTURE(err2);
  CHECK(err2.find(p2 + ":9:") != std::string::npos);
}

TEST_CASE("semantic errors name the file, the line and the fact") {
  std::string order = kByElection;
  order.replace(order.find("2025-04-13"), 10, "2025-04-01");
  const auto p1 = write_temp("bad-order.xml", order);
  const std::string e1 = load_error({p1});
  CAPTURE(e1);
  CHECK(e1.find(p1 + ":9:") != std::string::npos);
  CHECK(e1.find("fr-partielle-2025-ain-1 round 2") != std::string::npos);
  CHECK(e1.find("not after round 1") != std::string::npos);

  std::string ng = kByElection;
  ng.replace(ng.find("national-general=\"false\""), 24, "national-general=\"true\"");
  const auto p2 = write_temp("bad-l163.xml", ng);
  const std::string e2 = load_error({p2});
  CAPTURE(e2);
  CHECK(e2.find(p2 + ":3:") != std::string::npos);
  CHECK(e2.find("national-general") != std::string::npos);

  std::string late = kByElection;
  late.replace(late.find("close=\"18:00\""), 13, "close=\"21:00\"");
  const auto p3 = write_temp("bad-close.xml", late);
  const std::string e3 = load_error({p3});
  CAPTURE(e3);
  CHECK(e3.find(p3 + ":6:") != std::string::npos);
  CHECK(e3.find("21:00") != std::string::npos);

  // Same election twice (built-in file loaded twice).
  const std::string fr = source_dir() + "/rules/calendars/fr.xml";
  const std::string e4 = load_error({fr, fr});
  CAPTURE(e4);
  CHECK(e4.find("already defined") != std::string::npos);
  CHECK(e4.find("fr-presidentielle-2017") != std::string::npos);

  std::string sat = kByElection;
  sat.replace(sat.find("      <source>test</source>\n    </round>"), 0,
              "      <saturday territories=\"GP GP\"/>\n");
  const auto p5 = write_temp("bad-sat.xml", sat);
  const std::string e5 = load_error({p5});
  CAPTURE(e5);
  CHECK(e5.find(p5 + ":7:") != std::string::npos);
  CHECK(e5.find("GP listed twice") != std::string::npos);
}

TEST_CASE("unreadable input is an error naming the file") {
  CHECK(load_error({"/nonexistent/cal.xml"}).find("/nonexistent/cal.xml") != std::string::npos);
  const auto p = write_temp("broken.xml", "<calendar version=\"x\">\n<election\n");
  const std::string e = load_error({p});
  CAPTURE(e);
  CHECK(e.find(p + ":") != std::string::npos);
  CHECK_THROWS_AS(Calendar::load({}, options()), CalendarError);
}

TEST_CASE("the default schema is found without options") {
  auto cal = Calendar::load({source_dir() + "/rules/calendars/fr.xml"});
  CHECK(cal.version() == "fr-2026.12.1");
  CalendarOptions o;
  o.schema = "/nonexistent/calendar.rng";
  try {
    Calendar::load({source_dir() + "/rules/calendars/fr.xml"}, o);
    FAIL("a missing schema must be an error");
  } catch (const CalendarError& e) {
    CHECK(std::string(e.what()).find("/nonexistent/calendar.rng") != std::string::npos);
  }
}
