// published_at in every accepted form, and rejection of bad forms.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "helpers.hpp"

using namespace veille;
using veille::test::territory;

namespace {

std::string parsed_utc(const std::string& value, const char* where = "FR",
                       bool* offset_given = nullptr) {
  std::string err;
  auto p = parse_timestamp(value, territory(where), &err);
  if (!p) return "ERROR: " + err;
  if (offset_given) *offset_given = p->offset_given;
  return format_utc(p->at) +
         (p->at.time_since_epoch().count() % 1000
              ? "+" + std::to_string(p->at.time_since_epoch().count() % 1000) + "ms"
              : "");
}

}  // namespace

TEST_CASE("ISO 8601 forms with an offset") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"2017-05-07T19:59:00+02:00", "2017-05-07T17:59:00Z"},
      {"2017-05-07T17:59:00Z", "2017-05-07T17:59:00Z"},
      {"2017-05-07T17:59:00z", "2017-05-07T17:59:00Z"},
      {"2017-05-07T19:59:00+0200", "2017-05-07T17:59:00Z"},
      {"2017-05-07T19:59:00+02", "2017-05-07T17:59:00Z"},
      {"2017-05-07T19:59+02:00", "2017-05-07T17:59:00Z"},
      {"2017-05-07 19:59:00+02:00", "2017-05-07T17:59:00Z"},
      {"2017-05-06T12:00:00-04:00", "2017-05-06T16:00:00Z"},
      {"2017-05-06T08:00:00-09:30", "2017-05-06T17:30:00Z"},
      {"  2017-05-07T17:59:00Z  ", "2017-05-07T17:59:00Z"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    bool given = false;
    CHECK(parsed_utc(c.in, "FR", &given) == c.out);
    CHECK(given);
  }
}

TEST_CASE("ISO 8601 fractions of a second are kept to the millisecond") {
  CHECK(parsed_utc("2017-05-07T19:59:00.5+02:00") == "2017-05-07T17:59:00Z+500ms");
  CHECK(parsed_utc("2017-05-07T19:59:00.123456Z") == "2017-05-07T19:59:00Z+123ms");
  CHECK(parsed_utc("2017-05-07T19:59:00,250Z") == "2017-05-07T19:59:00Z+250ms");
}

TEST_CASE("ISO 8601 without offset is read in the territory's zone") {
  bool given = true;
  CHECK(parsed_utc("2017-05-07T19:59:00", "FR", &given) == "2017-05-07T17:59:00Z");
  CHECK_FALSE(given);
  CHECK(parsed_utc("2017-05-06T12:00", "GP", &given) == "2017-05-06T16:00:00Z");
  CHECK_FALSE(given);
  CHECK(parsed_utc("2017-05-06T08:00:00", "PF") == "2017-05-06T18:00:00Z");
  CHECK(parsed_utc("2026-03-15T20:00:00", "FR") == "2026-03-15T19:00:00Z");  // winter, +01:00
  CHECK(parsed_utc("2017-05-07T12:00:00", "NC") == "2017-05-07T01:00:00Z");
}

TEST_CASE("RFC 2822 forms") {
  CHECK(parsed_utc("Sun, 07 May 2017 19:59:00 +0200") == "2017-05-07T17:59:00Z");
  CHECK(parsed_utc("Sun, 7 May 2017 17:59:00 GMT") == "2017-05-07T17:59:00Z");
  CHECK(parsed_utc("Sun, 07 May 2017 17:59:00 UT") == "2017-05-07T17:59:00Z");
  CHECK(parsed_utc("07 May 2017 19:59:00 +0200") == "2017-05-07T17:59:00Z");
  CHECK(parsed_utc("7 May 2017 19:59 +0200") == "2017-05-07T17:59:00Z");
  CHECK(parsed_utc("Sat, 06 May 2017 12:00:00 -0400") == "2017-05-06T16:00:00Z");
  CHECK(parsed_utc("Sun, 07 May 2017 19:59:00 +0200 (CEST)") == "2017-05-07T17:59:00Z");
  CHECK(parsed_utc("sun, 07 may 2017 13:59:00 EDT") == "2017-05-07T17:59:00Z");
}

TEST_CASE("Twitter created_at") {
  bool given = false;
  CHECK(parsed_utc("Sun May 07 17:59:00 +0000 2017", "FR", &given) == "2017-05-07T17:59:00Z");
  CHECK(given);
  CHECK(parsed_utc("Sat May 06 12:00:00 -0400 2017") == "2017-05-06T16:00:00Z");
}

TEST_CASE("epoch seconds and milliseconds as digit strings") {
  CHECK(parsed_utc("1494179940") == "2017-05-07T17:59:00Z");
  CHECK(parsed_utc("1494179940000") == "2017-05-07T17:59:00Z");
  CHECK(parsed_utc("1494179940123") == "2017-05-07T17:59:00Z+123ms");
}

TEST_CASE("bad forms are rejected with the value quoted and the accepted forms listed") {
  const char* bad[] = {
      "",
      "yesterday",
      "2017-05-07",                       // a date is not a publication time
      "2017-13-07T19:59:00+02:00",        // month 13
      "2017-02-30T10:00:00Z",             // no such day
      "2017-05-07T25:00:00Z",             // hour
      "2017-05-07T19:61:00Z",             // minute
      "2017-05-07T19:59:00+02:00 extra",  // trailing text
      "2017-05-07T19:59:00 CEST",         // named zone
      "Sun, 07 May 2017 19:59:00 CEST",   // named zone (ambiguous)
      "Mon, 07 May 2017 19:59:00 +0200",  // wrong weekday
      "Sun May 07 17:59:00 2017",         // Twitter without offset
      "149417994",                        // 9 digits
      "14941799400",                      // 11 digits
      "1494179940.5",
      "07/05/2017 19:59",
      "2017-05-07T19:59:00+2:00",
  };
  for (const char* v : bad) {
    INFO(v);
    std::string err;
    auto p = parse_timestamp(v, territory("FR"), &err);
    CHECK_FALSE(p.has_value());
    CHECK(err.find("\"" + std::string(v) + "\"") != std::string::npos);
    CHECK(err.find(std::string(accepted_time_forms())) != std::string::npos);
  }
}

TEST_CASE("format_local and from_local through ICU") {
  const Instant t = veille::test::at("2017-05-07T18:00:00Z");
  CHECK(format_local(t, "Europe/Paris") == "2017-05-07T20:00:00+02:00");
  CHECK(format_local(t, "America/Guadeloupe") == "2017-05-07T14:00:00-04:00");
  CHECK(format_local(t, "Pacific/Tahiti") == "2017-05-07T08:00:00-10:00");
  CHECK(format_local(t, "Pacific/Marquesas") == "2017-05-07T08:30:00-09:30");
  CHECK(format_local(t, "Pacific/Noumea") == "2017-05-08T05:00:00+11:00");
  CHECK(format_local(veille::test::at("2026-03-15T19:00:00Z"), "Europe/Paris") ==
        "2026-03-15T20:00:00+01:00");
  CHECK(format_utc(from_local(2017, 5, 6, 0, 0, "America/Miquelon")) == "2017-05-06T02:00:00Z");
  CHECK(format_utc(from_local(2017, 5, 6, 0, 0, "Indian/Mayotte")) == "2017-05-05T21:00:00Z");
  // DST gap in Paris (27 March 2022 02:00 -> 03:00): resolved forward to the first valid wall
  // time, 03:00+02:00.
  CHECK(format_utc(from_local(2022, 3, 27, 2, 30, "Europe/Paris")) == "2022-03-27T01:00:00Z");
  CHECK(format_utc(from_local(2022, 3, 27, 3, 0, "Europe/Paris")) == "2022-03-27T01:00:00Z");
  // Repeated hour (30 October 2022 02:30 happens twice): the first one.
  CHECK(format_utc(from_local(2022, 10, 30, 2, 30, "Europe/Paris")) == "2022-10-30T00:30:00Z");
}

TEST_CASE("unknown zones are errors, not Etc/Unknown") {
  CHECK_THROWS_AS(format_local(Instant{}, "Europe/Atlantis"), std::invalid_argument);
  CHECK_THROWS_AS(from_local(2017, 5, 7, 20, 0, "Mars/Olympus"), std::invalid_argument);
  CHECK_FALSE(is_known_zone("Europe/Atlantis"));
  CHECK_THROWS_AS(from_local(2017, 2, 30, 12, 0, "Europe/Paris"), std::invalid_argument);
  CHECK_THROWS_AS(from_local(2017, 5, 7, 24, 0, "Europe/Paris"), std::invalid_argument);
  for (const auto& t : territories()) {
    INFO(t.code);
    CHECK(is_known_zone(t.zone));
  }
}

TEST_CASE("territories and their zones (legal brief 1.24)") {
  const std::pair<const char*, const char*> expected[] = {
      {"FR", "Europe/Paris"},     {"GP", "America/Guadeloupe"},    {"MQ", "America/Martinique"},
      {"GF", "America/Cayenne"},  {"RE", "Indian/Reunion"},        {"YT", "Indian/Mayotte"},
      {"PM", "America/Miquelon"}, {"BL", "America/St_Barthelemy"}, {"MF", "America/Marigot"},
      {"PF", "Pacific/Tahiti"},   {"NC", "Pacific/Noumea"},        {"WF", "Pacific/Wallis"}};
  CHECK(territories().size() == 12);
  for (const auto& [code, zone] : expected) {
    INFO(code);
    REQUIRE(find_territory(code) != nullptr);
    CHECK(find_territory(code)->zone == zone);
  }
  CHECK(find_territory("gp") != nullptr);
  CHECK(find_territory("XX") == nullptr);
}

TEST_CASE("parse_timestamp is safe from several threads") {
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([&, k] {
      const char* zones[] = {"FR", "GP", "PF", "RE"};
      const char* expect[] = {"2017-05-06T10:00:00Z", "2017-05-06T16:00:00Z",
                              "2017-05-06T22:00:00Z", "2017-05-06T08:00:00Z"};
      for (int i = 0; i < 2000; ++i) {
        auto p = parse_timestamp("2017-05-06T12:00:00", territory(zones[k]));
        if (!p || format_utc(p->at) != expect[k]) ++wrong;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(wrong == 0);
}
