#pragma once
// The options of `veille check`, kept apart from the command's logic.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "veille/document.hpp"

namespace veille::cli {

struct CheckArgs {
  std::vector<std::string> inputs{"-"};
  std::string at;
  std::string territory = "FR";
  std::optional<AuthorRole> author_role;
  std::string lang;
  std::string format = "text";
  std::string output;
  std::string locale = "fr";
  std::string color = "auto";
  std::string input_format = "auto";
  std::vector<std::string> fields, include, exclude;
  std::vector<std::string> rules, calendars, enable, disable;
  bool no_builtin_rules = false;
  bool explain = false;
  std::string fail_on = "violation";
  unsigned jobs = 0;
  std::string progress = "auto";
  std::string shard;
  bool redact = false;
  std::vector<std::string> baselines, ignore_files;
  bool no_suppress = false;
  std::size_t max_doc_size = 10u << 20;
  std::size_t max_record_bytes = 64u << 20;
  int late_campaign_hours = 72;
};

void add_check_options(CLI::App& cmd, CheckArgs& args);
// "K/N" with 1 <= K <= N.
bool parse_shard(const std::string& text, unsigned& index, unsigned& count);

}  // namespace veille::cli
