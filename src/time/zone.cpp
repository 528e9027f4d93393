// Wall clock <-> UTC through ICU. ICU Calendars are not thread-safe: each thread keeps its own
// GregorianCalendar per zone (thread_local cache), so the batch mode may call these concurrently.
#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "veille/time.hpp"

namespace veille {
namespace {

icu::Calendar& calendar_for(std::string_view zone) {
  thread_local std::map<std::string, std::unique_ptr<icu::Calendar>, std::less<>> cache;
  if (auto it = cache.find(zone); it != cache.end()) return *it->second;
  std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(
      icu::StringPiece(zone.data(), static_cast<int32_t>(zone.size())))));
  if (!tz || *tz == icu::TimeZone::getUnknown())
    throw std::invalid_argument("unknown time zone \"" + std::string(zone) + "\"");
  UErrorCode status = U_ZERO_ERROR;
  auto cal = std::make_unique<icu::GregorianCalendar>(tz.release(), status);
  if (U_FAILURE(status))
    throw std::runtime_error("ICU cannot build a calendar for zone \"" + std::string(zone) +
                             "\": " + u_errorName(status));
  cal->setLenient(true);
  cal->setSkippedWallTimeOption(UCAL_WALLTIME_NEXT_VALID);
  cal->setRepeatedWallTimeOption(UCAL_WALLTIME_FIRST);
  auto& ref = *cal;
  cache.emplace(std::string(zone), std::move(cal));
  return ref;
}

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

}  // namespace

bool is_known_zone(std::string_view zone) {
  try {
    calendar_for(zone);
    return true;
  } catch (const std::invalid_argument&) {
    return false;
  }
}

Instant from_local(int year, unsigned month, unsigned day, int hour, int minute,
                   std::string_view zone) {
  icu::Calendar& cal = calendar_for(zone);
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                        std::chrono::day{day}};
  if (!ymd.ok() || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    throw std::invalid_argument("invalid local time " + std::to_string(year) + "-" +
                                std::to_string(month) + "-" + std::to_string(day) + " " +
                                std::to_string(hour) + ":" + std::to_string(minute) + " in " +
                                std::string(zone));
  cal.clear();
  cal.set(year, static_cast<int32_t>(month) - 1, static_cast<int32_t>(day), hour, minute, 0);
  UErrorCode status = U_ZERO_ERROR;
  const UDate ms = cal.getTime(status);
  if (U_FAILURE(status))
    throw std::invalid_argument("invalid local time in " + std::string(zone) + ": " +
                                u_errorName(status));
  return Instant{std::chrono::milliseconds{static_cast<long long>(ms)}};
}

LocalTime to_local(Instant t, std::string_view zone) {
  icu::Calendar& cal = calendar_for(zone);
  UErrorCode status = U_ZERO_ERROR;
  cal.setTime(static_cast<UDate>(t.time_since_epoch().count()), status);
  LocalTime lt;
  lt.year = cal.get(UCAL_EXTENDED_YEAR, status);
  lt.month = static_cast<unsigned>(cal.get(UCAL_MONTH, status) + 1);
  lt.day = static_cast<unsigned>(cal.get(UCAL_DATE, status));
  lt.hour = cal.get(UCAL_HOUR_OF_DAY, status);
  lt.minute = cal.get(UCAL_MINUTE, status);
  lt.second = cal.get(UCAL_SECOND, status);
  lt.weekday = static_cast<unsigned>(cal.get(UCAL_DAY_OF_WEEK, status) - UCAL_SUNDAY);
  lt.offset_minutes =
      (cal.get(UCAL_ZONE_OFFSET, status) + cal.get(UCAL_DST_OFFSET, status)) / 60000;
  if (U_FAILURE(status))
    throw std::runtime_error("ICU cannot convert an instant to " + std::string(zone) + ": " +
                             u_errorName(status));
  return lt;
}

std::string format_local(Instant t, std::string_view zone) {
  const LocalTime lt = to_local(t, zone);
  char buf[48];
  const int off = lt.offset_minutes < 0 ? -lt.offset_minutes : lt.offset_minutes;
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", lt.year, lt.month,
                lt.day, lt.hour, lt.minute, lt.second, lt.offset_minutes < 0 ? '-' : '+', off / 60,
                off % 60);
  return buf;
}

namespace {
struct UtcParts {
  int y;
  unsigned m, d;
  long long secs;
};
UtcParts utc_parts(Instant t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const long long secs = duration_cast<seconds>(t - day).count();
  return {int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()), secs};
}
}  // namespace

std::string format_utc_basic(Instant t) {
  const auto p = utc_parts(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%s%s%sZ", p.y, p.m, p.d,
                two(int(p.secs / 3600)).c_str(), two(int(p.secs / 60 % 60)).c_str(),
                two(int(p.secs % 60)).c_str());
  return buf;
}

std::string format_utc(Instant t) {
  const auto p = utc_parts(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%s:%s:%sZ", p.y, p.m, p.d,
                two(int(p.secs / 3600)).c_str(), two(int(p.secs / 60 % 60)).c_str(),
                two(int(p.secs % 60)).c_str());
  return buf;
}

}  // namespace veille
