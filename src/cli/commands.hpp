#pragma once
// Each subcommand lives in its own file (cmd_<name>.cpp) and registers itself on the app.
// A command's callback sets ctx.exit_code: 0 ok, 1 findings/failures, 2 usage/input/rule-pack
// error, 3 internal error.
#include <CLI/CLI.hpp>

namespace veille::cli {

struct Context {
  int exit_code = 0;
  int verbosity = 0;  // -v count
  bool quiet = false;
};

void register_check(CLI::App& app, Context& ctx);
void register_rules(CLI::App& app, Context& ctx);
void register_calendar(CLI::App& app, Context& ctx);
void register_analyze(CLI::App& app, Context& ctx);
void register_model(CLI::App& app, Context& ctx);

}  // namespace veille::cli
