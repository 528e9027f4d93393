// The legal windows, one function each. docs/calendar.md gives every definition, the article it
// cites and its confidence; keep the two in step.
#include <algorithm>
#include <set>
#include <string>

#include "veille/time.hpp"

namespace veille {

using namespace std::chrono;

year_month_day Round::voting_day(std::string_view territory) const {
  for (const auto& v : local_votes)
    if (v.territory == territory) return v.date;
  for (const auto& s : saturday_territories)
    if (s == territory) return year_month_day{sys_days{date} - days{1}};
  return date;
}

Confidence Round::voting_day_confidence(std::string_view territory) const {
  for (const auto& v : local_votes)
    if (v.territory == territory) return v.confidence;
  // Being on, or off, the Saturday list is the same fact: its confidence applies either way.
  if (territory == "FR") return Confidence::verified;
  return saturday_confidence;
}

const Round* Election::decisive_round() const {
  for (const auto& r : rounds)
    if (r.decisive) return &r;
  return rounds.empty() ? nullptr : &rounds.back();
}

const std::vector<std::string>& window_names() {
  static const std::vector<std::string> names = {"silence",
                                                 "poll-blackout",
                                                 "results-embargo",
                                                 "late-campaign",
                                                 "campaign",
                                                 "free-number-ban",
                                                 "paid-advertising-ban",
                                                 "institutional-promotion-ban",
                                                 "platform-transparency",
                                                 "false-news-injunction"};
  return names;
}

namespace {

constexpr const char* kParis = "Europe/Paris";

Confidence worst(Confidence a, Confidence b) {
  return static_cast<int>(a) > static_cast<int>(b) ? a : b;
}

Instant midnight(year_month_day d, const std::string& zone) {
  return from_local(int(d.year()), unsigned(d.month()), unsigned(d.day()), 0, 0, zone);
}

year_month_day plus_days(year_month_day d, int n) {
  return year_month_day{sys_days{d} + days{n}};
}

// 00:00 local on the eve of the territory's own voting day: the campaign's close (L47 A) and the
// start of the L49 silence.
Instant eve_midnight(const Round& r, const Territory& t) {
  return midnight(plus_days(r.voting_day(t.code), -1), t.zone);
}

Window make(std::string name, const Election& e, int round, std::string cite, const Territory& t,
            Instant from, Instant until, Confidence c, std::string note) {
  Window w;
  w.name = std::move(name);
  w.election = e.id;
  w.kind = e.kind;
  w.round = round;
  w.cites = {std::move(cite)};
  w.territory = t.code;
  w.from = from;
  w.until = until;
  w.confidence = worst(c, e.confidence);
  w.note = std::move(note);
  return w;
}

bool national_blackout_kind(const std::string& kind) {
  return kind == "presidentielle" || kind == "legislatives" || kind == "europeennes" ||
         kind == "referendum";
}

// First day of the month `back` months before the month of the election's first round.
year_month_day months_before(const Election& e, int back) {
  const year_month_day first = e.rounds.front().date;
  const year_month ym = year_month{first.year(), first.month()} - months{back};
  return ym / day{1};
}

bool before(year_month_day a, year_month_day b) {
  return sys_days{a} < sys_days{b};
}

const year_month_day kL47AInForce = year{2020} / June / 30;          // loi 2019-1269 (brief 1.0)
const year_month_day kL163InForce = year{2018} / December / 24;      // first version (brief 1.13)
const year_month_day kSenatoriales2023 = year{2023} / February / 3;  // loi du 2 février 2023

}  // namespace

namespace legal_windows {

Instant metropolitan_close(const Round& r) {
  return from_local(int(r.date.year()), unsigned(r.date.month()), unsigned(r.date.day()),
                    r.close_hour, r.close_minute, kParis);
}

// The end of the silence and of the poll blackout: the last metropolitan close or, overseas,
// the round's closing hour in local time on the territory's own voting day when that is later
// (a western territory voting on Sunday in a local election: Martinique's polls are still open
// at 20:00 Paris).
static Instant ban_end(const Round& r, const Territory& t) {
  const Instant metro = metropolitan_close(r);
  if (t.code == "FR") return metro;
  const year_month_day own = r.voting_day(t.code);
  return std::max(metro, from_local(int(own.year()), unsigned(own.month()), unsigned(own.day()),
                                    r.close_hour, r.close_minute, t.zone));
}

// L49: 00:00 local on the eve of the territory's own voting day -> last metropolitan close, or
// the territory's own latest close when later.
std::optional<Window> silence(const Election& e, const Round& r, const Territory& t) {
  const Instant from = eve_midnight(r, t);
  const Instant until = ban_end(r, t);
  if (from >= until) return std::nullopt;
  return make(
      "silence", e, r.number, "fr:code-electoral:L49", t, from, until,
      worst(Confidence::partly_verified, worst(r.confidence, r.voting_day_confidence(t.code))),
      "start verified (eve 00:00 local, brief 1.3); the end, at the close of the polls (the last "
      "metropolitan close, or 20:00 local where the territory's own polls close later), is "
      "partly verified (the text gives no end time)");
}

// Loi 77-808 art. 11. National kinds: from the earlier of Saturday 00:00 Paris and 00:00 local on
// the eve of the territory's voting day; other elections: eve 00:00 local. Until the last
// metropolitan close, or the territory's own close when later (ban_end).
std::optional<Window> poll_blackout(const Election& e, const Round& r, const Territory& t) {
  const Instant eve = eve_midnight(r, t);
  const Instant until = ban_end(r, t);
  Instant from = eve;
  Confidence c = worst(r.confidence, r.voting_day_confidence(t.code));
  std::string note;
  if (national_blackout_kind(e.kind)) {
    const Instant saturday_paris = midnight(plus_days(r.date, -1), kParis);
    from = std::min(eve, saturday_paris);
    if (t.code != "FR") c = worst(c, Confidence::partly_verified);
    note =
        "national election: from Saturday 00:00 on the whole territory; whether that is Paris "
        "or local time is not stated, so the earlier of Saturday 00:00 Paris and the eve 00:00 "
        "local is taken (partly verified)";
  } else {
    c = worst(c, Confidence::partly_verified);
    note = "general election: eve and day of the vote, from the eve 00:00 local (partly verified)";
  }
  if (from >= until) return std::nullopt;
  return make("poll-blackout", e, r.number, "fr:loi-77-808:art-11", t, from, until, c, note);
}

// The earliest instant at which a polling station of the round may be open anywhere: 08:00 local
// (R41) on each territory's own voting day, the earliest of them, less kOpeningMargin because
// prefects may bring the opening forward (R41) and the brief documents one such opening an hour
// early (Nouvelle-Calédonie 2024, 07:00). The margin is a heuristic, not a legal fact.
constexpr hours kOpeningMargin{1};
constexpr int kOpeningHour = 8;

static Instant first_opening(const Round& r) {
  Instant first = Instant::max();
  for (const auto& t : territories()) {
    const year_month_day d = r.voting_day(t.code);
    first = std::min(first, from_local(int(d.year()), unsigned(d.month()), unsigned(d.day()),
                                       kOpeningHour, 0, t.zone));
  }
  return first - kOpeningMargin;
}

// L52-2: from 00:00 local on the day before the metropolitan voting day (or the territory's own
// voting day when earlier), but not before a polling station of the round may open anywhere (no
// ballot, no result), until the last metropolitan close in FR and, for single-constituency
// elections, everywhere; other elections overseas: until 20:00 local of the territory's own
// voting day (polls may not close later, brief 1.24).
std::optional<Window> results_embargo(const Election& e, const Round& r, const Territory& t) {
  if (e.kind == "senatoriales" && !before(r.date, kSenatoriales2023)) return std::nullopt;
  const year_month_day own = r.voting_day(t.code);
  const Instant weekend = std::min(midnight(plus_days(r.date, -1), t.zone), midnight(own, t.zone));
  const Instant from = std::max(weekend, first_opening(r));
  Instant until = metropolitan_close(r);
  Confidence c = worst(r.confidence, r.voting_day_confidence(t.code));
  std::string note;
  if (from > weekend)
    note =
        "from the earliest opening of a polling station of the round (08:00 local, R41, in the "
        "territory that votes first, less a 1-hour margin for earlier openings: heuristic); ";
  if (t.code == "FR") {
    note += "metropolitan France: until the last metropolitan polling station closes";
  } else if (e.single_constituency) {
    note +=
        "single-constituency election: no result anywhere before the metropolitan close "
        "(L52-2 al. added by loi 2019-1269; CNCCEP reading)";
    c = worst(c, Confidence::partly_verified);
  } else {
    until = from_local(int(own.year()), unsigned(own.month()), unsigned(own.day()), 20, 0, t.zone);
    note +=
        "not a single-constituency election: in this territory until its own last close, "
        "taken as 20:00 local (polls may not close later; partly verified)";
    c = worst(c, Confidence::partly_verified);
  }
  if (from >= until) return std::nullopt;
  return make("results-embargo", e, r.number, "fr:code-electoral:L52-2", t, from, until, c, note);
}

// L48-2 (heuristic): the last `late_campaign_hours` before the campaign closes (eve 00:00 local).
std::optional<Window> late_campaign(const Election& e, const Round& r, const Territory& t,
                                    const CalendarOptions& options) {
  if (options.late_campaign_hours <= 0) return std::nullopt;
  const Instant until = eve_midnight(r, t);
  const Instant from = until - hours{options.late_campaign_hours};
  return make("late-campaign", e, r.number, "fr:code-electoral:L48-2", t, from, until,
              Confidence::partly_verified,
              "heuristic: the law gives no fixed time (\"too late to answer\" is for the judge); "
              "the last " +
                  std::to_string(options.late_campaign_hours) +
                  " hours before the campaign closes");
}

// L47 A: round 1 from the second Monday before the territory's voting day 00:00 local; later
// rounds from the day after the previous round (metropolitan date) 00:00 local; until the eve
// 00:00 local.
std::optional<Window> campaign(const Election& e, const Round& r, const Territory& t) {
  const year_month_day own = r.voting_day(t.code);
  Instant from;
  if (r.number <= 1) {
    const weekday wd{sys_days{own}};
    int back = static_cast<int>((wd - Monday).count());
    if (back == 0) back = 7;
    from = midnight(plus_days(own, -back - 7), t.zone);
  } else {
    const Round& previous = e.rounds.at(static_cast<std::size_t>(r.number - 2));
    from = midnight(plus_days(previous.date, 1), t.zone);
  }
  const Instant until = eve_midnight(r, t);
  if (from >= until) return std::nullopt;
  Confidence c = worst(r.confidence, r.voting_day_confidence(t.code));
  std::string note = "official campaign (definition)";
  if (before(r.date, kL47AInForce)) {
    c = worst(c, Confidence::partly_verified);
    note += "; L47 A is in force since 30 June 2020, the same rule is applied to this earlier vote";
  }
  if (!r.note.empty()) note += "; " + r.note;
  return make("campaign", e, r.number, "fr:code-electoral:L47-A", t, from, until, c, note);
}

namespace {
// Six- and three-month windows: first day of the Nth month before the election month, 00:00
// local -> last metropolitan close of the decisive round.
std::optional<Window> months_window(const Election& e, const Territory& t, int back,
                                    const char* name, const char* cite, Confidence c,
                                    std::string note) {
  if (e.rounds.empty()) return std::nullopt;
  const Round* decisive = e.decisive_round();
  const Instant from = midnight(months_before(e, back), t.zone);
  const Instant until = metropolitan_close(*decisive);
  c = worst(c, worst(e.rounds.front().confidence, decisive->confidence));
  return make(name, e, 0, cite, t, from, until, c, std::move(note));
}
}  // namespace

// L50-1: six months before the first day of the election month -> decisive round.
std::optional<Window> free_number_ban(const Election& e, const Territory& t) {
  return months_window(e, t, 6, "free-number-ban", "fr:code-electoral:L50-1", Confidence::verified,
                       "from the first day of the 6th month before the month of the election "
                       "until the round at which it is decided");
}

// L52-1 al. 1: same span as L50-1.
std::optional<Window> paid_advertising_ban(const Election& e, const Territory& t) {
  return months_window(e, t, 6, "paid-advertising-ban", "fr:code-electoral:L52-1",
                       Confidence::verified,
                       "L52-1 al. 1: from the first day of the 6th month before the month of the "
                       "election until the round at which it is decided");
}

// L52-1 al. 2: opened for every election kind (see docs/calendar.md).
std::optional<Window> institutional_promotion_ban(const Election& e, const Territory& t) {
  static const std::set<std::string> local = {"municipales", "departementales", "regionales"};
  const bool plain = local.count(e.kind) > 0;
  return months_window(
      e, t, 6, "institutional-promotion-ban", "fr:code-electoral:L52-1",
      plain ? Confidence::verified : Confidence::partly_verified,
      plain ? "L52-1 al. 2: from the first day of the 6th month before the month of the general "
              "election, in the local authorities concerned by the vote"
            : "L52-1 al. 2 speaks of general elections and the authorities concerned by the "
              "vote; veille opens it for every election kind (partly verified for this kind)");
}

namespace {
std::optional<Window> l163_window(const Election& e, const Territory& t, const char* name,
                                  const char* cite) {
  if (!e.national_general || e.kind == "partielle" || e.rounds.empty()) return std::nullopt;
  if (before(e.rounds.front().date, kL163InForce)) return std::nullopt;  // article not yet law
  return months_window(e, t, 3, name, cite, Confidence::verified,
                       "national general elections only: from the first day of the 3rd month "
                       "before the month of the election until the round at which it is decided");
}
}  // namespace

// L163-1: national general elections only; three months.
std::optional<Window> platform_transparency(const Election& e, const Territory& t) {
  return l163_window(e, t, "platform-transparency", "fr:code-electoral:L163-1");
}

// L163-2: national general elections only; three months; never by-elections.
std::optional<Window> false_news_injunction(const Election& e, const Territory& t) {
  return l163_window(e, t, "false-news-injunction", "fr:code-electoral:L163-2");
}

}  // namespace legal_windows

namespace {
std::vector<Window> compute(const Election& e, const Territory& t, const CalendarOptions& o) {
  namespace w = ::veille::legal_windows;
  std::vector<Window> out;
  auto add = [&](std::optional<Window> x) {
    if (x) out.push_back(std::move(*x));
  };
  add(w::free_number_ban(e, t));
  add(w::paid_advertising_ban(e, t));
  add(w::institutional_promotion_ban(e, t));
  add(w::platform_transparency(e, t));
  add(w::false_news_injunction(e, t));
  for (const auto& r : e.rounds) {
    add(w::campaign(e, r, t));
    add(w::late_campaign(e, r, t, o));
    add(w::silence(e, r, t));
    add(w::poll_blackout(e, r, t));
    add(w::results_embargo(e, r, t));
  }
  return out;
}
}  // namespace

const Election* Calendar::find(std::string_view id) const {
  for (const auto& e : elections_)
    if (e.id == id) return &e;
  return nullptr;
}

std::vector<Window> Calendar::windows(const Election& election, const Territory& where) const {
  return compute(election, where, options_);
}

void Calendar::compute_coverage() {
  by_territory_.clear();
  bool any = false;
  for (const auto& t : territories()) {
    std::vector<Window> all;
    for (const auto& e : elections_) {
      auto ws = compute(e, t, options_);
      for (auto& w : ws) {
        if (!any || w.from < coverage_from_) coverage_from_ = w.from;
        if (!any || w.until > coverage_until_) coverage_until_ = w.until;
        any = true;
        all.push_back(std::move(w));
      }
    }
    by_territory_.push_back(std::move(all));
  }
  if (any) coverage_until_ += hours{24};
}

std::vector<Window> Calendar::active_at(Instant t, const Territory& where) const {
  std::vector<Window> out;
  const auto& all = territories();
  for (std::size_t i = 0; i < all.size() && i < by_territory_.size(); ++i) {
    if (all[i].code != where.code || all[i].zone != where.zone) continue;
    for (const auto& w : by_territory_[i])
      if (w.from <= t && t < w.until) out.push_back(w);
    return out;
  }
  for (const auto& e : elections_)  // a territory outside the built-in table
    for (auto& w : compute(e, where, options_))
      if (w.from <= t && t < w.until) out.push_back(std::move(w));
  return out;
}

bool Calendar::covers(Instant t) const {
  if (by_territory_.empty()) return false;
  return coverage_from_ <= t && t < coverage_until_;
}

Instant Calendar::lawful_from(Instant t, const Territory& where,
                              const std::vector<std::string>& names) const {
  for (int guard = 0; guard < 64; ++guard) {
    bool moved = false;
    for (const auto& w : active_at(t, where))
      if (names.empty() || std::find(names.begin(), names.end(), w.name) != names.end())
        if (w.until > t) {
          t = w.until;
          moved = true;
        }
    if (!moved) break;
  }
  return t;
}

}  // namespace veille
