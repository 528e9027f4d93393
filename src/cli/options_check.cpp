#include "cli/options_check.hpp"

#include <charconv>

namespace veille::cli {

void add_check_options(CLI::App& cmd, CheckArgs& a) {
  cmd.add_option("inputs", a.inputs,
                 "Files, directories, .gz files or - for stdin (default: stdin)");
  cmd.add_option("--at", a.at,
                 "Publication time to check against (ISO 8601 with offset, RFC 2822, epoch); "
                 "overrides the records' published_at");
  cmd.add_option("--territory", a.territory,
                 "Territory for records that do not give one (FR GP MQ GF RE YT PM BL MF PF NC WF)")
      ->capture_default_str();
  cmd.add_option_function<std::string>(
         "--author-role",
         [&a](const std::string& v) { a.author_role = author_role_from_string(v); },
         "Who publishes: candidate, party, campaign, media, authority, public")
      ->check(CLI::IsMember({"candidate", "party", "campaign", "media", "authority", "public"}));
  cmd.add_option("--lang", a.lang, "Language of records that do not give one (else detected)");
  cmd.add_option("-f,--format", a.format, "Report format")
      ->check(CLI::IsMember({"text", "json", "jsonl", "sarif", "html", "csv"}))
      ->capture_default_str();
  cmd.add_option("-o,--output", a.output, "Write the report to FILE instead of stdout");
  cmd.add_option("--locale", a.locale, "Language of messages (fr, en)")
      ->check(CLI::IsMember({"fr", "en"}));
  cmd.add_option("--color", a.color, "Colors in the text report")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd.add_option("--input-format", a.input_format, "Input format (default: by extension/content)")
      ->check(CLI::IsMember({"auto", "text", "markdown", "html", "rss", "atom", "feed", "jsonl"}))
      ->capture_default_str();
  cmd.add_option("--field", a.fields,
                 "JSON-lines field mapping NAME=PATH, e.g. text=full_text, id=id_str")
      ->allow_extra_args(false);
  cmd.add_option("--include", a.include, "Glob of files to read in directories")
      ->allow_extra_args(false);
  cmd.add_option("--exclude", a.exclude, "Glob of files to skip in directories")
      ->allow_extra_args(false);
  cmd.add_option("--rules", a.rules, "Extra rule pack (file or directory), after the built-in ones")
      ->allow_extra_args(false);
  cmd.add_flag("--no-builtin-rules", a.no_builtin_rules, "Do not load the built-in packs");
  cmd.add_option("--calendar", a.calendars, "Extra calendar file (e.g. a by-election)")
      ->allow_extra_args(false);
  cmd.add_option("--enable", a.enable, "Only these rule ids, citation ids or tags")
      ->allow_extra_args(false);
  cmd.add_option("--disable", a.disable, "Skip these rule ids, citation ids or tags")
      ->allow_extra_args(false);
  cmd.add_flag("--explain", a.explain, "Show, per finding, the condition and window trace");
  cmd.add_option("--fail-on", a.fail_on, "Exit 1 when a finding is at or above this severity")
      ->check(CLI::IsMember({"violation", "risk", "notice", "never"}))
      ->capture_default_str();
  cmd.add_option("-j,--jobs", a.jobs, "Worker threads (default: all cores)");
  cmd.add_option("--progress", a.progress, "Progress line on stderr")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd.add_option("--shard", a.shard, "Keep only the records whose id hashes to shard K of N (K/N)");
  cmd.add_flag("--redact", a.redact, "Mask @handles and e-mail addresses in reports");
  cmd.add_option("--baseline", a.baselines,
                 "Previous json/jsonl report: report only findings not in it")
      ->allow_extra_args(false);
  cmd.add_option("--ignore-file", a.ignore_files,
                 "File of fingerprints to ignore, each with a reason and optional expiry")
      ->allow_extra_args(false);
  cmd.add_flag("--no-suppress", a.no_suppress, "Show suppressed findings too");
  cmd.add_option("--max-doc-size", a.max_doc_size, "Largest document checked, in bytes")
      ->capture_default_str();
  cmd.add_option("--max-record-bytes", a.max_record_bytes,
                 "Largest input record (JSON line, file) read, in bytes; larger ones are error "
                 "records")
      ->capture_default_str();
  cmd.add_option("--late-campaign-hours", a.late_campaign_hours,
                 "L48-2 heuristic: hours before the campaign closes that count as late")
      ->capture_default_str();
}

bool parse_shard(const std::string& text, unsigned& index, unsigned& count) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return false;
  const char* b = text.data();
  auto r1 = std::from_chars(b, b + slash, index);
  auto r2 = std::from_chars(b + slash + 1, b + text.size(), count);
  return r1.ec == std::errc{} && r1.ptr == b + slash && r2.ec == std::errc{} &&
         r2.ptr == b + text.size() && count >= 1 && index >= 1 && index <= count;
}

}  // namespace veille::cli
