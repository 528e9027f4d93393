// bench_engine CORPUS.jsonl [RULES_DIR]   — rule-pack load time and engine throughput, one core.
// bench_engine --print-anchors [RULES_DIR] — the anchors in ripgrep syntax, one per line, for
//                                            `rg -c -f` side by side (make bench).
// bench_engine --per-rule CORPUS.jsonl [RULES_DIR] — per rule: records where its anchor fires
//                                            (candidates), records it matched, evaluation time.
// Engine throughput = folded view + anchor prefilter + candidate evaluation (tokens/lemmas only
// when a candidate needs them), measured on the records' text bytes; prints a Markdown table
// fragment.
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "veille/checker.hpp"
#include "veille/engine.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

veille::RuleSet load(const std::string& dir) {
  veille::LoadOptions o;
  o.paths = {dir};
  return veille::RuleSet::load(o);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const bool print_anchors = !args.empty() && args[0] == "--print-anchors";
  if (print_anchors) args.erase(args.begin());
  const bool per_rule = !args.empty() && args[0] == "--per-rule";
  if (per_rule) args.erase(args.begin());
  if ((!print_anchors && args.empty()) || args.size() > (print_anchors ? 1u : 2u)) {
    std::cerr << "usage: bench_engine CORPUS.jsonl [RULES_DIR]\n"
                 "       bench_engine --print-anchors [RULES_DIR]\n";
    return 2;
  }
  const std::string rules_dir =
      print_anchors ? (args.empty() ? veille::data_dir() + "/rules/fr" : args[0])
                    : (args.size() > 1 ? args[1] : veille::data_dir() + "/rules/fr");
  try {
    if (print_anchors) {
      veille::RuleSet set = load(rules_dir);
      for (const auto& r : set.rules())
        if (!r.anchor.empty()) std::cout << veille::anchor_for_ripgrep(r.anchor) << "\n";
      return 0;
    }

    // Load + compile: best of 5 (the first run also pays for the dictionaries' first touch).
    double best_load = 1e18;
    std::size_t nrules = 0, anchored = 0;
    for (int i = 0; i < 5; ++i) {
      auto t0 = Clock::now();
      veille::RuleSet set = load(rules_dir);
      veille::Matcher m(set);
      best_load = std::min(best_load, ms_since(t0));
      nrules = set.rules().size();
      anchored = static_cast<std::size_t>(
          std::count_if(set.rules().begin(), set.rules().end(),
                        [](const veille::Rule& r) { return !r.anchor.empty(); }));
    }

    // Corpus texts.
    std::ifstream in(args[0]);
    if (!in) throw std::runtime_error("cannot read " + args[0]);
    simdjson::ondemand::parser parser;
    std::vector<std::string> texts;
    std::size_t bytes = 0;
    std::string line;
    while (std::getline(in, line)) {
      simdjson::padded_string padded(line);
      simdjson::ondemand::document d;
      std::string_view text;
      if (parser.iterate(padded).get(d) || d["text"].get_string().get(text)) continue;
      texts.emplace_back(text);
      bytes += text.size();
    }

    veille::RuleSet set = load(rules_dir);
    veille::Matcher matcher(set);
    veille::Document doc;
    if (per_rule) {
      // One single-rule matcher per rule, timed on the records where the full prefilter selects it.
      const auto& rules = set.rules();
      std::vector<std::size_t> cand(rules.size()), hit(rules.size());
      std::vector<double> ms(rules.size());
      std::vector<std::unique_ptr<veille::RuleSet>> single;
      std::vector<std::unique_ptr<veille::Matcher>> one;
      for (const auto& r : rules) {
        veille::LoadOptions o;
        o.paths = {rules_dir};
        o.enable = {r.id};
        single.push_back(std::make_unique<veille::RuleSet>(veille::RuleSet::load(o)));
        one.push_back(std::make_unique<veille::Matcher>(*single.back()));
      }
      // Tokens and lemmas are built once per record first (by the full matcher), so that each
      // rule's time is its own condition evaluation (plus its one-anchor prefilter).
      for (const auto& t : texts) {
        veille::Analysis a(t, "fr");
        matcher.match(a, doc);
        for (std::size_t i : matcher.candidates(a.folded())) {
          ++cand[i];
          auto t0 = Clock::now();
          hit[i] += one[i]->match(a, doc).empty() ? 0 : 1;
          ms[i] += ms_since(t0);
        }
      }
      std::printf(
          "| rule | candidate records | %% of records | matched records | eval s |\n"
          "|---|---:|---:|---:|---:|\n");
      for (std::size_t i = 0; i < rules.size(); ++i)
        std::printf("| %s | %zu | %.1f | %zu | %.2f |\n", rules[i].id.c_str(), cand[i],
                    100.0 * double(cand[i]) / double(std::max<std::size_t>(1, texts.size())),
                    hit[i], ms[i] / 1e3);
      return 0;
    }
    veille::MatchOptions opt;
    std::size_t matches = 0, candidates = 0;
    double best = 1e18;
    for (int run = 0; run < 3; ++run) {
      matches = candidates = 0;
      const auto before = matcher.evaluations();
      auto t0 = Clock::now();
      for (const auto& t : texts) {
        veille::Analysis a(t, "fr");
        matches += matcher.match(a, doc, opt).size();
      }
      best = std::min(best, ms_since(t0));
      candidates = matcher.evaluations() - before;
    }
    // The same split in stages: folded view only, then + Set.
    double fold_ms = 1e18, set_ms = 1e18;
    std::size_t sink = 0;
    for (int run = 0; run < 3; ++run) {
      auto t0 = Clock::now();
      for (const auto& t : texts) sink += veille::Analysis(t, "fr").folded().size();
      fold_ms = std::min(fold_ms, ms_since(t0));
      t0 = Clock::now();
      for (const auto& t : texts) {
        veille::Analysis a(t, "fr");
        sink += matcher.candidates(a.folded()).size();
      }
      set_ms = std::min(set_ms, ms_since(t0));
    }
    const double mbs = bytes / 1e6 / (best / 1e3);
    std::printf("| engine measure | value |\n|---|---:|\n");
    std::printf("| rules loaded (with anchor) | %zu (%zu) |\n", nrules, anchored);
    std::printf("| load + compile of %s (best of 5) | %.1f ms |\n", rules_dir.c_str(), best_load);
    std::printf("| corpus | %zu records, %.1f MB of text |\n", texts.size(), bytes / 1e6);
    std::printf(
        "| engine (fold + prefilter + candidates), 1 core, best of 3 | %.2f s, **%.1f MB/s** |\n",
        best / 1e3, mbs);
    std::printf("| folded view only | %.1f MB/s (%.2f s) |\n", bytes / 1e6 / (fold_ms / 1e3),
                fold_ms / 1e3);
    std::printf("| folded view + prefilter (candidates, no evaluation) | %.1f MB/s (%.2f s) |\n",
                bytes / 1e6 / (set_ms / 1e3), set_ms / 1e3);
    std::printf("| rule evaluations (candidates) per record | %.2f |\n",
                texts.empty() ? 0.0 : double(candidates) / double(texts.size()));
    std::printf("| matches | %zu |\n", matches + (sink == 0));
    for (const auto& w : matcher.warnings()) std::fprintf(stderr, "%s\n", w.c_str());
  } catch (const veille::RulePackError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "bench_engine: " << e.what() << "\n";
    return 3;
  }
  return 0;
}
