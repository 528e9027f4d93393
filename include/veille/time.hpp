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

// "2017-05-07T20:00:00+02:00" in the given IANA zone (seconds precision). Throws
// std::invalid_argument for an unknown zone (never falls back to Etc/Unknown). Thread-safe.
std::string format_local(Instant t, std::string_view zone);
// Wall-clock time in `zone` to an instant (DST gaps resolved forward; in a repeated hour the
// first occurrence). Throws std::invalid_argument for an unknown zone. Thread-safe.
Instant from_local(int year, unsigned month, unsigned day, int hour, int minute,
                   std::string_view zone);
// Whether ICU knows the IANA zone.
bool is_known_zone(std::string_view zone);

// An instant broken down in a zone's wall clock.
struct LocalTime {
  int year = 1970;
  unsigned month = 1, day = 1;  // 1-based
  int hour = 0, minute = 0, second = 0;
  unsigned weekday = 0;    // 0 = Sunday ... 6 = Saturday
  int offset_minutes = 0;  // UTC offset in force (DST included)
};
LocalTime to_local(Instant t, std::string_view zone);  // throws std::invalid_argument
// "20170507T180000Z" (RFC 5545 UTC form) and "2017-05-07T18:00:00Z".
std::string format_utc_basic(Instant t);
std::string format_utc(Instant t);

struct Round {
  int number = 1;
  std::chrono::year_month_day date{};             // metropolitan voting day
  std::vector<std::string> saturday_territories;  // territories voting the day before
  int close_hour = 20;                            // last metropolitan close, Europe/Paris
  int close_minute = 0;
  bool decisive = false;  // the round at which the election is decided (last round)
  Confidence confidence = Confidence::verified;
  std::string source;
  // Added by the time stage (additive):
  Confidence saturday_confidence = Confidence::verified;  // of the saturday_territories list
  struct LocalVote {  // a territory voting on another day than "Saturday before" or Sunday
    std::string territory;
    std::chrono::year_month_day date{};
    Confidence confidence = Confidence::verified;
    std::string note;
  };
  std::vector<LocalVote> local_votes;
  std::string note;
  std::string file;  // calendar file and line of the <round> element
  int line = 0;
  // The territory's own voting day for this round (local_votes, then saturday_territories, else
  // the metropolitan date), and how sure the calendar is of it.
  std::chrono::year_month_day voting_day(std::string_view territory) const;
  Confidence voting_day_confidence(std::string_view territory) const;
};

struct Election {
  std::string id;     // e.g. "fr-presidentielle-2017"
  std::string kind;   // presidentielle, legislatives, europeennes, municipales, departementales,
                      // regionales, senatoriales, referendum, partielle
  std::string title;  // human title
  bool provisional = false;          // dates announced but no decree known
  bool national_general = false;     // opens L163-1/L163-2 windows
  bool single_constituency = false;  // L52-2 al. 2: nowhere before the metropolitan close
  Confidence confidence = Confidence::verified;
  std::string source;
  std::vector<Round> rounds;
  // Added by the time stage (additive):
  std::string note;
  std::string file;  // calendar file and line of the <election> element
  int line = 0;
  const Round* decisive_round() const;  // the round marked decisive, else the last one
};

// A legal window. Names (stable, used by rule packs):
//   silence, poll-blackout, results-embargo, late-campaign, campaign,
//   free-number-ban, paid-advertising-ban, institutional-promotion-ban,
//   platform-transparency, false-news-injunction
struct Window {
  std::string name;
  std::string election;            // election id
  std::string kind;                // election kind
  int round = 0;                   // 0 = the election as a whole (six-month windows ...)
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
  // RelaxNG schema used to validate calendar files; empty = $VEILLE_DATA_DIR/rules/schema,
  // else ../schema next to the first file (rules/calendars/), else the source tree's.
  std::string schema;
};

// One function per window (see docs/calendar.md). Each returns nullopt when the window does not
// exist for that election/round (e.g. L163 windows for local elections). `round` is the round the
// window belongs to; election-wide windows use the first round's month and the decisive round's
// close. All computed in the territory's own zone.
namespace legal_windows {
std::optional<Window> silence(const Election& e, const Round& r, const Territory& t);
std::optional<Window> poll_blackout(const Election& e, const Round& r, const Territory& t);
std::optional<Window> results_embargo(const Election& e, const Round& r, const Territory& t);
std::optional<Window> late_campaign(const Election& e, const Round& r, const Territory& t,
                                    const CalendarOptions& options);
std::optional<Window> campaign(const Election& e, const Round& r, const Territory& t);
std::optional<Window> free_number_ban(const Election& e, const Territory& t);
std::optional<Window> paid_advertising_ban(const Election& e, const Territory& t);
std::optional<Window> institutional_promotion_ban(const Election& e, const Territory& t);
std::optional<Window> platform_transparency(const Election& e, const Territory& t);
std::optional<Window> false_news_injunction(const Election& e, const Territory& t);
// Last metropolitan close of a round (Europe/Paris wall clock on the metropolitan date).
Instant metropolitan_close(const Round& r);
}  // namespace legal_windows

// Every window name, in display order.
const std::vector<std::string>& window_names();

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
  // Whether t lies inside the period the calendar covers: from the earliest window start
  // (any election, any territory) to the latest window end plus 24 hours.
  bool covers(Instant t) const;
  Instant coverage_from() const { return coverage_from_; }
  Instant coverage_until() const { return coverage_until_; }
  const CalendarOptions& options() const { return options_; }
  // The earliest instant >= t at which none of the windows named in `names` is active in the
  // territory (chained windows are followed). Returns t when none is active.
  Instant lawful_from(Instant t, const Territory& where,
                      const std::vector<std::string>& names) const;
  // Fixed DTSTAMP source for the ICS export (calendar `issued` attribute; 1970 if absent).
  std::chrono::year_month_day issued() const { return issued_; }

 private:
  void compute_coverage();  // fills coverage_* and the per-territory window cache
  std::vector<std::vector<Window>> by_territory_;  // aligned with territories()
  Instant coverage_from_{}, coverage_until_{};
  std::chrono::year_month_day issued_{std::chrono::year{1970}, std::chrono::month{1},
                                      std::chrono::day{1}};
  std::string version_;
  std::vector<Election> elections_;
  CalendarOptions options_;
};

// Renderings used by `veille calendar` (kept here so that tests exercise them without the CLI).
namespace calendar_output {
// Short article label: "fr:code-electoral:L49" -> "L49", "fr:loi-77-808:art-11" ->
// "loi 77-808 art. 11".
std::string short_cite(std::string_view citation);
// "dimanche 7 mai 2017 20:00" / "Sunday 7 May 2017 20:00" in the zone.
std::string human_time(Instant t, std::string_view zone, std::string_view locale);
// JSON string escaping (without the quotes); invalid UTF-8 bytes become U+FFFD.
std::string json_escape(std::string_view s);
// Plain-language gloss of a window name ("silence" -> "propagande électorale interdite").
std::string_view window_label(std::string_view name, std::string_view locale);
// RFC 5545 calendar of the windows (CRLF, folded at 75 octets, UTC times, fixed DTSTAMP).
std::string to_ics(const Calendar& calendar, const std::vector<Window>& windows);
}  // namespace calendar_output

}  // namespace veille
