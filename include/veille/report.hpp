#pragma once
// Stage contract: report/ — renders Results. A Writer receives the run's documents one by one,
// in input order, and a summary at the end. Localized strings come from locales/.
#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "veille/document.hpp"
#include "veille/finding.hpp"

namespace veille {

struct RunInfo {
  std::string tool_version;
  std::string rules_version;
  std::string calendar_version;
  std::string locale = "fr";
  std::vector<std::string> inputs;
  std::string at;  // --at when given
};

struct Summary {
  std::uint64_t records = 0;
  std::uint64_t errors = 0;
  std::uint64_t findings = 0;
  std::uint64_t suppressed = 0;
  std::map<std::string, std::uint64_t> by_citation;
  std::map<std::string, std::uint64_t> by_severity;
  double seconds = 0;
  std::uint64_t bytes = 0;
};

struct ReportOptions {
  std::string locale = "fr";
  bool color = false;
  bool redact = false;
  bool explain = false;
};

class Writer {
 public:
  virtual ~Writer() = default;
  virtual void begin(const RunInfo& info) = 0;
  virtual void write(const Document& doc, const Result& result) = 0;
  virtual void end(const Summary& summary) = 0;
};

// Formats: text, json, jsonl, sarif, html, csv. Throws std::invalid_argument on unknown format.
std::unique_ptr<Writer> make_writer(std::string_view format, const ReportOptions& options,
                                    std::ostream& out);
std::vector<std::string> writer_formats();

}  // namespace veille
