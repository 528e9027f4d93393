// Summary counting and exit status.
#include <stdexcept>

#include "veille/report.hpp"

namespace veille {

void count_result(Summary& summary, const Document& doc, const Result& result) {
  ++summary.records;
  summary.bytes += doc.text.size();
  if (result.status == Result::Status::error) ++summary.errors;
  for (const auto& f : result.findings) {
    if (f.suppressed) {
      ++summary.suppressed;
      continue;
    }
    ++summary.findings;
    ++summary.by_severity[std::string(to_string(f.severity))];
    for (const Law* law : f.cites)
      if (law) ++summary.by_citation[law->id];
  }
}

int exit_code_for(const Summary& summary, std::string_view fail_on) {
  if (fail_on == "never") return 0;
  const auto threshold = severity_from_string(fail_on);
  if (!threshold)
    throw std::invalid_argument("--fail-on: unknown value \"" + std::string(fail_on) +
                                "\" (expected violation, risk, notice or never)");
  for (const auto& [name, count] : summary.by_severity) {
    const auto s = severity_from_string(name);
    if (s && count > 0 && static_cast<int>(*s) >= static_cast<int>(*threshold)) return 1;
  }
  return 0;
}

}  // namespace veille
