// `veille calendar`: the election calendar and its legal windows.
//   (no flag)            elections and rounds
//   --election ID        the election's windows, per territory (--territory X to restrict)
//   --at T               windows active at T in a territory (default FR)
//   --format text|json|ics, --locale fr|en, --calendar FILE (user file, e.g. a by-election)
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "veille/checker.hpp"
#include "veille/time.hpp"

namespace veille::cli {
namespace {

using calendar_output::human_time;
using calendar_output::json_escape;
using calendar_output::short_cite;

struct CalendarArgs {
  std::string election;
  std::string territory;
  std::string at;
  std::string format = "text";
  std::string locale = "fr";
  std::vector<std::string> calendars;
  int late_campaign_hours = 72;
};

struct Words {
  const char* calendar;
  const char* round;
  const char* last_close;
  const char* saturday_vote;
  const char* from;
  const char* until;
  const char* since;
  const char* active_none;
  const char* active_some;
  const char* provisional;
  const char* outside;
  const char* partly;
  const char* unverified;
  const char* whole;
};

const Words kFr = {"Calendrier",
                   "tour",
                   "clôture 20:00 (Paris)",
                   "vote la veille",
                   "du",
                   "jusqu'au",
                   "depuis le",
                   "aucune fenêtre active",
                   "fenêtre(s) active(s)",
                   "provisoire (aucun décret connu)",
                   "Remarque : cet instant est hors de la période couverte par le calendrier",
                   "partiellement vérifié",
                   "non vérifié",
                   "toute l'élection"};
const Words kEn = {"Calendar",
                   "round",
                   "last close 20:00 (Paris)",
                   "voting the day before",
                   "from",
                   "until",
                   "since",
                   "no active window",
                   "active window(s)",
                   "provisional (no decree known)",
                   "Note: this instant is outside the period the calendar covers",
                   "partly verified",
                   "unverified",
                   "whole election"};

std::string confidence_tag(Confidence c, const Words& w) {
  if (c == Confidence::partly_verified) return std::string(" [") + w.partly + "]";
  if (c == Confidence::unverified) return std::string(" [") + w.unverified + "]";
  return "";
}

std::string cites_short(const Window& w) {
  std::string s;
  for (const auto& c : w.cites) s += (s.empty() ? "" : ", ") + short_cite(c);
  return s;
}

std::string cites_json(const Window& w) {
  std::string s = "[";
  for (std::size_t i = 0; i < w.cites.size(); ++i)
    s += (i ? ",\"" : "\"") + json_escape(w.cites[i]) + "\"";
  return s + "]";
}

std::string iso_date(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return buf;
}

// "dimanche 23 avril 2017" for a calendar date.
std::string human_date(std::chrono::year_month_day d, const std::string& locale) {
  const Instant noon =
      from_local(int(d.year()), unsigned(d.month()), unsigned(d.day()), 12, 0, "Europe/Paris");
  std::string s = human_time(noon, "Europe/Paris", locale);
  return s.substr(0, s.size() - 6);  // drop " 12:00"
}

std::string window_line(const Window& w, const Territory& t, const CalendarArgs& a,
                        const Words& words, bool with_election) {
  std::string line = "  ";
  if (with_election) line += w.election + " ";
  line += w.round ? std::string(words.round) + " " + std::to_string(w.round) + " · "
                  : std::string(words.whole) + " · ";
  line += w.name + " (" + cites_short(w) + ") ";
  line += std::string(with_election ? words.since : words.from) + " " +
          human_time(w.from, t.zone, a.locale) + " " + words.until + " " +
          human_time(w.until, t.zone, a.locale);
  line += " — " + std::string(calendar_output::window_label(w.name, a.locale));
  line += confidence_tag(w.confidence, words);
  return line;
}

int list_elections(const Calendar& cal, const CalendarArgs& a, const Words& words,
                   const std::vector<const Territory*>& terrs) {
  if (a.format == "ics") {
    std::vector<Window> all;
    for (const auto& e : cal.elections())
      for (const Territory* t : terrs)
        for (auto& w : cal.windows(e, *t)) all.push_back(std::move(w));
    std::cout << calendar_output::to_ics(cal, all);
    return 0;
  }
  if (a.format == "json") {
    std::cout << "{\"calendar\":\"" << json_escape(cal.version()) << "\",\"coverage\":{\"from\":\""
              << format_utc(cal.coverage_from()) << "\",\"until\":\""
              << format_utc(cal.coverage_until()) << "\"},\"elections\":[";
    bool first_e = true;
    for (const auto& e : cal.elections()) {
      std::cout << (first_e ? "" : ",") << "{\"id\":\"" << json_escape(e.id) << "\",\"kind\":\""
                << e.kind << "\",\"title\":\"" << json_escape(e.title)
                << "\",\"provisional\":" << (e.provisional ? "true" : "false")
                << ",\"national_general\":" << (e.national_general ? "true" : "false")
                << ",\"single_constituency\":" << (e.single_constituency ? "true" : "false")
                << ",\"confidence\":\"" << to_string(e.confidence) << "\",\"source\":\""
                << json_escape(e.source) << "\",\"rounds\":[";
      first_e = false;
      bool first_r = true;
      for (const auto& r : e.rounds) {
        char close[8];
        std::snprintf(close, sizeof close, "%02d:%02d", r.close_hour, r.close_minute);
        std::cout << (first_r ? "" : ",") << "{\"round\":" << r.number << ",\"date\":\""
                  << iso_date(r.date) << "\",\"close\":\"" << close << "\",\"saturday\":[";
        first_r = false;
        for (std::size_t i = 0; i < r.saturday_territories.size(); ++i)
          std::cout << (i ? ",\"" : "\"") << r.saturday_territories[i] << "\"";
        std::cout << "],\"saturday_confidence\":\"" << to_string(r.saturday_confidence)
                  << "\",\"other_days\":[";
        for (std::size_t i = 0; i < r.local_votes.size(); ++i)
          std::cout << (i ? "," : "") << "{\"territory\":\"" << r.local_votes[i].territory
                    << "\",\"date\":\"" << iso_date(r.local_votes[i].date) << "\",\"confidence\":\""
                    << to_string(r.local_votes[i].confidence) << "\"}";
        std::cout << "],\"decisive\":" << (r.decisive ? "true" : "false") << ",\"confidence\":\""
                  << to_string(r.confidence) << "\",\"source\":\"" << json_escape(r.source)
                  << "\"}";
      }
      std::cout << "]}";
    }
    std::cout << "]}\n";
    return 0;
  }
  std::cout << words.calendar << " " << cal.version() << "\n";
  for (const auto& e : cal.elections()) {
    std::cout << e.id << "  " << e.title;
    if (e.provisional) std::cout << " — " << words.provisional;
    std::cout << confidence_tag(e.confidence, words) << "\n";
    for (const auto& r : e.rounds) {
      // Each tag right after what it qualifies: the round's date, the Saturday list, a local vote.
      std::cout << "  " << words.round << " " << r.number << " : " << human_date(r.date, a.locale)
                << confidence_tag(r.confidence, words) << ", " << words.last_close;
      if (!r.saturday_territories.empty()) {
        std::cout << " ; " << words.saturday_vote << " ("
                  << human_date(r.voting_day(r.saturday_territories.front()), a.locale) << ") :";
        for (const auto& s : r.saturday_territories) std::cout << " " << s;
        std::cout << confidence_tag(r.saturday_confidence, words);
      }
      for (const auto& v : r.local_votes)
        std::cout << " ; " << v.territory << " " << human_date(v.date, a.locale)
                  << confidence_tag(v.confidence, words);
      std::cout << "\n";
    }
  }
  return 0;
}

int election_windows(const Calendar& cal, const Election& e, const CalendarArgs& a,
                     const Words& words, const std::vector<const Territory*>& terrs) {
  if (a.format == "ics") {
    std::vector<Window> all;
    for (const Territory* t : terrs)
      for (auto& w : cal.windows(e, *t)) all.push_back(std::move(w));
    std::cout << calendar_output::to_ics(cal, all);
    return 0;
  }
  if (a.format == "json") {
    std::cout << "{\"calendar\":\"" << json_escape(cal.version()) << "\",\"election\":\""
              << json_escape(e.id) << "\",\"title\":\"" << json_escape(e.title)
              << "\",\"provisional\":" << (e.provisional ? "true" : "false")
              << ",\"territories\":[";
    bool first_t = true;
    for (const Territory* t : terrs) {
      std::cout << (first_t ? "" : ",") << "{\"territory\":\"" << t->code << "\",\"zone\":\""
                << t->zone << "\",\"windows\":[";
      first_t = false;
      bool first_w = true;
      for (const auto& w : cal.windows(e, *t)) {
        std::cout << (first_w ? "" : ",") << "{\"round\":" << w.round << ",\"window\":\"" << w.name
                  << "\",\"cites\":" << cites_json(w) << ",\"from\":\""
                  << format_local(w.from, t->zone) << "\",\"until\":\""
                  << format_local(w.until, t->zone) << "\",\"confidence\":\""
                  << to_string(w.confidence) << "\",\"note\":\"" << json_escape(w.note) << "\"}";
        first_w = false;
      }
      std::cout << "]}";
    }
    std::cout << "]}\n";
    return 0;
  }
  std::cout << e.title << " (" << e.id << ") — " << words.calendar << " " << cal.version();
  if (e.provisional) std::cout << " — " << words.provisional;
  std::cout << "\n";
  for (const Territory* t : terrs) {
    std::cout << "\n" << t->name << " (" << t->code << ", " << t->zone << ")\n";
    for (const auto& w : cal.windows(e, *t))
      std::cout << window_line(w, *t, a, words, false) << "\n";
  }
  return 0;
}

int active_windows(const Calendar& cal, const CalendarArgs& a, const Words& words,
                   const Territory& t) {
  std::string why;
  auto parsed = parse_timestamp(a.at, t, &why);
  if (!parsed) {
    std::cerr << "veille: --at: " << why << "\n";
    return 2;
  }
  std::vector<Window> active = cal.active_at(parsed->at, t);
  if (!a.election.empty())
    active.erase(std::remove_if(active.begin(), active.end(),
                                [&](const Window& w) { return w.election != a.election; }),
                 active.end());
  if (!parsed->offset_given)
    spdlog::warn("--at \"{}\" has no UTC offset: read as local time in {}", a.at, t.zone);
  const bool covered = cal.covers(parsed->at);
  if (!covered)
    spdlog::warn("time outside the calendar's coverage ({} .. {}): no window can be known",
                 format_utc(cal.coverage_from()), format_utc(cal.coverage_until()));
  if (a.format == "ics") {
    std::cout << calendar_output::to_ics(cal, active);
    return 0;
  }
  if (a.format == "json") {
    std::cout << "{\"at\":\"" << format_local(parsed->at, t.zone) << "\",\"territory\":\"" << t.code
              << "\",\"active\":[";
    for (std::size_t i = 0; i < active.size(); ++i) {
      const Window& w = active[i];
      std::cout << (i ? "," : "") << "{\"election\":\"" << json_escape(w.election)
                << "\",\"round\":" << w.round << ",\"window\":\"" << w.name
                << "\",\"cites\":" << cites_json(w) << ",\"from\":\""
                << format_local(w.from, t.zone) << "\",\"until\":\""
                << format_local(w.until, t.zone) << "\"}";
    }
    std::cout << "]}\n";
    return 0;
  }
  std::cout << format_local(parsed->at, t.zone) << " — " << t.name << " (" << t.code << ", "
            << t.zone << ") : ";
  if (active.empty())
    std::cout << words.active_none << "\n";
  else
    std::cout << active.size() << " " << words.active_some << "\n";
  for (const auto& w : active) std::cout << window_line(w, t, a, words, true) << "\n";
  if (!covered)
    std::cout << words.outside << " (" << format_local(cal.coverage_from(), t.zone) << " — "
              << format_local(cal.coverage_until(), t.zone) << ").\n";
  return 0;
}

int run_calendar(const CalendarArgs& a) {
  const Words& words = a.locale == "en" ? kEn : kFr;
  std::vector<const Territory*> terrs;
  if (!a.territory.empty()) {
    const Territory* t = find_territory(a.territory);
    if (!t) {
      std::string list;
      for (const auto& x : territories()) list += (list.empty() ? "" : " ") + x.code;
      std::cerr << "veille: --territory: unknown value \"" << a.territory
                << "\" (accepted: " << list << ")\n";
      return 2;
    }
    terrs.push_back(t);
  } else {
    for (const auto& t : territories()) terrs.push_back(&t);
  }

  Calendar cal;
  try {
    auto files = builtin_calendar_files();
    files.insert(files.end(), a.calendars.begin(), a.calendars.end());
    CalendarOptions options;
    options.late_campaign_hours = a.late_campaign_hours;
    options.schema = data_dir() + "/rules/schema/calendar.rng";
    cal = Calendar::load(files, options);
  } catch (const CalendarError& e) {
    std::cerr << "veille: calendar: " << e.what() << "\n";
    return 2;
  }

  const Election* election = nullptr;
  if (!a.election.empty()) {
    election = cal.find(a.election);
    if (!election) {
      std::string list;
      for (const auto& e : cal.elections()) list += (list.empty() ? "" : " ") + e.id;
      std::cerr << "veille: --election: unknown election \"" << a.election << "\" (known: " << list
                << ")\n";
      return 2;
    }
  }
  if (!a.at.empty())
    return active_windows(cal, a, words, a.territory.empty() ? *find_territory("FR") : *terrs[0]);
  if (election) return election_windows(cal, *election, a, words, terrs);
  return list_elections(cal, a, words, terrs);
}

}  // namespace

void register_calendar(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CalendarArgs>();
  CLI::App* cmd = app.add_subcommand(
      "calendar",
      "Election calendar and legal windows (elections, an election's windows, or the "
      "windows active at an instant)");
  cmd->add_option("--election", args->election, "Election id, e.g. fr-presidentielle-2017");
  cmd->add_option("--territory", args->territory,
                  "Territory (FR GP MQ GF RE YT PM BL MF PF NC WF); default: FR with --at, all "
                  "otherwise");
  cmd->add_option("--at", args->at,
                  "Instant (ISO 8601, RFC 2822, Twitter created_at or epoch): list the windows "
                  "active then");
  cmd->add_option("-f,--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "ics"}))
      ->capture_default_str();
  cmd->add_option("--locale", args->locale, "Language of the text output")
      ->check(CLI::IsMember({"fr", "en"}))
      ->capture_default_str();
  cmd->add_option("--calendar", args->calendars, "Extra calendar file (e.g. a by-election)");
  cmd->add_option("--late-campaign-hours", args->late_campaign_hours,
                  "L48-2 heuristic: length of the late-campaign window in hours")
      ->check(CLI::Range(0, 720))
      ->capture_default_str();
  cmd->callback([args, &ctx] {
    try {
      ctx.exit_code = run_calendar(*args);
    } catch (const std::exception& e) {
      std::cerr << "veille: calendar: internal error: " << e.what() << "\n";
      ctx.exit_code = 3;
    }
  });
}

}  // namespace veille::cli
