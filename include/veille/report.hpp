#pragma once
// Stage contract: report/ — renders Results. A Writer receives the run's documents one by one,
// in input order, and a summary at the end. Localized strings come from locales/.
// Also here: suppressions (inline, ignore file, baseline), redaction, exit status.
// Output formats are specified in docs/output-schema.md (schema_version 1).
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "veille/document.hpp"
#include "veille/finding.hpp"

namespace veille {

// Version of the json / jsonl / csv output contract (docs/output-schema.md).
inline constexpr int kOutputSchemaVersion = 1;

struct RunInfo {
  std::string tool_version;
  std::string rules_version;
  std::string calendar_version;
  std::string locale = "fr";
  std::vector<std::string> inputs;
  std::string at;            // --at when given
  std::string generated_at;  // when the report was made; empty = not printed (deterministic)
};

struct Summary {
  std::uint64_t records = 0;
  std::uint64_t errors = 0;
  std::uint64_t findings = 0;    // unsuppressed findings
  std::uint64_t suppressed = 0;  // suppressed findings (not shown unless --no-suppress)
  std::map<std::string, std::uint64_t> by_citation;  // unsuppressed findings per citation id
  std::map<std::string, std::uint64_t> by_severity;  // unsuppressed findings per severity name
  double seconds = 0;
  std::uint64_t bytes = 0;
};

// Adds one checked record to a summary (records, errors, bytes, findings by severity/citation,
// suppressed). The batch and the CLI use it so that every face counts the same way.
void count_result(Summary& summary, const Document& doc, const Result& result);

struct ReportOptions {
  std::string locale = "fr";     // "fr" or "en"
  bool color = false;            // ANSI colors (text format)
  bool redact = false;           // mask @handles and e-mail addresses
  bool explain = false;          // print Finding::trace
  bool show_suppressed = false;  // --no-suppress: suppressed findings are shown (and marked)
  // Directory holding <locale>.locale files; empty = default_locale_dir().
  std::string locale_dir;
};

class Writer {
 public:
  virtual ~Writer() = default;
  virtual void begin(const RunInfo& info) = 0;
  virtual void write(const Document& doc, const Result& result) = 0;
  virtual void end(const Summary& summary) = 0;

  // Rendering off the writing thread (the batch formats records on its worker threads, so the
  // in-order writer only copies bytes). A writer whose records are independent of one another
  // returns true from renders_records(); then, after begin(), render() may be called from any
  // thread at once (it must not touch mutable state) and gives exactly the bytes write() would
  // print for that record, and write_rendered() prints them in order. Default: not supported.
  virtual bool renders_records() const { return false; }
  virtual std::string render(const Document& doc, const Result& result) const;
  virtual void write_rendered(const Document& doc, const Result& result, std::string_view text);
};

// Formats: text, json, jsonl, sarif, html, csv. Throws std::invalid_argument on unknown format,
// std::runtime_error when the locale file cannot be read.
std::unique_ptr<Writer> make_writer(std::string_view format, const ReportOptions& options,
                                    std::ostream& out);
std::vector<std::string> writer_formats();

// "en" when LC_ALL, else LC_MESSAGES, else LANG starts with "en"; "fr" otherwise.
std::string default_locale();
// $VEILLE_DATA_DIR/locales when it exists, else the source tree's locales/.
std::string default_locale_dir();

// Localized strings, loaded from <dir>/<locale>.locale (`key = value` lines, # comments;
// {name} placeholders). Missing keys fall back to English, then to the key itself.
class Catalog {
 public:
  static Catalog load(const std::string& dir, const std::string& locale);  // throws runtime_error
  const std::string& locale() const { return locale_; }
  std::string get(std::string_view key) const;
  std::string format(std::string_view key, const std::map<std::string, std::string>& params) const;
  bool has(std::string_view key) const;
  const std::map<std::string, std::string, std::less<>>& entries() const { return entries_; }
  // Parses one catalog file; throws std::runtime_error naming file:line on a malformed line.
  static std::map<std::string, std::string, std::less<>> parse_file(const std::string& path);

 private:
  std::string locale_;
  std::map<std::string, std::string, std::less<>> entries_;
  std::map<std::string, std::string, std::less<>> fallback_;
};

// The localized text of a notice: "notice.<code>" from the catalog with {param} filled, else
// Notice::message (params filled too).
std::string localize_notice(const Catalog& catalog, const Notice& notice);

// Replaces {name} placeholders from params; unknown placeholders are left as they are.
std::string fill_placeholders(std::string_view text,
                              const std::map<std::string, std::string>& params);

// An instant in a zone as reports print it ("UTC" when zone is empty): exactly format_local's
// text, with the zone offset cached per quarter hour (format_local costs an ICU call each time).
std::string format_report_time(Instant t, std::string_view zone);

// Redaction: "@jdupont" -> "@j***", "jean.dupont@example.org" -> "j***@example.org".
std::string redact_personal_data(std::string_view text);

// Plain-text inline suppressions: a line holding only `veille-ignore RULE: reason` (RULE is a
// rule id, a citation id or *), and the comment form `<!-- veille-ignore RULE: reason -->`
// anywhere. A directive without a reason is not a suppression.
std::vector<InlineSuppression> find_inline_suppressions(std::string_view text);

// Suppressions from files. apply() is const and thread-safe once loading is done.
class Suppressor {
 public:
  struct Entry {
    std::string fingerprint;
    std::string reason;
    std::string expires;  // YYYY-MM-DD or empty
    std::string origin;   // file:line
  };

  // `today` decides expiry (an entry expiring on D still applies on D); default: the UTC date.
  Suppressor();
  explicit Suppressor(std::chrono::year_month_day today);

  // Ignore file: one entry a line, `FINGERPRINT [YYYY-MM-DD] reason`, # comments, blank lines.
  // Throws std::runtime_error naming file:line on a malformed line. An expired entry is not
  // loaded; a warning is recorded instead.
  void load_ignore_file(const std::string& path);
  // A previous json or jsonl (or sarif) report: each fingerprint in it is suppressed as
  // "baseline". Throws std::runtime_error naming the file (and line for jsonl) on bad JSON.
  void load_baseline(const std::string& path);
  // Marks findings suppressed: inline directives of the document first, then the ignore file,
  // then the baseline. Sets Finding::suppressed and Finding::suppression
  // ("inline: reason", "ignore-file: reason", "baseline").
  void apply(const Document& doc, Result& result) const;

  const std::vector<std::string>& warnings() const { return warnings_; }
  std::size_t ignore_entries() const { return ignored_.size(); }
  std::size_t baseline_entries() const { return baseline_.size(); }
  bool empty() const { return ignored_.empty() && baseline_.empty(); }

 private:
  std::chrono::year_month_day today_;
  std::unordered_map<std::string, Entry> ignored_;
  std::unordered_map<std::string, std::string> baseline_;  // fingerprint -> origin
  std::vector<std::string> warnings_;
};

// 1 when the summary holds any unsuppressed finding at or above `fail_on`
// (violation | risk | notice); 0 otherwise and for "never". Throws std::invalid_argument on any
// other value.
int exit_code_for(const Summary& summary, std::string_view fail_on);

}  // namespace veille
