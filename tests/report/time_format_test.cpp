// The report's cached local-time formatting prints exactly what format_local prints.
#include <catch2/catch.hpp>

#include "veille/report.hpp"

using namespace veille;
using namespace std::chrono;

TEST_CASE("local times match format_local across DST changes and zones") {
  const std::vector<std::string> zones = {"Europe/Paris",    "America/Guadeloupe", "Pacific/Noumea",
                                          "Indian/Reunion",  "Pacific/Marquesas",  "UTC",
                                          "America/Miquelon"};
  // Around the 2017 spring and autumn changes in Paris, minute by minute, and a spread of years.
  std::vector<Instant> instants;
  const Instant spring = sys_days{year{2017} / March / 26} + hours{0};
  const Instant autumn = sys_days{year{2017} / October / 29} + hours{0};
  for (int m = 0; m < 4 * 60; m += 7) {
    instants.push_back(spring + minutes{m} + seconds{m % 60});
    instants.push_back(autumn + minutes{m} + milliseconds{999});
  }
  for (int y = 1970; y <= 2040; y += 3)
    for (unsigned mo : {1u, 4u, 7u, 10u})
      instants.push_back(sys_days{year{y} / month{mo} / day{15}} + hours{13} + minutes{mo});
  instants.push_back(Instant{} - hours{24 * 365 * 20});  // before 1970: direct path
  for (const auto& zone : zones)
    for (const Instant t : instants) {
      INFO(zone << " " << t.time_since_epoch().count());
      CHECK(format_report_time(t, zone) == format_local(t, zone));
    }
  CHECK(format_report_time(instants.front(), "") == format_local(instants.front(), "UTC"));
}
