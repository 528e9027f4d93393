// veille — command-line face of libveille. Subcommands are registered from cmd_*.cpp.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <exception>
#include <string>

#include "cli/commands.hpp"
#include "veille/build_config.hpp"
#include "veille/checker.hpp"

namespace {

// Program, rule-pack and calendar versions: what a report must cite to be reproducible.
std::string version_text() {
  std::string text = std::string("veille ") + VEILLE_VERSION;
  try {
    veille::Checker checker(veille::CheckerOptions{});
    text += "\nrules: " + checker.rules().version();
    text += "\ncalendar: " + checker.calendar().version();
  } catch (const std::exception& e) {
    text += std::string("\nrules/calendar: not loaded (") + e.what() + ")";
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  auto logger = spdlog::stderr_color_mt("veille");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("veille: %^%l%$: %v");
  spdlog::set_level(spdlog::level::warn);

  veille::cli::Context ctx;
  CLI::App app{"veille — checks publications against electoral publication law", "veille"};
  app.set_version_flag("--version", version_text, "Print the program, rule-pack and calendar versions");
  app.add_flag("-v,--verbose", ctx.verbosity, "More log output on stderr (repeat for more)");
  app.add_flag("-q,--quiet", ctx.quiet, "Only errors on stderr");
  app.require_subcommand(1);
  app.fallthrough();
  app.parse_complete_callback([&] {
    if (ctx.quiet)
      spdlog::set_level(spdlog::level::err);
    else if (ctx.verbosity >= 2)
      spdlog::set_level(spdlog::level::debug);
    else if (ctx.verbosity == 1)
      spdlog::set_level(spdlog::level::info);
  });

  veille::cli::register_check(app, ctx);
  veille::cli::register_rules(app, ctx);
  veille::cli::register_calendar(app, ctx);
  veille::cli::register_model(app, ctx);
  veille::cli::register_analyze(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const std::exception& e) {
    spdlog::error("internal error: {}", e.what());
    return 3;
  }
  return ctx.exit_code;
}
