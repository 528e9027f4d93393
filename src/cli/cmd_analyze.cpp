// `veille analyze [--lang L] [--format text|json] [FILE|-]`: shows what the engine sees — the
// folded view and every token with its kind, original byte span, folded form, parts and lemmas.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>

#include "cli/commands.hpp"
#include "report/json_text.hpp"
#include "text/utf8.hpp"
#include "veille/text.hpp"

namespace veille::cli {
namespace {

using report_detail::json_quote;  // JSON string literal; invalid UTF-8 becomes U+FFFD

struct AnalyzeArgs {
  std::string lang;
  std::string format = "text";
  std::string input = "-";
};

std::string json_list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += ',';
    out += json_quote(v[i]);
  }
  return out + "]";
}

// Visible form of a slice for the text output: control characters escaped.
std::string visible(std::string_view s) {
  const std::string j = json_quote(s);
  std::string out;
  for (std::size_t i = 1; i + 1 < j.size(); ++i) {
    if (j[i] == '\\' && (j[i + 1] == '"' || j[i + 1] == '\\')) ++i;  // keep " and \ as is
    out.push_back(j[i]);
  }
  return out;
}

void print_json(const Analysis& a, std::ostream& os) {
  os << "{\"lang\":" << json_quote(a.lang())
     << ",\"lang_detected\":" << (a.lang_detected() ? "true" : "false")
     << ",\"invalid_utf8\":" << (a.had_invalid_utf8() ? "true" : "false")
     << ",\"folded\":" << json_quote(a.folded()) << ",\"tokens\":[";
  bool first = true;
  for (const Token& t : a.tokens()) {
    if (!first) os << ',';
    first = false;
    os << "{\"text\":" << json_quote(a.original().substr(t.span.start, t.span.end - t.span.start))
       << ",\"kind\":" << json_quote(to_string(t.kind)) << ",\"start\":" << t.span.start
       << ",\"end\":" << t.span.end << ",\"folded\":" << json_quote(t.folded)
       << ",\"lemmas\":" << json_list(a.lemmas(t));
    if (!t.parts.empty()) os << ",\"parts\":" << json_list(t.parts);
    if (t.elision) os << ",\"elision\":true";
    os << ",\"sentence\":" << t.sentence << ",\"paragraph\":" << t.paragraph << '}';
  }
  os << "],\"sentences\":[";
  for (std::size_t i = 0; i < a.sentences().size(); ++i)
    os << (i ? "," : "") << '[' << a.sentences()[i].start << ',' << a.sentences()[i].end << ']';
  os << "],\"paragraphs\":[";
  for (std::size_t i = 0; i < a.paragraphs().size(); ++i)
    os << (i ? "," : "") << '[' << a.paragraphs()[i].start << ',' << a.paragraphs()[i].end << ']';
  os << "]}\n";
}

void print_text(const Analysis& a, std::ostream& os) {
  os << "lang: " << a.lang() << (a.lang_detected() ? " (detected)" : "") << "\n";
  os << "folded: " << visible(a.folded()) << "\n";
  os << "tokens: " << a.tokens().size() << ", sentences: " << a.sentences().size()
     << ", paragraphs: " << a.paragraphs().size() << "\n";
  for (const Token& t : a.tokens()) {
    char head[64];
    std::snprintf(head, sizeof head, "%3u:%-3u %6zu-%-6zu %-8s ", t.sentence, t.paragraph,
                  t.span.start, t.span.end, std::string(to_string(t.kind)).c_str());
    os << head << visible(a.original().substr(t.span.start, t.span.end - t.span.start)) << "  -> "
       << visible(t.folded);
    if (t.elision) os << "  (elision)";
    if (!t.parts.empty()) {
      os << "  parts:";
      for (const auto& p : t.parts) os << ' ' << visible(p);
    }
    const auto& lemmas = a.lemmas(t);
    if (!lemmas.empty()) {
      os << "  lemmas:";
      for (const auto& l : lemmas) os << ' ' << visible(l);
    }
    os << "\n";
  }
}

int run_analyze(const AnalyzeArgs& args) {
  std::string text;
  if (args.input == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
  } else {
    std::ifstream in(args.input, std::ios::binary);
    if (!in) {
      spdlog::error("analyze: cannot read {}", args.input);
      return 2;
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) {
      spdlog::error("analyze: error while reading {}", args.input);
      return 2;
    }
  }
  Analysis a(text, args.lang);
  if (a.had_invalid_utf8())
    spdlog::warn("analyze: {}: invalid UTF-8 replaced by U+FFFD in the folded view",
                 args.input == "-" ? "<stdin>" : args.input);
  if (args.format == "json")
    print_json(a, std::cout);
  else
    print_text(a, std::cout);
  std::cout.flush();
  return std::cout ? 0 : 3;
}

}  // namespace

void register_analyze(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "analyze", "Show the folded view and the tokens (kind, span, folded form, lemmas) of a text");
  cmd->add_option("--lang", args->lang, "Language (ISO 639-1); default: detected, else fr");
  cmd->add_option("-f,--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("input", args->input, "Text file, or - for standard input")
      ->capture_default_str();
  cmd->callback([args, &ctx] {
    try {
      ctx.exit_code = run_analyze(*args);
    } catch (const std::exception& e) {
      spdlog::error("analyze: internal error: {}", e.what());
      ctx.exit_code = 3;
    }
  });
}

}  // namespace veille::cli
