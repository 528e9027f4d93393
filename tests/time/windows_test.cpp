// Every round's windows in FR and three overseas territories (GP, PF, RE), checked against an
// independent oracle that uses the fixed UTC offsets of the legal brief's table (1.24) instead
// of ICU; plus literal values for the examples and a DST edge.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "helpers.hpp"

using namespace veille;
using namespace std::chrono;
using veille::test::at;
using veille::test::builtin_calendar;
using veille::test::territory;
using veille::test::utc;

namespace {

struct RoundRow {
  const char* election;
  int round;
  year_month_day date;
  int paris_offset;     // hours, that day
  bool saturday_west;   // GP (and the Antilles) vote on Saturday
  bool saturday_pf;     // PF votes on Saturday
  const char* pf_date;  // PF votes on another day (nullptr: no)
};

constexpr year_month_day d(int y, unsigned m, unsigned dd) {
  return year{y} / month{m} / day{dd};
}

const RoundRow kRounds[] = {
    {"fr-presidentielle-2017", 1, d(2017, 4, 23), 2, true, true, nullptr},
    {"fr-presidentielle-2017", 2, d(2017, 5, 7), 2, true, true, nullptr},
    {"fr-legislatives-2017", 1, d(2017, 6, 11), 2, true, false, "2017-06-03"},
    {"fr-legislatives-2017", 2, d(2017, 6, 18), 2, true, true, nullptr},
    {"fr-europeennes-2019", 1, d(2019, 5, 26), 2, true, true, nullptr},
    {"fr-municipales-2020", 1, d(2020, 3, 15), 1, false, false, nullptr},
    {"fr-municipales-2020", 2, d(2020, 6, 28), 2, false, false, nullptr},
    {"fr-regionales-2021", 1, d(2021, 6, 20), 2, false, false, nullptr},
    {"fr-regionales-2021", 2, d(2021, 6, 27), 2, false, false, nullptr},
    {"fr-departementales-2021", 1, d(2021, 6, 20), 2, false, false, nullptr},
    {"fr-departementales-2021", 2, d(2021, 6, 27), 2, false, false, nullptr},
    {"fr-presidentielle-2022", 1, d(2022, 4, 10), 2, true, true, nullptr},
    {"fr-presidentielle-2022", 2, d(2022, 4, 24), 2, true, true, nullptr},
    {"fr-legislatives-2022", 1, d(2022, 6, 12), 2, true, false, "2022-06-11"},
    {"fr-legislatives-2022", 2, d(2022, 6, 19), 2, true, true, nullptr},
    {"fr-europeennes-2024", 1, d(2024, 6, 9), 2, true, true, nullptr},
    {"fr-legislatives-2024", 1, d(2024, 6, 30), 2, true, true, nullptr},
    {"fr-legislatives-2024", 2, d(2024, 7, 7), 2, true, true, nullptr},
    {"fr-municipales-2026", 1, d(2026, 3, 15), 1, false, false, nullptr},
    {"fr-municipales-2026", 2, d(2026, 3, 22), 1, false, false, nullptr},
    {"fr-presidentielle-2027", 1, d(2027, 4, 18), 2, true, true, nullptr},
    {"fr-presidentielle-2027", 2, d(2027, 5, 2), 2, true, true, nullptr},
};

Instant utc_at(year_month_day day, int hour, int offset_hours) {
  return Instant{sys_days{day}} + hours{hour - offset_hours};
}
year_month_day add(year_month_day x, int n) {
  return year_month_day{sys_days{x} + days{n}};
}

year_month_day own_pf_date(const char* iso) {
  int y = 0;
  unsigned m = 0, dd = 0;
  std::sscanf(iso, "%d-%u-%u", &y, &m, &dd);
  return d(y, m, dd);
}

const Window* find(const std::vector<Window>& ws, const std::string& name, int round) {
  for (const auto& w : ws)
    if (w.name == name && w.round == round) return &w;
  return nullptr;
}

bool national_kind(const std::string& kind) {
  return kind == "presidentielle" || kind == "legislatives" || kind == "europeennes";
}

}  // namespace

TEST_CASE("every round: silence, poll-blackout, results-embargo, late-campaign in FR GP PF RE") {
  const Calendar& cal = builtin_calendar();
  for (const auto& row : kRounds) {
    const Election* e = cal.find(row.election);
    REQUIRE(e != nullptr);
    for (const char* code : {"FR", "GP", "PF", "RE"}) {
      const std::string tc = code;
      INFO(row.election << " round " << row.round << " in " << tc);
      const int off = tc == "FR" ? row.paris_offset : tc == "GP" ? -4 : tc == "PF" ? -10 : 4;
      year_month_day own = row.date;
      if ((tc == "GP" && row.saturday_west) || (tc == "PF" && row.saturday_pf)) own = add(own, -1);
      if (tc == "PF" && row.pf_date) own = own_pf_date(row.pf_date);
      const Instant close = utc_at(row.date, 20, row.paris_offset);
      // The silence and the blackout end at the last metropolitan close or, overseas, at 20:00
      // local on the territory's own day when later (Guadeloupe or Polynésie voting on Sunday).
      const Instant ban_end = std::max(close, utc_at(own, 20, off));
      const Instant eve = utc_at(add(own, -1), 0, off);
      const auto ws = cal.windows(*e, territory(code));

      const Window* s = find(ws, "silence", row.round);
      REQUIRE(s != nullptr);
      CHECK(utc(s->from) == utc(eve));
      CHECK(utc(s->until) == utc(ban_end));
      CHECK(s->cites == std::vector<std::string>{"fr:code-electoral:L49"});
      CHECK(s->confidence != Confidence::verified);  // the end time is [P]

      const Window* b = find(ws, "poll-blackout", row.round);
      REQUIRE(b != nullptr);
      Instant bfrom = eve;
      if (national_kind(e->kind))
        bfrom = std::min(eve, utc_at(add(row.date, -1), 0, row.paris_offset));
      CHECK(utc(b->from) == utc(bfrom));
      CHECK(utc(b->until) == utc(ban_end));
      CHECK(b->cites == std::vector<std::string>{"fr:loi-77-808:art-11"});

      const Window* r = find(ws, "results-embargo", row.round);
      REQUIRE(r != nullptr);
      // Not before the first polling station of the round may open, anywhere: 08:00 local (R41)
      // less one hour. Candidates: Saint-Pierre-et-Miquelon (UTC-2 on every date of the table,
      // it keeps North American summer time) on its own day, Polynésie on its own day, Wallis
      // (UTC+12) and Nouvelle-Calédonie (UTC+11) on Sunday.
      year_month_day pf_own = row.saturday_pf ? add(row.date, -1) : row.date;
      if (row.pf_date) pf_own = own_pf_date(row.pf_date);
      const Instant opening =
          std::min({utc_at(row.saturday_west ? add(row.date, -1) : row.date, 8, -2),
                    utc_at(pf_own, 8, -10), utc_at(row.date, 8, 12), utc_at(row.date, 8, 11)}) -
          hours{1};
      const Instant rfrom =
          std::max(std::min(utc_at(add(row.date, -1), 0, off), utc_at(own, 0, off)), opening);
      const Instant runtil = (tc == "FR" || e->single_constituency) ? close : utc_at(own, 20, off);
      CHECK(utc(r->from) == utc(rfrom));
      CHECK(utc(r->until) == utc(runtil));
      CHECK(r->cites == std::vector<std::string>{"fr:code-electoral:L52-2"});

      const Window* l = find(ws, "late-campaign", row.round);
      REQUIRE(l != nullptr);
      CHECK(utc(l->until) == utc(eve));
      CHECK(utc(l->from) == utc(eve - hours{72}));
      CHECK(l->confidence == Confidence::partly_verified);

      const Window* c = find(ws, "campaign", row.round);
      REQUIRE(c != nullptr);
      CHECK(utc(c->until) == utc(eve));
    }
  }
}

TEST_CASE("six-month and three-month windows, and L163 only for national general elections") {
  struct Row {
    const char* election;
    const char* six_from;    // FR, UTC
    const char* three_from;  // FR, UTC; nullptr = no L163 window
    const char* until;       // decisive round's metropolitan close, UTC
  };
  const Row rows[] = {
      {"fr-presidentielle-2017", "2016-09-30T22:00:00Z", nullptr, "2017-05-07T18:00:00Z"},
      {"fr-legislatives-2017", "2016-11-30T23:00:00Z", nullptr, "2017-06-18T18:00:00Z"},
      {"fr-europeennes-2019", "2018-10-31T23:00:00Z", "2019-01-31T23:00:00Z",
       "2019-05-26T18:00:00Z"},
      {"fr-municipales-2020", "2019-08-31T22:00:00Z", nullptr, "2020-06-28T18:00:00Z"},
      {"fr-regionales-2021", "2020-11-30T23:00:00Z", nullptr, "2021-06-27T18:00:00Z"},
      {"fr-departementales-2021", "2020-11-30T23:00:00Z", nullptr, "2021-06-27T18:00:00Z"},
      {"fr-presidentielle-2022", "2021-09-30T22:00:00Z", "2021-12-31T23:00:00Z",
       "2022-04-24T18:00:00Z"},
      {"fr-legislatives-2022", "2021-11-30T23:00:00Z", "2022-02-28T23:00:00Z",
       "2022-06-19T18:00:00Z"},
      {"fr-europeennes-2024", "2023-11-30T23:00:00Z", "2024-02-29T23:00:00Z",
       "2024-06-09T18:00:00Z"},
      {"fr-legislatives-2024", "2023-11-30T23:00:00Z", "2024-02-29T23:00:00Z",
       "2024-07-07T18:00:00Z"},
      {"fr-municipales-2026", "2025-08-31T22:00:00Z", nullptr, "2026-03-22T19:00:00Z"},
      {"fr-presidentielle-2027", "2026-09-30T22:00:00Z", "2026-12-31T23:00:00Z",
       "2027-05-02T18:00:00Z"},
  };
  const Calendar& cal = builtin_calendar();
  for (const auto& row : rows) {
    INFO(row.election);
    const Election* e = cal.find(row.election);
    REQUIRE(e != nullptr);
    const auto ws = cal.windows(*e, territory("FR"));
    for (const char* name :
         {"free-number-ban", "paid-advertising-ban", "institutional-promotion-ban"}) {
      INFO(name);
      const Window* w = find(ws, name, 0);
      REQUIRE(w != nullptr);
      CHECK(utc(w->from) == row.six_from);
      CHECK(utc(w->until) == row.until);
    }
    CHECK(find(ws, "free-number-ban", 0)->cites ==
          std::vector<std::string>{"fr:code-electoral:L50-1"});
    CHECK(find(ws, "paid-advertising-ban", 0)->cites ==
          std::vector<std::string>{"fr:code-electoral:L52-1"});
    for (const char* name : {"platform-transparency", "false-news-injunction"}) {
      INFO(name);
      const Window* w = find(ws, name, 0);
      if (!row.three_from) {
        CHECK(w == nullptr);
      } else {
        REQUIRE(w != nullptr);
        CHECK(utc(w->from) == row.three_from);
        CHECK(utc(w->until) == row.until);
      }
    }
  }
  // Local midnight in the territory: 1 Oct 2026 00:00 in Guadeloupe (UTC-4) and Tahiti (UTC-10).
  const auto gp = cal.windows(*cal.find("fr-presidentielle-2027"), territory("GP"));
  CHECK(utc(find(gp, "paid-advertising-ban", 0)->from) == "2026-10-01T04:00:00Z");
  const auto pf = cal.windows(*cal.find("fr-presidentielle-2027"), territory("PF"));
  CHECK(utc(find(pf, "free-number-ban", 0)->from) == "2026-10-01T10:00:00Z");
  CHECK(utc(find(pf, "false-news-injunction", 0)->from) == "2027-01-01T10:00:00Z");
}

TEST_CASE("campaign windows (L47 A), with a DST edge") {
  const Calendar& cal = builtin_calendar();
  const Election& p2017 = *cal.find("fr-presidentielle-2017");
  auto fr = cal.windows(p2017, territory("FR"));
  // Round 1 (Sunday 23 April): second Monday before = 10 April.
  CHECK(utc(find(fr, "campaign", 1)->from) == "2017-04-09T22:00:00Z");
  CHECK(utc(find(fr, "campaign", 1)->until) == "2017-04-21T22:00:00Z");
  // Round 2: from the day after round 1 (24 April) to the eve.
  CHECK(utc(find(fr, "campaign", 2)->from) == "2017-04-23T22:00:00Z");
  CHECK(utc(find(fr, "campaign", 2)->until) == "2017-05-05T22:00:00Z");
  auto gp = cal.windows(p2017, territory("GP"));
  CHECK(utc(find(gp, "campaign", 1)->from) == "2017-04-10T04:00:00Z");
  CHECK(utc(find(gp, "campaign", 1)->until) == "2017-04-21T04:00:00Z");  // Friday 00:00 local
  CHECK(find(fr, "campaign", 1)->cites == std::vector<std::string>{"fr:code-electoral:L47-A"});

  // DST edge: présidentielle 2022, Paris switched to summer time on Sunday 27 March 2022; the
  // campaign opened on Monday 28 March 00:00 CEST = 27 March 22:00 UTC (not 23:00).
  const Election& p2022 = *cal.find("fr-presidentielle-2022");
  auto fr22 = cal.windows(p2022, territory("FR"));
  CHECK(utc(find(fr22, "campaign", 1)->from) == "2022-03-27T22:00:00Z");
  // Saint-Pierre-et-Miquelon follows North-American DST (since 13 March 2022): UTC-2.
  auto pm22 = cal.windows(p2022, territory("PM"));
  CHECK(utc(find(pm22, "silence", 1)->from) == "2022-04-08T02:00:00Z");  // Fri 8 April 00:00-02
  CHECK(format_local(find(pm22, "silence", 1)->until, "America/Miquelon") ==
        "2022-04-10T16:00:00-02:00");
  // Municipales 2026 (winter time in Paris, summer time in Miquelon since 8 March 2026).
  auto pm26 = cal.windows(*cal.find("fr-municipales-2026"), territory("PM"));
  CHECK(utc(find(pm26, "silence", 1)->from) == "2026-03-14T02:00:00Z");
  // A local election: the silence lasts until the polls close in Saint-Pierre, 20:00 local
  // (22:00 UTC), three hours after the metropolitan close (19:00 UTC).
  CHECK(utc(find(pm26, "silence", 1)->until) == "2026-03-15T22:00:00Z");
  CHECK(format_local(find(pm26, "poll-blackout", 1)->until, "America/Miquelon") ==
        "2026-03-15T20:00:00-02:00");
  // A 72-hour late-campaign window that contains the Paris DST switch keeps 72 real hours.
  CalendarOptions o;
  o.schema = veille::test::source_dir() + "/rules/schema/calendar.rng";
  o.late_campaign_hours = 24 * 14;
  auto cal2 = Calendar::load({veille::test::source_dir() + "/rules/calendars/fr.xml"}, o);
  auto w = cal2.windows(p2022, territory("FR"));
  CHECK(utc(find(w, "late-campaign", 1)->from) == "2022-03-25T22:00:00Z");  // 23:00 CET
  CHECK(format_local(find(w, "late-campaign", 1)->from, "Europe/Paris") ==
        "2022-03-25T23:00:00+01:00");
}

TEST_CASE("the issue's examples, on the API") {
  const Calendar& cal = builtin_calendar();
  auto names_at = [&](const char* when, const char* code, const char* election = nullptr) {
    std::set<std::string> names;
    for (const auto& w : cal.active_at(at(when), territory(code)))
      if (!election || w.election == election) names.insert(w.name);
    return names;
  };
  const std::set<std::string> trio = {"silence", "poll-blackout", "results-embargo"};

  auto before = names_at("2017-05-07T19:59:00+02:00", "FR", "fr-presidentielle-2017");
  for (const auto& n : trio) CHECK(before.count(n) == 1);
  auto after = names_at("2017-05-07T20:01:00+02:00", "FR");
  for (const auto& n : trio) CHECK(after.count(n) == 0);
  CHECK(names_at("2017-05-07T20:00:00+02:00", "FR").count("silence") == 0);  // until exclusive

  auto gp = names_at("2017-05-06T12:00:00-04:00", "GP");
  CHECK(gp.count("silence") == 1);
  CHECK(gp.count("results-embargo") == 1);  // Guadeloupe was voting
  // The same instant in metropolitan France (18:00 Paris on Saturday) is also in the silence.
  CHECK(names_at("2017-05-06T12:00:00-04:00", "FR").count("silence") == 1);
  // Guadeloupe's silence began on Friday 00:00 local, metropolitan France's not yet.
  CHECK(names_at("2017-05-05T12:00:00-04:00", "GP").count("silence") == 1);
  CHECK(names_at("2017-05-05T12:00:00-04:00", "FR").count("silence") == 0);

  auto nov = names_at("2026-11-28T12:00:00+01:00", "FR");
  CHECK(nov == std::set<std::string>{"free-number-ban", "paid-advertising-ban",
                                     "institutional-promotion-ban"});
  for (const auto& w : cal.active_at(at("2026-11-28T12:00:00+01:00"), territory("FR")))
    CHECK(w.election == "fr-presidentielle-2027");
  auto jan = names_at("2027-01-15T12:00:00+01:00", "FR");
  CHECK(jan == std::set<std::string>{"free-number-ban", "paid-advertising-ban",
                                     "institutional-promotion-ban", "platform-transparency",
                                     "false-news-injunction"});
}

TEST_CASE("results embargo overseas: 20:00 Paris is 14:00 in Pointe-a-Pitre and 08:00 in Papeete") {
  const Calendar& cal = builtin_calendar();
  const Election& p = *cal.find("fr-presidentielle-2022");
  auto until_in = [&](const char* code) {
    const Territory& t = territory(code);
    return format_local(find(cal.windows(p, t), "results-embargo", 2)->until, t.zone);
  };
  CHECK(until_in("GP") == "2022-04-24T14:00:00-04:00");
  CHECK(until_in("PF") == "2022-04-24T08:00:00-10:00");
  CHECK(until_in("NC") == "2022-04-25T05:00:00+11:00");
  CHECK(until_in("RE") == "2022-04-24T22:00:00+04:00");
  // Législatives (not single-constituency): a territory's own results after its own close.
  const Election& l = *cal.find("fr-legislatives-2024");
  const auto gp_windows = cal.windows(l, territory("GP"));
  const Window* gp = find(gp_windows, "results-embargo", 1);
  REQUIRE(gp != nullptr);
  CHECK(format_local(gp->until, "America/Guadeloupe") == "2024-06-29T20:00:00-04:00");
  CHECK(gp->confidence == Confidence::partly_verified);
}

TEST_CASE("lawful_from follows chained windows; covers() bounds the calendar") {
  const Calendar& cal = builtin_calendar();
  const Instant t = at("2017-05-07T19:31:00+02:00");
  CHECK(format_local(cal.lawful_from(t, territory("FR"), {"results-embargo"}), "Europe/Paris") ==
        "2017-05-07T20:00:00+02:00");
  CHECK(format_local(cal.lawful_from(t, territory("GP"), {"silence"}), "America/Guadeloupe") ==
        "2017-05-07T14:00:00-04:00");
  CHECK(cal.lawful_from(at("2018-06-01T12:00:00Z"), territory("FR"), {"silence"}) ==
        at("2018-06-01T12:00:00Z"));

  CHECK(cal.covers(at("2017-05-07T19:59:00+02:00")));
  CHECK(cal.covers(at("2026-11-28T12:00:00+01:00")));
  CHECK_FALSE(cal.covers(at("2010-01-01T00:00:00Z")));
  CHECK_FALSE(cal.covers(at("2027-06-01T00:00:00Z")));
  // Earliest start: présidentielle 2017 six-month windows, 1 Oct 2016 00:00 in Wallis (UTC+12).
  CHECK(utc(cal.coverage_from()) == "2016-09-30T12:00:00Z");
  CHECK(cal.covers(at("2027-05-03T12:00:00Z")));  // 24 h margin after the last close
  CHECK_FALSE(cal.covers(at("2027-05-04T12:00:00Z")));
}

TEST_CASE("windows carry election, kind, territory and confidence") {
  const Calendar& cal = builtin_calendar();
  const Election& p27 = *cal.find("fr-presidentielle-2027");
  CHECK(p27.provisional);
  CHECK(p27.confidence == Confidence::partly_verified);
  CHECK(p27.national_general);
  CHECK(p27.single_constituency);
  for (const auto& w : cal.windows(p27, territory("FR"))) {
    CHECK(w.election == "fr-presidentielle-2027");
    CHECK(w.kind == "presidentielle");
    CHECK(w.territory == "FR");
    CHECK(w.confidence != Confidence::verified);  // provisional election
    CHECK(w.from < w.until);
  }
  const Election& m26 = *cal.find("fr-municipales-2026");
  CHECK_FALSE(m26.national_general);
  CHECK(find(cal.windows(m26, territory("FR")), "institutional-promotion-ban", 0)->confidence ==
        Confidence::verified);
  CHECK(find(cal.windows(*cal.find("fr-legislatives-2024"), territory("FR")),
             "institutional-promotion-ban", 0)
            ->confidence == Confidence::partly_verified);
  CHECK(cal.version() == "fr-2026.12.1");
  CHECK(cal.elections().size() == 12);
}

TEST_CASE("a Calendar is shared read-only by several threads") {
  const Calendar& cal = builtin_calendar();
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([&, k] {
      const char* codes[] = {"FR", "GP", "PF", "RE"};
      const Territory& t = territory(codes[k]);
      for (int i = 0; i < 500; ++i) {
        const auto active = cal.active_at(at("2017-05-07T17:59:00Z"), t);
        bool silence = false;
        for (const auto& w : active)
          if (w.name == "silence" && w.election == "fr-presidentielle-2017") {
            silence = true;
            if (format_local(w.until, "Europe/Paris") != "2017-05-07T20:00:00+02:00") ++wrong;
          }
        if (!silence) ++wrong;
        // windows() recomputes through ICU on this thread.
        if (cal.windows(*cal.find("fr-presidentielle-2022"), t).size() != 15) ++wrong;
      }
    });
  for (auto& th : threads) th.join();
  CHECK(wrong == 0);
}
