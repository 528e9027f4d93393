// The ICS export is parsed back: BEGIN/END balance, CRLF, folding, DTSTART/DTEND equal the windows.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>

#include "helpers.hpp"

using namespace veille;
using veille::test::builtin_calendar;
using veille::test::territory;

namespace {

struct Event {
  std::map<std::string, std::string> props;
};

struct Parsed {
  std::vector<Event> events;
  std::map<std::string, std::string> calendar;
  std::string error;
};

// A tiny RFC 5545 reader: checks CRLF endings and the 75-octet limit, unfolds, balances BEGIN/END.
Parsed parse_ics(const std::string& text) {
  Parsed out;
  std::vector<std::string> physical;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto crlf = text.find("\r\n", pos);
    if (crlf == std::string::npos) {
      out.error = "line without CRLF at byte " + std::to_string(pos);
      return out;
    }
    std::string line = text.substr(pos, crlf - pos);
    if (line.find('\n') != std::string::npos || line.find('\r') != std::string::npos) {
      out.error = "bare LF or CR inside a line";
      return out;
    }
    if (line.size() > 75) {
      out.error = "line longer than 75 octets: " + line;
      return out;
    }
    physical.push_back(line);
    pos = crlf + 2;
  }
  std::vector<std::string> logical;
  for (const auto& l : physical) {
    if (!l.empty() && (l[0] == ' ' || l[0] == '\t')) {
      if (logical.empty()) {
        out.error = "continuation line first";
        return out;
      }
      logical.back() += l.substr(1);
    } else {
      logical.push_back(l);
    }
  }
  std::vector<std::string> stack;
  for (const auto& l : logical) {
    const auto colon = l.find(':');
    if (colon == std::string::npos) {
      out.error = "no colon: " + l;
      return out;
    }
    const std::string name = l.substr(0, colon), value = l.substr(colon + 1);
    if (name == "BEGIN") {
      stack.push_back(value);
      if (value == "VEVENT") out.events.emplace_back();
    } else if (name == "END") {
      if (stack.empty() || stack.back() != value) {
        out.error = "unbalanced END:" + value;
        return out;
      }
      stack.pop_back();
    } else if (!stack.empty() && stack.back() == "VEVENT") {
      out.events.back().props[name] = value;
    } else if (!stack.empty() && stack.back() == "VCALENDAR") {
      out.calendar[name] = value;
    } else {
      out.error = "property outside a component: " + l;
      return out;
    }
  }
  if (!stack.empty()) out.error = "unclosed BEGIN:" + stack.back();
  return out;
}

}  // namespace

TEST_CASE("ICS export of fr-presidentielle-2017 parses back to the same windows") {
  const Calendar& cal = builtin_calendar();
  const Election& e = *cal.find("fr-presidentielle-2017");
  std::vector<Window> ws;
  for (const char* code : {"FR", "GP", "PF"})
    for (auto& w : cal.windows(e, territory(code))) ws.push_back(w);
  const std::string ics = calendar_output::to_ics(cal, ws);
  const Parsed p = parse_ics(ics);
  INFO(p.error);
  REQUIRE(p.error.empty());
  CHECK(p.calendar.at("VERSION") == "2.0");
  CHECK(p.calendar.at("PRODID").find("fr-2026.12.1") != std::string::npos);
  REQUIRE(p.events.size() == ws.size());
  std::set<std::string> uids;
  for (std::size_t i = 0; i < ws.size(); ++i) {
    INFO(ws[i].name << " " << ws[i].territory << " round " << ws[i].round);
    const auto& props = p.events[i].props;
    CHECK(props.at("DTSTART") == format_utc_basic(ws[i].from));
    CHECK(props.at("DTEND") == format_utc_basic(ws[i].until));
    CHECK(props.at("DTSTAMP") == "20261208T000000Z");  // fixed: reproducible output
    CHECK(props.at("SUMMARY").find(ws[i].name) != std::string::npos);
    CHECK(props.at("DESCRIPTION").find(ws[i].cites.front()) != std::string::npos);
    uids.insert(props.at("UID"));
  }
  CHECK(uids.size() == ws.size());  // unique UIDs
  // A known value: the silence of round 2 in metropolitan France.
  bool seen = false;
  for (const auto& ev : p.events)
    if (ev.props.at("UID") == "fr-presidentielle-2017-r2-silence-FR@veille") {
      seen = true;
      CHECK(ev.props.at("DTSTART") == "20170505T220000Z");
      CHECK(ev.props.at("DTEND") == "20170507T180000Z");
    }
  CHECK(seen);
  // Same input, same bytes.
  CHECK(calendar_output::to_ics(cal, ws) == ics);
}

TEST_CASE("ICS folding never splits a UTF-8 sequence") {
  const Calendar& cal = builtin_calendar();
  const auto ws = cal.windows(*cal.find("fr-presidentielle-2027"), territory("PF"));
  const std::string ics = calendar_output::to_ics(cal, ws);
  REQUIRE(parse_ics(ics).error.empty());
  std::istringstream in(ics);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t i = (line.size() && line[0] == ' ') ? 1 : 0;
    if (i < line.size()) CHECK((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80);
  }
}

TEST_CASE("human-readable labels and times") {
  using namespace calendar_output;
  CHECK(short_cite("fr:code-electoral:L49") == "L49");
  CHECK(short_cite("fr:code-electoral:L47-A") == "L47 A");
  CHECK(short_cite("fr:loi-77-808:art-11") == "loi 77-808 art. 11");
  const Instant t = veille::test::at("2017-05-07T20:00:00+02:00");
  CHECK(human_time(t, "Europe/Paris", "fr") == "dimanche 7 mai 2017 20:00");
  CHECK(human_time(t, "Europe/Paris", "en") == "Sunday 7 May 2017 20:00");
  CHECK(human_time(t, "America/Guadeloupe", "fr") == "dimanche 7 mai 2017 14:00");
  CHECK(human_time(veille::test::at("2026-10-01T00:00:00+02:00"), "Europe/Paris", "fr") ==
        "jeudi 1er octobre 2026 00:00");
  CHECK(json_escape("a\"b\\c\n") == "a\\\"b\\\\c\\n");
  for (const auto& name : window_names()) {
    INFO(name);
    CHECK(window_label(name, "fr") != name);
    CHECK(window_label(name, "en") != name);
    CHECK(window_label(name, "fr") != window_label(name, "en"));
  }
}
