#pragma once
// A fixed run built by hand (no rule pack, no checker): laws, documents and results that cover
// every case a writer meets — findings with and without windows, overlapping spans, a
// suppressed finding, notices, an error record, accents, quotes, commas, an e-mail and a handle.
#include <string>
#include <vector>

#include "veille/report.hpp"

namespace veille::test {

struct Run {
  std::vector<Law> laws;  // stable addresses: filled once, never resized afterwards
  std::vector<Document> docs;
  std::vector<Result> results;
  RunInfo info;
  Summary summary;
};

// The fixed run. Findings keep pointers into run.laws: keep the Run alive while writing.
const Run& fixed_run();

// Renders the fixed run (or any run) with a writer of the given format.
std::string render(const Run& run, std::string_view format, ReportOptions options = {});

// Test helpers: paths and files.
std::string source_dir();
std::string read_text(const std::string& path);
void write_text(const std::string& path, const std::string& text);
std::string temp_dir();
int run_command(const std::string& command);

}  // namespace veille::test
