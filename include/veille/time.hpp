#pragma once
// Stage contract: time/ — timestamps, territories and their IANA zones (through ICU), the
// election calendar and the legal windows derived from it. Every window cites the article
// that defines it. Nothing here knows about texts or rules.
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace veille {

// An instant in UTC, millisecond precision.
using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

// How sure the legal brief is of a fact: [V], [P] or [M]. [M] facts are never shipped as certain.
enum class Confidence { verified, partly_verified, unverified };
std::string_view to_string(Confidence c);  // "verified", "partly-verified", "unverified"

struct Territory {
  std::string code;  // ISO 3166-1 alpha-2: FR, GP, MQ, GF, RE, YT, PM, BL, MF, PF, NC, WF
  std::string name;  // French name, e.g. "Guadeloupe"
  std::string zone;  // IANA zone, e.g. "America/Guadeloupe"
};
const std::vector<Territory>& territories();
const Territory* find_territory(std::string_view code);  // nullptr when unknown

struct ParsedTime {
  Instant at{};
  bool offset_given = true;  // false: the value had no offset and was read in the territory zone
};
// Accepted: ISO 8601 (Z or offset, optional seconds/fractions), RFC 2822, Twitter created_at,
// epoch seconds or milliseconds (digits). On failure returns nullopt and sets `error` to a
// message quoting the value and listing the accepted forms.
std::optional<ParsedTime> parse_timestamp(std::string_view value, const Territory& where,
                                          std::string* error = nullptr);
// The accepted forms, for error messages.
std::string_view accepted_time_forms();

// "2017-05-07T20:00:00+02:00" in the given IANA zone (seconds precision).
std::string format_local(Instant t, std::string_view zone);
// Wall-clock time in `zone` to an instant (DST gaps resolved forward).
Instant from_local(int year, unsigned month, unsigned day, int hour, int minute,
                   std::string_view zone);

struct Round {
  int number = 1;
  std::chrono::year_month_day date{};  // metropolitan voting day
  std::vector<std::string> saturday_territories;  // territories voting the day before
  int close_hour = 20;                  // last metropolitan close, Europe/Paris
  int close_minute = 0;
  bool decisive = false;  // the round at which the election is decided (last round)
  Confidence confidence = Confidence::verified;
  std::string source;
};

struct Election {
  std::string id;     // e.g. "fr-presidentielle-2017"
  std::string kind;   // presidentielle, legislatives, europeennes, municipales, departementales,
                      // regionales, senatoriales, referendum, partielle
  std::string title;  // human title
  bool provisional = false;  // dates announced but no decree known
  bool national_general = false;     // opens L163-1/L163-2 windows
  bool single_constituency = false;  // L52-2 al. 2: nowhere before the metropolitan close
  Confidence confidence = Confidence::verified;
  std::string source;
  std::vector<Round> rounds;
};

// A legal window. Names (stable, used by rule packs):
//   silence, poll-blackout, results-embargo, late-campaign, campaign,
//   free-number-ban, paid-advertising-ban, institutional-promotion-ban,
//   platform-transparency, false-news-injunction
struct Window {
  std::string name;
  std::string election;  // election id
  std::string kind;      // election kind
  int round = 0;         // 0 = the election as a whole (six-month windows ...)
  std::vector<std::string> cites;  // citation ids that define the window
  std::string territory;
  Instant from{};
  Instant until{};  // exclusive: at `until` the window is over
  Confidence confidence = Confidence::verified;
  std::string note;  // how it was computed, when not plain
};

struct CalendarError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct CalendarOptions {
  int late_campaign_hours = 72;  // L48-2 heuristic: last N hours before the campaign closes
};

class Calendar {
 public:
  Calendar() = default;
  // Loads and validates calendar XML files (schema rules/schema/calendar.rng). Throws
  // CalendarError naming file:line and the fact at fault.
  static Calendar load(const std::vector<std::string>& files, CalendarOptions options = {});

  const std::string& version() const { return version_; }
  const std::vector<Election>& elections() const { return elections_; }
  const Election* find(std::string_view id) const;
  // All windows of one election as seen from one territory.
  std::vector<Window> windows(const Election& election, const Territory& where) const;
  // Windows active at an instant (from <= t < until) for a territory.
  std::vector<Window> active_at(Instant t, const Territory& where) const;
  // Whether t lies inside the period the calendar covers (first window start .. last round).
  bool covers(Instant t) const;

 private:
  std::string version_;
  std::vector<Election> elections_;
  CalendarOptions options_;
};

}  // namespace veille
