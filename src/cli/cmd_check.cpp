// `veille check`: the one command editors, platforms and legal teams run. Small inputs and
// millions of records take the same path (readers -> batch pool -> Checker -> ordered writer).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/options_check.hpp"
#include "veille/batch.hpp"
#include "veille/build_config.hpp"
#include "veille/checker.hpp"
#include "veille/ingest.hpp"
#include "veille/report.hpp"

namespace veille::cli {
namespace {

// Applies the command line's defaults to records that do not say otherwise.
class DefaultsReader : public Reader {
 public:
  DefaultsReader(std::unique_ptr<Reader> inner, const CheckArgs& args)
      : inner_(std::move(inner)), args_(args) {}
  bool next(Document& doc) override {
    if (!inner_->next(doc)) return false;
    if (doc.meta.territory.empty()) doc.meta.territory = args_.territory;
    if (doc.meta.lang.empty()) doc.meta.lang = args_.lang;
    if (args_.author_role) doc.meta.author_role = *args_.author_role;
    return true;
  }
  std::uint64_t bytes_read() const override { return inner_->bytes_read(); }
  std::uint64_t bytes_total() const override { return inner_->bytes_total(); }
  std::uint64_t files_failed() const override { return inner_->files_failed(); }
  std::uint64_t files_opened() const override { return inner_->files_opened(); }

 private:
  std::unique_ptr<Reader> inner_;
  const CheckArgs& args_;
};

int run_check(const CheckArgs& args) {
  const Territory* territory = find_territory(args.territory);
  if (!territory) {
    std::cerr << "veille: --territory: unknown value \"" << args.territory << "\"\n";
    return 2;
  }
  std::optional<Instant> at;
  if (!args.at.empty()) {
    std::string why;
    auto parsed = parse_timestamp(args.at, *territory, &why);
    if (!parsed) {
      std::cerr << "veille: --at: " << why << "\n";
      return 2;
    }
    at = parsed->at;
  }

  CheckerOptions copt;
  copt.rule_paths = args.rules;
  copt.builtin_rules = !args.no_builtin_rules;
  copt.calendar_files = args.calendars;
  copt.enable = args.enable;
  copt.disable = args.disable;
  copt.locale = args.locale;
  copt.explain = args.explain;
  copt.max_document_bytes = args.max_doc_size;
  copt.calendar.late_campaign_hours = args.late_campaign_hours;
  // Only the json and html reports show each record's language.
  copt.detect_language = args.format == "json" || args.format == "html";
  std::unique_ptr<Checker> checker;
  try {
    checker = std::make_unique<Checker>(copt);
  } catch (const RulePackError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const CalendarError& e) {
    std::cerr << "veille: calendar: " << e.what() << "\n";
    return 2;
  }

  InputOptions in;
  in.format = args.input_format;
  in.include = args.include;
  in.exclude = args.exclude;
  in.max_record_bytes = args.max_record_bytes;
  for (const auto& f : args.fields) {
    try {
      in.fields.push_back(parse_field_mapping(f));
    } catch (const std::invalid_argument& e) {
      std::cerr << "veille: " << e.what() << "\n";
      return 2;
    }
  }
  std::unique_ptr<Reader> reader;
  try {
    reader = std::make_unique<DefaultsReader>(open_inputs(args.inputs, in), args);
  } catch (const std::exception& e) {
    std::cerr << "veille: " << e.what() << "\n";
    return 2;
  }

  std::ofstream file;
  std::ostream* out = &std::cout;
  if (!args.output.empty()) {
    file.open(args.output, std::ios::binary);
    if (!file) {
      std::cerr << "veille: -o: cannot write \"" << args.output << "\"\n";
      return 2;
    }
    out = &file;
  }

  ReportOptions ropt;
  ropt.locale = args.locale;
  ropt.color = args.color == "always" ||
               (args.color == "auto" && args.output.empty() && isatty(STDOUT_FILENO));
  ropt.redact = args.redact;
  ropt.explain = args.explain;
  ropt.locale_dir = data_dir() + "/locales";
  std::unique_ptr<Writer> writer;
  try {
    writer = make_writer(args.format, ropt, *out);
  } catch (const std::invalid_argument& e) {
    std::cerr << "veille: --format: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "veille: --locale: " << e.what() << "\n";
    return 2;
  }

  Suppressor suppressor;
  try {
    for (const auto& f : args.ignore_files) suppressor.load_ignore_file(f);
    for (const auto& f : args.baselines) suppressor.load_baseline(f);
  } catch (const std::exception& e) {
    std::cerr << "veille: " << e.what() << "\n";
    return 2;
  }
  for (const auto& warning : suppressor.warnings()) spdlog::warn("{}", warning);

  BatchOptions bopt;
  bopt.jobs = args.jobs;
  bopt.at = at;
  bopt.progress = args.progress;
  bopt.explain = args.explain;
  if (!args.shard.empty() && !parse_shard(args.shard, bopt.shard_index, bopt.shard_count)) {
    std::cerr << "veille: --shard: expected K/N with 1 <= K <= N, got \"" << args.shard << "\"\n";
    return 2;
  }
  if (!args.no_suppress) bopt.suppressor = &suppressor;

  RunInfo info;
  info.tool_version = VEILLE_VERSION;
  info.rules_version = checker->rules().version();
  info.calendar_version = checker->calendar().version();
  info.locale = args.locale;
  info.inputs = args.inputs;
  info.at = args.at;

  writer->begin(info);
  const Summary summary = run_batch(*checker, *reader, *writer, bopt);
  out->flush();
  // Exit 2 only when nothing could be read at all.
  if (summary.records == 0 && reader->files_failed() > 0) return 2;
  return exit_code_for(summary, args.fail_on);
}

}  // namespace

void register_check(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CheckArgs>();
  args->locale = default_locale();
  CLI::App* cmd = app.add_subcommand(
      "check", "Check posts, articles or archives against electoral publication law");
  add_check_options(*cmd, *args);
  cmd->callback([args, &ctx] { ctx.exit_code = run_check(*args); });
}

}  // namespace veille::cli
