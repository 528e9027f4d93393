// Renderings shared by `veille calendar` and the tests: short article labels, human local times
// (French or English, names written here — never through the C locale) and the iCalendar export.
#include <cstdio>
#include <string>

#include "veille/time.hpp"

namespace veille::calendar_output {

std::string short_cite(std::string_view c) {
  // "fr:code-electoral:L49" -> "L49"; "fr:loi-77-808:art-11" -> "loi 77-808 art. 11"
  const auto last = c.rfind(':');
  if (last == std::string_view::npos) return std::string(c);
  const auto first = c.find(':');
  const std::string_view code = c.substr(first + 1, last - first - 1);
  std::string article(c.substr(last + 1));
  if (code == "code-electoral") {
    if (article == "L47-A") return "L47 A";
    return article;
  }
  if (article.rfind("art-", 0) == 0) article = "art. " + article.substr(4);
  std::string name(code);
  for (auto& ch : name)
    if (ch == '-') ch = ' ';
  if (code.rfind("loi-", 0) == 0) name = "loi " + std::string(code.substr(4));
  return name + " " + article;
}

std::string human_time(Instant t, std::string_view zone, std::string_view locale) {
  static constexpr const char* fr_days[] = {"dimanche", "lundi",    "mardi", "mercredi",
                                            "jeudi",    "vendredi", "samedi"};
  static constexpr const char* en_days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                            "Thursday", "Friday", "Saturday"};
  static constexpr const char* fr_months[] = {"janvier",   "février", "mars",     "avril",
                                              "mai",       "juin",    "juillet",  "août",
                                              "septembre", "octobre", "novembre", "décembre"};
  static constexpr const char* en_months[] = {"January",   "February", "March",    "April",
                                              "May",       "June",     "July",     "August",
                                              "September", "October",  "November", "December"};
  const LocalTime lt = to_local(t, zone);
  const bool en = locale == "en";
  char buf[96];
  std::snprintf(
      buf, sizeof buf, "%s %u%s %s %d %02d:%02d", en ? en_days[lt.weekday] : fr_days[lt.weekday],
      lt.day, (!en && lt.day == 1) ? "er" : "",
      en ? en_months[lt.month - 1] : fr_months[lt.month - 1], lt.year, lt.hour, lt.minute);
  return buf;
}

std::string_view window_label(std::string_view name, std::string_view locale) {
  struct Label {
    std::string_view name, fr, en;
  };
  static constexpr Label labels[] = {
      {"silence", "propagande électorale interdite", "no electoral propaganda"},
      {"poll-blackout", "aucun sondage publié ni commenté", "no poll published or discussed"},
      {"results-embargo", "aucun résultat avant la clôture", "no results before the polls close"},
      {"late-campaign", "pas de nouvelle polémique d'un candidat (heuristique)",
       "no new campaign attack by a candidate (heuristic)"},
      {"campaign", "campagne officielle", "official campaign"},
      {"free-number-ban", "pas de numéro d'appel gratuit pour un candidat",
       "no free phone number for a candidate"},
      {"paid-advertising-ban", "pas de publicité commerciale électorale",
       "no paid political advertising"},
      {"institutional-promotion-ban", "pas de promotion des réalisations d'une collectivité",
       "no promotion of a local authority's record"},
      {"platform-transparency", "obligations de transparence des très grandes plateformes",
       "transparency duties of very large platforms"},
      {"false-news-injunction", "référé contre les fausses informations",
       "summary injunction against false news"},
  };
  for (const auto& l : labels)
    if (l.name == name) return locale == "en" ? l.en : l.fr;
  return name;
}

namespace {

// Bytes of the valid UTF-8 sequence at s[i], 0 when it is not one (overlong, surrogate, cut).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0 && c >= 0xC2)
    n = 2;
  else if ((c & 0xF0) == 0xE0)
    n = 3;
  else if ((c & 0xF8) == 0xF0 && c <= 0xF4)
    n = 4;
  else
    return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  const auto c1 = static_cast<unsigned char>(s[i + 1]);
  if (n == 3 && c == 0xE0 && c1 < 0xA0) return 0;   // overlong
  if (n == 3 && c == 0xED && c1 >= 0xA0) return 0;  // surrogates
  if (n == 4 && c == 0xF0 && c1 < 0x90) return 0;
  if (n == 4 && c == 0xF4 && c1 >= 0x90) return 0;
  return n;
}

}  // namespace

std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t run = 0;  // start of the pending run of bytes copied as they are
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const std::size_t n = utf8_length(s, i);
      if (n != 0) {
        i += n;
        continue;
      }
    }
    out.append(s.substr(run, i - run));
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c >= 0x80) {
          out += "\xEF\xBF\xBD";  // invalid UTF-8 byte
        } else {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        }
    }
    ++i;
    run = i;
  }
  out.append(s.substr(run));
  return out;
}

namespace {

// RFC 5545 3.3.11 TEXT escaping.
std::string ics_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

// RFC 5545 3.1: lines longer than 75 octets are folded (CRLF + one space), never inside a UTF-8
// sequence.
void emit(std::string& out, const std::string& line) {
  std::size_t pos = 0;
  std::size_t limit = 75;
  while (line.size() - pos > limit) {
    std::size_t cut = pos + limit;
    while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line, pos, cut - pos);
    out += "\r\n ";
    pos = cut;
    limit = 74;  // the leading space counts
  }
  out.append(line, pos, std::string::npos);
  out += "\r\n";
}

}  // namespace

std::string to_ics(const Calendar& calendar, const std::vector<Window>& windows) {
  std::string out;
  const auto issued = calendar.issued();
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "%04d%02u%02uT000000Z", int(issued.year()),
                unsigned(issued.month()), unsigned(issued.day()));
  emit(out, "BEGIN:VCALENDAR");
  emit(out, "VERSION:2.0");
  emit(out, "PRODID:-//veille//election calendar " + calendar.version() + "//FR");
  emit(out, "CALSCALE:GREGORIAN");
  emit(out, "METHOD:PUBLISH");
  emit(out, "X-WR-CALNAME:" + ics_text("veille — fenêtres légales (" + calendar.version() + ")"));
  for (const auto& w : windows) {
    const Election* e = calendar.find(w.election);
    std::string cites, shorts;
    for (const auto& c : w.cites) {
      cites += (cites.empty() ? "" : " ") + c;
      shorts += (shorts.empty() ? "" : ", ") + short_cite(c);
    }
    const std::string title = e ? e->title : w.election;
    const std::string round = w.round == 0 ? "" : ", tour " + std::to_string(w.round);
    emit(out, "BEGIN:VEVENT");
    emit(out, "UID:" + w.election + "-r" + std::to_string(w.round) + "-" + w.name + "-" +
                  w.territory + "@veille");
    emit(out, std::string("DTSTAMP:") + stamp);
    emit(out, "DTSTART:" + format_utc_basic(w.from));
    emit(out, "DTEND:" + format_utc_basic(w.until));
    emit(out, "SUMMARY:" +
                  ics_text(w.name + " (" + shorts + ") — " + title + round + " — " + w.territory));
    std::string desc =
        "Articles: " + cites + ". Confidence: " + std::string(to_string(w.confidence)) + ".";
    if (!w.note.empty()) desc += " " + w.note + ".";
    if (e && e->provisional) desc += " Provisional dates (no decree known).";
    emit(out, "DESCRIPTION:" + ics_text(desc));
    emit(out, "CATEGORIES:" + ics_text(w.name));
    emit(out, "TRANSP:TRANSPARENT");
    emit(out, "END:VEVENT");
  }
  emit(out, "END:VCALENDAR");
  return out;
}

}  // namespace veille::calendar_output
