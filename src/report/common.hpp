#pragma once
// What every writer shares: options, the catalog, redaction, time and position helpers.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "veille/report.hpp"

namespace veille::report_detail {

struct Context {
  ReportOptions options;
  Catalog catalog;

  // The text as printed: redacted when asked.
  std::string shown(std::string_view text) const {
    return options.redact ? redact_personal_data(text) : std::string(text);
  }
  std::string label(std::string_view key) const { return catalog.get(key); }
  std::string severity_label(Severity s) const;
  std::string window_label(const std::string& name) const;
  std::string notice_text(const Notice& n) const;
  // Findings to print, in order: all of them with show_suppressed, else the unsuppressed ones.
  std::vector<const Finding*> visible(const Result& result) const;
};

Context make_context(const ReportOptions& options);

// Time in the given zone ("UTC" when empty), as format_local prints it.
std::string local_time(Instant t, std::string_view zone);
std::string zone_of(const Finding& f, const Result& r);

struct Position {
  std::size_t line = 1, column = 1;  // 1-based; column in code points
};
// Line and column of a byte offset of text (offset clamped to the text).
Position position_at(std::string_view text, std::size_t offset);
// [start, end) of the line holding byte `offset` (without its newline).
std::pair<std::size_t, std::size_t> line_bounds(std::string_view text, std::size_t offset);
std::size_t code_points(std::string_view text);

// Where a record comes from, for humans: "source" for whole files, "source#id" for records.
std::string record_label(const Document& doc);

std::string join(const std::vector<std::string>& items, std::string_view sep);
std::vector<std::string> cite_ids(const Finding& f);

}  // namespace veille::report_detail
