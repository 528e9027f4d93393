// Timestamp parsing: hand-rolled, locale-independent (month and day names are matched here, never
// through setlocale/strptime). Forms: ISO 8601, RFC 2822, Twitter created_at, epoch s / ms.
#include <cctype>
#include <chrono>
#include <string>

#include "veille/time.hpp"

namespace veille {
namespace {

using namespace std::chrono;

struct Fields {
  int year = 0;
  unsigned month = 0, day = 0;
  int hour = 0, minute = 0, second = 0, millis = 0;
  bool has_offset = false;
  int offset_minutes = 0;
  int weekday = -1;  // 0 = Sunday, when the form names it
};

// A reason for rejection, folded into the final message.
struct Reject {
  std::string why;
};

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  bool eat_ci(char c) {
    if (std::tolower(static_cast<unsigned char>(peek())) != c) return false;
    ++i_;
    return true;
  }
  // Exactly n digits.
  bool digits(int n, int& out) {
    if (i_ + static_cast<std::size_t>(n) > s_.size()) return false;
    int v = 0;
    for (int k = 0; k < n; ++k) {
      const char c = s_[i_ + static_cast<std::size_t>(k)];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    i_ += static_cast<std::size_t>(n);
    out = v;
    return true;
  }
  // 1 to max digits.
  int digit_run(int max, int& out) {
    int n = 0, v = 0;
    while (n < max && !done() && std::isdigit(static_cast<unsigned char>(peek()))) {
      v = v * 10 + (s_[i_++] - '0');
      ++n;
    }
    out = v;
    return n;
  }
  std::string_view word() {
    const std::size_t b = i_;
    while (!done() && std::isalpha(static_cast<unsigned char>(peek()))) ++i_;
    return s_.substr(b, i_ - b);
  }
  void spaces() {
    while (!done() && (peek() == ' ' || peek() == '\t')) ++i_;
  }
  bool one_space() {
    if (peek() != ' ' && peek() != '\t') return false;
    spaces();
    return true;
  }
  void skip() { ++i_; }
  std::size_t pos() const { return i_; }
  std::string_view rest() const { return s_.substr(i_); }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

int month_from_name(std::string_view w) {
  static constexpr std::string_view names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                               "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int i = 0; i < 12; ++i)
    if (iequals(w, names[i])) return i + 1;
  return 0;
}

int weekday_from_name(std::string_view w) {
  static constexpr std::string_view names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  for (int i = 0; i < 7; ++i)
    if (iequals(w, names[i])) return i;
  return -1;
}

void check_ranges(const Fields& f) {
  if (f.year < 1900 || f.year > 2200)
    throw Reject{"year " + std::to_string(f.year) + " out of range"};
  if (f.month < 1 || f.month > 12)
    throw Reject{"month " + std::to_string(f.month) + " out of range"};
  const year_month_day ymd{year{f.year}, month{f.month}, day{f.day}};
  if (!ymd.ok()) throw Reject{"day " + std::to_string(f.day) + " does not exist in that month"};
  if (f.hour > 23) throw Reject{"hour " + std::to_string(f.hour) + " out of range"};
  if (f.minute > 59) throw Reject{"minute " + std::to_string(f.minute) + " out of range"};
  if (f.second > 60) throw Reject{"second " + std::to_string(f.second) + " out of range"};
  if (f.weekday >= 0) {
    const weekday wd{sys_days{ymd}};
    if (static_cast<int>(wd.c_encoding()) != f.weekday)
      throw Reject{"the weekday does not match the date"};
  }
}

// "+02:00", "+0200", "+02", "-09:30", "Z".
bool iso_offset(Cursor& c, Fields& f) {
  if (c.eat_ci('z')) {
    f.has_offset = true;
    return true;
  }
  const char sign = c.peek();
  if (sign != '+' && sign != '-') return false;
  c.eat(sign);
  int hh = 0, mm = 0;
  if (!c.digits(2, hh)) throw Reject{"bad UTC offset"};
  if (c.eat(':')) {
    if (!c.digits(2, mm)) throw Reject{"bad UTC offset"};
  } else if (!c.done()) {
    if (!c.digits(2, mm)) throw Reject{"bad UTC offset"};
  }
  if (hh > 23 || mm > 59) throw Reject{"UTC offset out of range"};
  f.has_offset = true;
  f.offset_minutes = (sign == '-' ? -1 : 1) * (hh * 60 + mm);
  return true;
}

// YYYY-MM-DD[T ]HH:MM[:SS[.fff]][offset]
bool parse_iso(std::string_view s, Fields& f) {
  Cursor c(s);
  int y = 0, mo = 0, d = 0;
  if (!c.digits(4, y) || !c.eat('-')) return false;
  if (!c.digits(2, mo) || !c.eat('-') || !c.digits(2, d))
    throw Reject{"ISO 8601 date must be YYYY-MM-DD"};
  f.year = y;
  f.month = static_cast<unsigned>(mo);
  f.day = static_cast<unsigned>(d);
  if (c.done()) throw Reject{"a date without a time of day is not a publication time"};
  if (!c.eat_ci('t') && !c.eat(' ')) throw Reject{"expected 'T' between date and time"};
  if (!c.digits(2, f.hour) || !c.eat(':') || !c.digits(2, f.minute))
    throw Reject{"ISO 8601 time must be HH:MM[:SS[.fff]]"};
  if (c.eat(':')) {
    if (!c.digits(2, f.second)) throw Reject{"seconds must have two digits"};
    if (c.eat('.') || c.eat(',')) {
      int frac = 0;
      const int n = c.digit_run(9, frac);
      if (n == 0) throw Reject{"empty fraction of a second"};
      int ms = frac;
      for (int k = n; k < 3; ++k) ms *= 10;
      for (int k = n; k > 3; --k) ms /= 10;
      f.millis = ms;
      int ignored = 0;
      if (c.digit_run(64, ignored) > 0) {
      }  // more than 9 digits: dropped
    }
  }
  if (!c.done() && !iso_offset(c, f)) throw Reject{"unexpected text after the time"};
  if (!c.done()) throw Reject{"unexpected text after the UTC offset"};
  check_ranges(f);
  return true;
}

// RFC 2822 zone: +0200 / -0400, GMT, UT, UTC, Z, and the RFC 822 US zones.
bool rfc_zone(Cursor& c, Fields& f) {
  const char sign = c.peek();
  if (sign == '+' || sign == '-') {
    c.eat(sign);
    int hh = 0, mm = 0;
    if (!c.digits(2, hh)) throw Reject{"bad UTC offset"};
    c.eat(':');
    if (!c.digits(2, mm)) throw Reject{"bad UTC offset"};
    if (hh > 23 || mm > 59) throw Reject{"UTC offset out of range"};
    f.has_offset = true;
    f.offset_minutes = (sign == '-' ? -1 : 1) * (hh * 60 + mm);
    return true;
  }
  const std::string_view w = c.word();
  struct Named {
    std::string_view name;
    int minutes;
  };
  static constexpr Named named[] = {{"GMT", 0},       {"UT", 0},        {"UTC", 0},
                                    {"Z", 0},         {"EST", -5 * 60}, {"EDT", -4 * 60},
                                    {"CST", -6 * 60}, {"CDT", -5 * 60}, {"MST", -7 * 60},
                                    {"MDT", -6 * 60}, {"PST", -8 * 60}, {"PDT", -7 * 60}};
  for (const auto& n : named)
    if (iequals(w, n.name)) {
      f.has_offset = true;
      f.offset_minutes = n.minutes;
      return true;
    }
  if (!w.empty())
    throw Reject{"time zone name \"" + std::string(w) +
                 "\" is ambiguous; give a numeric offset such as +0200"};
  return false;
}

// [Wdy, ]D Mon YYYY HH:MM[:SS] zone [(comment)]
bool parse_rfc2822(std::string_view s, Fields& f) {
  Cursor c(s);
  if (std::isalpha(static_cast<unsigned char>(c.peek()))) {
    const auto w = c.word();
    f.weekday = weekday_from_name(w);
    if (f.weekday < 0 || !c.eat(',')) return false;
    c.spaces();
  }
  int d = 0;
  if (c.digit_run(2, d) == 0) return false;
  if (!c.one_space()) return false;
  const int mo = month_from_name(c.word());
  if (mo == 0) return false;
  if (!c.one_space()) throw Reject{"RFC 2822: expected a space after the month"};
  int y = 0;
  const int ny = c.digit_run(4, y);
  if (ny == 2)
    y += y < 50 ? 2000 : 1900;
  else if (ny != 4)
    throw Reject{"RFC 2822: the year must have 4 digits"};
  if (!c.one_space()) throw Reject{"RFC 2822: expected the time after the year"};
  f.year = y;
  f.month = static_cast<unsigned>(mo);
  f.day = static_cast<unsigned>(d);
  if (!c.digits(2, f.hour) || !c.eat(':') || !c.digits(2, f.minute))
    throw Reject{"RFC 2822: time must be HH:MM[:SS]"};
  if (c.eat(':') && !c.digits(2, f.second)) throw Reject{"RFC 2822: seconds must have two digits"};
  if (!c.one_space() || !rfc_zone(c, f)) throw Reject{"RFC 2822: a time zone is required"};
  c.spaces();
  if (c.eat('(')) {  // trailing comment such as "(CEST)"
    while (!c.done() && c.peek() != ')') c.skip();
    if (!c.eat(')')) throw Reject{"RFC 2822: unclosed comment"};
    c.spaces();
  }
  if (!c.done()) throw Reject{"unexpected text after the time zone"};
  check_ranges(f);
  return true;
}

// Wdy Mon DD HH:MM:SS +zzzz YYYY
bool parse_twitter(std::string_view s, Fields& f) {
  Cursor c(s);
  f.weekday = weekday_from_name(c.word());
  if (f.weekday < 0 || !c.eat(' ')) return false;
  const int mo = month_from_name(c.word());
  if (mo == 0 || !c.eat(' ')) return false;
  int d = 0;
  if (!c.digits(2, d) || !c.eat(' ')) return false;
  if (!c.digits(2, f.hour) || !c.eat(':') || !c.digits(2, f.minute) || !c.eat(':') ||
      !c.digits(2, f.second) || !c.eat(' '))
    throw Reject{"Twitter created_at: time must be HH:MM:SS"};
  const char sign = c.peek();
  int hh = 0, mm = 0;
  if ((sign != '+' && sign != '-') || !c.eat(sign) || !c.digits(2, hh) || !c.digits(2, mm))
    throw Reject{"Twitter created_at: offset must be +HHMM"};
  if (hh > 23 || mm > 59) throw Reject{"UTC offset out of range"};
  f.has_offset = true;
  f.offset_minutes = (sign == '-' ? -1 : 1) * (hh * 60 + mm);
  int y = 0;
  if (!c.eat(' ') || !c.digits(4, y) || !c.done())
    throw Reject{"Twitter created_at: expected the 4-digit year at the end"};
  f.year = y;
  f.month = static_cast<unsigned>(mo);
  f.day = static_cast<unsigned>(d);
  check_ranges(f);
  return true;
}

std::optional<Instant> parse_epoch(std::string_view s) {
  if (s.size() != 10 && s.size() != 13) return std::nullopt;
  long long v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return std::nullopt;
    v = v * 10 + (ch - '0');
  }
  return Instant{milliseconds{s.size() == 10 ? v * 1000 : v}};
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char ch : s)
    if (ch < '0' || ch > '9') return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view accepted_time_forms() {
  return "ISO 8601 (2017-05-07T19:59:00+02:00, 2017-05-07T17:59Z, offsets +02:00/+0200/+02, "
         "optional seconds and fractions; without an offset the time is read in the territory's "
         "zone), RFC 2822 (Sun, 07 May 2017 19:59:00 +0200 | GMT | UT, weekday optional), "
         "Twitter created_at (Sun May 07 17:59:00 +0000 2017), epoch seconds (10 digits) or "
         "milliseconds (13 digits)";
}

std::optional<ParsedTime> parse_timestamp(std::string_view value, const Territory& where,
                                          std::string* error) {
  const std::string_view s = trim(value);
  std::string why;
  try {
    if (all_digits(s)) {
      if (auto t = parse_epoch(s)) return ParsedTime{*t, true};
      why = "epoch times must have 10 digits (seconds) or 13 digits (milliseconds)";
    } else {
      Fields f;
      bool ok = false;
      if (s.size() >= 5 && std::isdigit(static_cast<unsigned char>(s[0])) && s[4] == '-')
        ok = parse_iso(s, f);
      else if (!s.empty() && s.find(',') != std::string_view::npos)
        ok = parse_rfc2822(s, f);
      else if (!s.empty() && std::isalpha(static_cast<unsigned char>(s[0])))
        ok = parse_twitter(s, f);
      else if (!s.empty() && std::isdigit(static_cast<unsigned char>(s[0])))
        ok = parse_rfc2822(s, f);
      if (ok) {
        const int sec = f.second > 59 ? 59 : f.second;  // a leap second is read as :59
        if (f.has_offset) {
          const sys_days day{year{f.year} / month{f.month} / std::chrono::day{f.day}};
          const Instant t = Instant{day} + hours{f.hour} + minutes{f.minute} + seconds{sec} +
                            milliseconds{f.millis} - minutes{f.offset_minutes};
          return ParsedTime{t, true};
        }
        const Instant base = from_local(f.year, f.month, f.day, f.hour, f.minute, where.zone);
        return ParsedTime{base + seconds{sec} + milliseconds{f.millis}, false};
      }
    }
  } catch (const Reject& r) {
    why = r.why;
  } catch (const std::invalid_argument& e) {
    why = e.what();
  }
  if (error) {
    *error = "cannot read the time \"" + std::string(value) + "\"";
    if (!why.empty()) *error += " (" + why + ")";
    *error += "; accepted forms: " + std::string(accepted_time_forms());
  }
  return std::nullopt;
}

}  // namespace veille
