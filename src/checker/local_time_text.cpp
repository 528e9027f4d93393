#include "checker/local_time_text.hpp"

#include <array>
#include <chrono>
#include <charconv>

namespace veille::detail {
namespace {

constexpr std::array<std::string_view, 7> kDaysFr{"dimanche", "lundi",    "mardi", "mercredi",
                                                  "jeudi",    "vendredi", "samedi"};
constexpr std::array<std::string_view, 7> kDaysEn{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                  "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> kMonthsFr{
    "janvier", "février", "mars",      "avril",   "mai",      "juin",
    "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
constexpr std::array<std::string_view, 12> kMonthsEn{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

int number(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// The zone's name as people say it: "Europe/Paris" -> "Paris".
std::string_view zone_city(std::string_view zone) {
  auto slash = zone.rfind('/');
  return slash == std::string_view::npos ? zone : zone.substr(slash + 1);
}

}  // namespace

std::string human_local_time(Instant t, std::string_view zone, std::string_view locale) {
  // format_local gives "YYYY-MM-DDTHH:MM:SS+HH:MM" in the zone.
  const std::string iso = format_local(t, zone);
  if (iso.size() < 16) return iso;
  const int y = number(std::string_view(iso).substr(0, 4));
  const int mo = number(std::string_view(iso).substr(5, 2));
  const int d = number(std::string_view(iso).substr(8, 2));
  const std::string hhmm = iso.substr(11, 5);
  const std::chrono::year_month_day ymd{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(mo)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  const unsigned wd = std::chrono::weekday{std::chrono::sys_days{ymd}}.c_encoding();
  if (mo < 1 || mo > 12 || wd > 6) return iso;
  std::string city(zone_city(zone));
  for (auto& c : city)
    if (c == '_') c = ' ';
  if (locale == "en") {
    return std::string(kDaysEn[wd]) + " " + std::to_string(d) + " " +
           std::string(kMonthsEn[mo - 1]) + " " + std::to_string(y) + " at " + hhmm + " (" +
           city + " time)";
  }
  return std::string(kDaysFr[wd]) + " " + (d == 1 ? std::string("1er") : std::to_string(d)) +
         " " + std::string(kMonthsFr[mo - 1]) + " " + std::to_string(y) + " à " + hhmm +
         " (heure de " + city + ")";
}

}  // namespace veille::detail
