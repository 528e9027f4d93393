#pragma once
// Stage contract: what the law/time step (checker/) hands to report/. A Finding is a Match put
// in its legal context: citations, the window it falls in, from when the text is lawful, and a
// content fingerprint (never a position).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "veille/rules.hpp"
#include "veille/time.hpp"

namespace veille {

struct Finding {
  std::string rule;                // rule id
  std::vector<const Law*> cites;   // registry entries, in the rule's order
  Severity severity = Severity::violation;
  std::size_t start = 0, end = 0;  // original bytes of Document::text
  std::size_t line = 1, column = 1;  // 1-based; column counts code points
  std::size_t utf16_start = 0, utf16_end = 0;
  std::string matched;   // the original matched text
  std::string excerpt;   // matched text with some context ("…" where cut)
  std::string message;   // localized, placeholders filled
  std::optional<Window> window;       // the window the publication time falls in
  std::optional<Instant> lawful_from;  // earliest lawful publication of the same text
  std::string zone;                    // IANA zone used to print times (territory's)
  std::vector<std::string> missing;    // what a mandatory-mention rule found missing
  std::vector<std::string> trace;      // explain lines
  std::string fingerprint;             // hex; hash of rule, document, normalized text, window
  bool suppressed = false;
  std::string suppression;             // why ("inline: reason", "ignore-file: reason", "baseline")
};

struct Notice {
  std::string code;  // e.g. "time-outside-calendar", "lang-without-rules", "time-assumed-zone"
  std::map<std::string, std::string> params;  // placeholders for the localized text
  std::string message;  // English fallback; report/ localizes by code from locales/
};

struct Result {
  enum class Status { ok, error };
  Status status = Status::ok;
  std::string error;  // "<what and where>" when status == error
  std::optional<Instant> published_at;  // the instant checked
  bool published_at_from_now = false;   // no time given: checked as of now
  std::string zone;                     // territory zone
  std::string lang;
  std::vector<Finding> findings;
  std::vector<Notice> notices;
};

}  // namespace veille
