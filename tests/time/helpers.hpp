#pragma once
// Shared helpers for the time/ stage tests.
#include <string>

#include "veille/time.hpp"

namespace veille::test {

inline std::string source_dir() {
  return VEILLE_SOURCE_DIR;
}

inline const Calendar& builtin_calendar() {
  static const Calendar cal = [] {
    CalendarOptions o;
    o.schema = source_dir() + "/rules/schema/calendar.rng";
    return Calendar::load({source_dir() + "/rules/calendars/fr.xml"}, o);
  }();
  return cal;
}

inline const Territory& territory(const char* code) {
  const Territory* t = find_territory(code);
  if (!t) throw std::runtime_error(std::string("no territory ") + code);
  return *t;
}

// Parses an ISO time with offset (test input, must be valid).
inline Instant at(const char* iso) {
  std::string err;
  auto p = parse_timestamp(iso, territory("FR"), &err);
  if (!p) throw std::runtime_error(err);
  return p->at;
}

inline std::string utc(Instant t) {
  return format_utc(t);
}

}  // namespace veille::test
