// `veille rules list|show|lint|test`: tooling for rule authors.
#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "report/json_text.hpp"
#include "veille/checker.hpp"
#include "veille/engine.hpp"
#include "veille/rules.hpp"

namespace veille::cli {
namespace {

using report_detail::json_quote;

struct RulesArgs {
  std::vector<std::string> rules, enable, disable;
  bool no_builtin = false;
  std::string format = "text";
  std::string spans = "exact";
  std::string id;
  std::vector<std::string> files;
};

void add_pack_options(CLI::App& cmd, RulesArgs& a) {
  cmd.add_option("--rules", a.rules, "Extra rule-pack file or directory (repeatable)");
  cmd.add_flag("--no-builtin,--no-builtin-rules", a.no_builtin, "Do not load the built-in packs");
  cmd.add_option("--enable", a.enable, "Only these rules: rule id, citation id, tag, or prefix*");
  cmd.add_option("--disable", a.disable, "Drop these rules: rule id, citation id, tag, or prefix*");
}

LoadOptions load_options(const RulesArgs& a) {
  LoadOptions o;
  if (!a.no_builtin) o.paths.push_back(data_dir() + "/rules/fr");
  o.paths.insert(o.paths.end(), a.rules.begin(), a.rules.end());
  o.enable = a.enable;
  o.disable = a.disable;
  return o;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string json_list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + json_quote(v[i]);
  return out + "]";
}

std::string windows_of(const Rule& r) {
  return r.windows.empty() ? "always" : join(r.windows, " ");
}

int run_list(const RulesArgs& a) {
  RuleSet set = RuleSet::load(load_options(a));
  if (a.format == "json") {
    std::cout << "{\"version\":" << json_quote(set.version()) << ",\"rules\":[";
    bool first = true;
    for (const Rule& r : set.rules()) {
      std::cout << (first ? "" : ",") << "\n {\"id\":" << json_quote(r.id)
                << ",\"pack\":" << json_quote(r.pack) << ",\"cites\":" << json_list(r.cites)
                << ",\"severity\":" << json_quote(to_string(r.severity))
                << ",\"windows\":" << json_list(r.windows)
                << ",\"elections\":" << json_list(r.elections)
                << ",\"languages\":" << json_list(r.languages) << ",\"tags\":" << json_list(r.tags)
                << ",\"anchor\":" << json_quote(r.anchor) << ",\"file\":" << json_quote(r.file)
                << ",\"line\":" << r.line << "}";
      first = false;
    }
    std::cout << "\n]}\n";
    return 0;
  }
  std::cout << "rules: " << (set.version().empty() ? "(none)" : set.version()) << ", "
            << set.rules().size() << " rules\n";
  for (const Rule& r : set.rules())
    std::cout << r.id << "  " << to_string(r.severity) << "  cites " << join(r.cites, ",")
              << "  windows " << windows_of(r) << "  languages "
              << (r.languages.empty() ? "all" : join(r.languages, " ")) << "\n";
  return 0;
}

void print_condition(const Condition& c, int depth) {
  std::cout << std::string(static_cast<std::size_t>(2 * depth), ' ') << c.describe() << "\n";
  for (const auto& ch : c.children) print_condition(ch, depth + 1);
}

std::string marked(const Example& ex) {
  if (!ex.span_start) return ex.text;
  return ex.text.substr(0, *ex.span_start) + "[" +
         ex.text.substr(*ex.span_start, *ex.span_end - *ex.span_start) + "]" +
         ex.text.substr(*ex.span_end);
}

int run_show(const RulesArgs& a) {
  RuleSet set = RuleSet::load(load_options(a));
  const Rule* r = set.rule(a.id);
  if (!r) {
    std::cerr << "veille: rules show: no rule \"" << a.id << "\" in " << set.version() << "\n";
    return 2;
  }
  std::cout << r->id << "  (pack " << r->pack << ", " << r->file << ":" << r->line << ")\n";
  std::cout << "severity: " << to_string(r->severity);
  for (const auto& [role, sev] : r->severity_by_role)
    std::cout << "; " << to_string(sev) << " when author_role=" << to_string(role);
  std::cout << "\n";
  for (const auto& c : r->cites) {
    const Law* law = set.law(c);
    std::cout << "cites: " << c << (law ? "  " + law->title : "") << "\n";
  }
  std::cout << "windows: " << windows_of(*r) << "\n"
            << "elections: " << (r->elections.empty() ? "all" : join(r->elections, " ")) << "\n"
            << "languages: " << (r->languages.empty() ? "all" : join(r->languages, " ")) << "\n";
  std::vector<std::string> scopes;
  for (auto s : r->scopes) scopes.emplace_back(to_string(s));
  std::cout << "scope: " << (scopes.empty() ? "whole" : join(scopes, " ")) << "\n";
  if (!r->tags.empty()) std::cout << "tags: " << join(r->tags, " ") << "\n";
  std::cout << "message fr: " << r->message.fr << "\nmessage en: " << r->message.en << "\n";
  std::cout << "condition:\n";
  print_condition(*r->condition, 1);
  if (r->anchor.empty())
    std::cout << "anchor: none (the rule is evaluated on every text)\n";
  else
    std::cout << "anchor (" << (r->anchor_derived ? "derived" : "explicit") << "): " << r->anchor
              << "\nanchor (ripgrep): " << anchor_for_ripgrep(r->anchor) << "\n";
  std::cout << "examples:\n";
  for (const auto& ex : r->examples) {
    std::cout << "  " << (ex.expect_match ? "match   " : "no-match") << " line " << ex.line;
    if (!ex.at.empty()) std::cout << " at=" << ex.at;
    if (!ex.territory.empty()) std::cout << " territory=" << ex.territory;
    if (!ex.author_role.empty()) std::cout << " role=" << ex.author_role;
    if (!ex.lang.empty()) std::cout << " lang=" << ex.lang;
    if (ex.sponsored) std::cout << " sponsored=" << (*ex.sponsored ? "true" : "false");
    std::cout << ": " << marked(ex) << "\n";
  }
  // the definition as written
  std::ifstream in(r->file);
  std::string line;
  int n = 0;
  bool printing = false;
  std::cout << "definition (" << r->file << "):\n";
  while (std::getline(in, line)) {
    ++n;
    if (n == r->line) printing = true;
    if (!printing) continue;
    std::cout << line << "\n";
    if (line.find("</rule>") != std::string::npos) break;
  }
  return 0;
}

int run_lint(const RulesArgs& a) {
  LintResult res = lint_packs(a.files);
  for (const auto& e : res.errors) std::cerr << e.what() << "\n";
  for (const auto& w : res.warnings) std::cerr << w << "\n";
  std::cout << "rules lint: " << res.files << " file(s), " << res.rules << " rule(s), "
            << res.errors.size() << " error(s), " << res.warnings.size() << " warning(s)\n";
  return res.errors.empty() ? 0 : 2;
}

// One example through the full checker (with `at`) or through the matcher (without).
struct ExampleRun {
  bool found = false;                                    // a finding/match of the rule
  bool span_found = false;                               // one with exactly the marked span
  std::vector<std::pair<std::size_t, std::size_t>> got;  // spans of the rule's findings
  std::string error;
};

std::string quote_span(const std::string& text, std::size_t s, std::size_t e) {
  return "«" + text.substr(s, e - s) + "» (bytes " + std::to_string(s) + "-" + std::to_string(e) +
         ")";
}

int run_test(const RulesArgs& a) {
  CheckerOptions copt;
  copt.builtin_rules = !a.no_builtin;
  copt.rule_paths = a.rules;
  copt.enable = a.enable;
  copt.disable = a.disable;
  copt.merge_findings = false;  // every rule must show its own finding, even when covered
  Checker checker(copt);
  const Matcher matcher(checker.rules());
  const bool overlap = a.spans == "overlap";
  std::size_t passed = 0, failed = 0;
  for (const Rule& rule : checker.rules().rules()) {
    for (const Example& ex : rule.examples) {
      Document doc;
      doc.id = rule.id + ":" + std::to_string(ex.line);
      doc.text = ex.text;
      doc.meta.territory = ex.territory.empty() ? "FR" : ex.territory;
      doc.meta.lang = ex.lang;
      if (!ex.author_role.empty())
        if (auto role = author_role_from_string(ex.author_role)) doc.meta.author_role = *role;
      doc.meta.sponsored = ex.sponsored;
      // an example is a text of the kind the rule looks at: inside the rule's (first) scope
      if (!rule.scopes.empty()) doc.scopes.push_back({rule.scopes.front(), 0, doc.text.size()});
      ExampleRun run;
      auto record = [&](std::size_t s, std::size_t e) {
        run.found = true;
        run.got.emplace_back(s, e);
        if (ex.span_start && (overlap ? s < *ex.span_end && *ex.span_start < e
                                      : *ex.span_start == s && *ex.span_end == e))
          run.span_found = true;
      };
      if (!ex.at.empty()) {
        const Territory* where = find_territory(doc.meta.territory);
        std::string why;
        auto at = where ? parse_timestamp(ex.at, *where, &why) : std::nullopt;
        if (!at) {
          run.error = "at=\"" + ex.at + "\": " + (where ? why : "unknown territory");
        } else {
          doc.meta.published_at = ex.at;
          Result res = checker.check(doc, at->at);
          if (res.status == Result::Status::error) run.error = res.error;
          for (const auto& f : res.findings)
            if (f.rule == rule.id) record(f.start, f.end);
        }
      } else {
        Analysis analysis(doc.text, doc.meta.lang);
        for (const auto& m : matcher.match(analysis, doc, {}))
          if (m.rule == &rule) record(m.span.start, m.span.end);
      }
      std::string why;
      if (!run.error.empty()) {
        why = "could not check: " + run.error;
      } else if (ex.expect_match && !run.found) {
        why = "expected a match" +
              (ex.span_start ? " at " + quote_span(ex.text, *ex.span_start, *ex.span_end) : "") +
              ", got none";
      } else if (ex.expect_match && ex.span_start && !run.span_found) {
        why = std::string(overlap ? "expected a span overlapping " : "expected the span ") +
              quote_span(ex.text, *ex.span_start, *ex.span_end) + ", got ";
        for (std::size_t i = 0; i < run.got.size(); ++i)
          why += (i ? ", " : "") + quote_span(ex.text, run.got[i].first, run.got[i].second);
      } else if (!ex.expect_match && run.found) {
        why = "expected no match, got " + quote_span(ex.text, run.got[0].first, run.got[0].second);
      }
      if (why.empty()) {
        ++passed;
        continue;
      }
      ++failed;
      std::cout << ex.file << ":" << ex.line << ": [" << rule.id << "] "
                << (ex.at.empty() ? "" : "at " + ex.at + ": ") << why << "\n    text: " << ex.text
                << "\n";
    }
  }
  std::cout << "rules test: " << passed << " passed, " << failed << " failed\n";
  return failed ? 1 : 0;
}

template <typename F>
void guarded(Context& ctx, F&& f) {
  try {
    ctx.exit_code = f();
  } catch (const RulePackError& e) {
    std::cerr << e.what() << "\n";
    ctx.exit_code = 2;
  } catch (const CalendarError& e) {
    std::cerr << "veille: calendar: " << e.what() << "\n";
    ctx.exit_code = 2;
  }
}

}  // namespace

void register_rules(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<RulesArgs>();
  CLI::App* rules = app.add_subcommand("rules", "List, show, lint and test rule packs");
  rules->require_subcommand(1);

  CLI::App* list = rules->add_subcommand("list", "List the loaded rules");
  add_pack_options(*list, *args);
  list->add_option("--format", args->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  list->callback([&ctx, args] { guarded(ctx, [&] { return run_list(*args); }); });

  CLI::App* show =
      rules->add_subcommand("show", "Show a rule: definition, examples, compiled anchor");
  add_pack_options(*show, *args);
  show->add_option("ID", args->id, "Rule id")->required();
  show->callback([&ctx, args] { guarded(ctx, [&] { return run_show(*args); }); });

  CLI::App* lint = rules->add_subcommand(
      "lint", "Check pack files against the schema and the policy (exit 2 on any error)");
  lint->add_option("FILE", args->files, "Pack files or directories")->required();
  lint->callback([&ctx, args] { guarded(ctx, [&] { return run_lint(*args); }); });

  CLI::App* test = rules->add_subcommand(
      "test", "Run every rule's embedded examples through the checker (exit 1 on any failure)");
  add_pack_options(*test, *args);
  test->add_option("--spans", args->spans,
                   "How a <m> span is checked: exact (default: the finding's span equals it) or "
                   "overlap")
      ->check(CLI::IsMember({"exact", "overlap"}));
  test->callback([&ctx, args] { guarded(ctx, [&] { return run_test(*args); }); });
}

}  // namespace veille::cli
