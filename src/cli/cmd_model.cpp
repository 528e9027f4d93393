// `veille model`: the statistical citation model of the rule pack (docs/rules-guide.md).
//   train FILES... --out PATH   learn it from labeled JSON-lines files (the labeled corpus
//                               format: an input record plus "expect", its citation ids)
//   show [PATH]                 what a model file was trained on, its thresholds and figures
#include <simdjson.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "veille/build_config.hpp"
#include "veille/checker.hpp"
#include "veille/ingest.hpp"
#include "veille/model.hpp"
#include "veille/time.hpp"

namespace veille::cli {
namespace {

struct TrainArgs {
  std::vector<std::string> files;
  std::string out;
  int epochs = 6;
  std::size_t folds = 5;
  double precision = 0.97;
};

// Line number -> expected citations, read from the "expect" field of every line of `path`.
std::map<std::uint64_t, std::vector<std::string>> expected_citations(const std::string& path) {
  std::map<std::uint64_t, std::vector<std::string>> out;
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  simdjson::dom::parser parser;
  std::string line;
  std::uint64_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::dom::element rec;
    if (parser.parse(line).get(rec))
      throw std::runtime_error(path + ":" + std::to_string(lineno) + ": not a JSON object");
    simdjson::dom::array expect;
    if (rec["expect"].get(expect))
      throw std::runtime_error(path + ":" + std::to_string(lineno) +
                               ": field expect: missing or not a list of citation ids");
    auto& cites = out[lineno];
    for (auto v : expect) {
      std::string_view s;
      if (v.get(s))
        throw std::runtime_error(path + ":" + std::to_string(lineno) +
                                 ": field expect: an element is not a string");
      cites.emplace_back(s);
    }
  }
  return out;
}

int train(TrainArgs args) {
  // the same files in any order give the same model
  std::sort(args.files.begin(), args.files.end());
  args.files.erase(std::unique(args.files.begin(), args.files.end()), args.files.end());
  const Calendar calendar = Calendar::load(builtin_calendar_files());
  // citations bound to a legal window: learned only from texts published while it was active
  std::set<std::string> windowed;
  for (const auto& e : calendar.elections())
    for (const auto& t : territories())
      for (const auto& w : calendar.windows(e, t)) windowed.insert(w.cites.begin(), w.cites.end());
  std::set<std::string> all_cites;
  std::vector<CitationModel::Example> examples;
  std::vector<std::string> names;
  for (const auto& path : args.files) {
    const auto expected = expected_citations(path);
    for (const auto& [line, cites] : expected) all_cites.insert(cites.begin(), cites.end());
    InputOptions io;
    io.format = "jsonl";
    auto reader = open_input(path, io);
    Document doc;
    std::size_t n = 0;
    while (reader->next(doc)) {
      const std::string where = path + ":" + std::to_string(doc.line);
      if (!doc.error.empty()) throw std::runtime_error(where + ": " + doc.error);
      const std::string code = doc.meta.territory.empty() ? "FR" : doc.meta.territory;
      const Territory* territory = find_territory(code);
      if (!territory)
        throw std::runtime_error(where + ": field territory: unknown value \"" + code + "\"");
      std::string why;
      auto at = parse_timestamp(doc.meta.published_at, *territory, &why);
      if (!at)
        throw std::runtime_error(where + ": field published_at: " + why + " (value \"" +
                                 doc.meta.published_at + "\")");
      CitationModel::Example ex;
      ex.group = std::filesystem::path(path).filename().string();
      ex.positives = expected.at(doc.line);
      std::set<std::string> eligible;
      for (const auto& w : calendar.active_at(at->at, *territory))
        eligible.insert(w.cites.begin(), w.cites.end());
      ex.eligible.assign(eligible.begin(), eligible.end());
      Analysis analysis(doc.text, doc.meta.lang);
      ex.features = model_features(analysis, doc.meta);
      examples.push_back(std::move(ex));
      ++n;
    }
    names.push_back(std::filesystem::path(path).filename().string() + " (" + std::to_string(n) +
                    ")");
  }
  // citations without a window may be taught by every text
  for (auto& ex : examples) {
    for (const auto& c : all_cites)
      if (!windowed.count(c)) ex.eligible.push_back(c);
    std::sort(ex.eligible.begin(), ex.eligible.end());
  }
  CitationModel::TrainOptions opt;
  opt.epochs = args.epochs;
  opt.folds = args.folds;
  opt.target_precision = args.precision;
  std::string files;
  for (const auto& n : names) files += (files.empty() ? "" : ", ") + n;
  opt.notes.push_back("trained by veille " + std::string(VEILLE_VERSION) +
                      " with `veille model train`");
  opt.notes.push_back("calendar: " + calendar.version());
  opt.notes.push_back("training files: " + files);
  const CitationModel model = CitationModel::train(examples, opt);
  model.save(args.out);
  for (const auto& n : model.notes())
    if (n.rfind("cross-validated", 0) == 0 || n.rfind("examples", 0) == 0) std::cout << n << "\n";
  std::cout << "wrote " << args.out << "\n";
  return 0;
}

}  // namespace

void register_model(CLI::App& app, Context& ctx) {
  auto* model = app.add_subcommand("model", "Train or show the statistical citation model");
  model->require_subcommand(1);
  auto args = std::make_shared<TrainArgs>();
  auto* tr = model->add_subcommand(
      "train", "Learn the citation model from labeled JSON-lines files (input records + expect)");
  tr->add_option("files", args->files, "Labeled JSON-lines files")->required();
  tr->add_option("--out", args->out, "Model file to write")->required();
  tr->add_option("--epochs", args->epochs, "Passes over the examples")->check(CLI::Range(1, 50));
  tr->add_option("--folds", args->folds, "Cross-validation folds (by file) for the thresholds")
      ->check(CLI::Range(2, 20));
  tr->add_option("--precision", args->precision,
                 "Cross-validated precision each citation's threshold must reach")
      ->check(CLI::Range(0.5, 1.0));
  tr->callback([args, &ctx] {
    try {
      ctx.exit_code = train(*args);
    } catch (const std::exception& e) {
      spdlog::error("{}", e.what());
      ctx.exit_code = 2;
    }
  });
  auto path = std::make_shared<std::string>();
  auto* show =
      model->add_subcommand("show", "Print what a model file was trained on and its thresholds");
  show->add_option("path", *path, "Model file (default: the built-in one)");
  show->callback([path, &ctx] {
    try {
      const std::string p = path->empty() ? data_dir() + "/rules/fr/model/citations.model" : *path;
      const CitationModel m = CitationModel::load(p);
      std::cout << p << "\n";
      for (const auto& n : m.notes()) std::cout << "  " << n << "\n";
      for (std::size_t c = 0; c < m.citations().size(); ++c)
        std::cout << "  threshold " << m.citations()[c] << " " << m.threshold(c) << "\n";
      ctx.exit_code = 0;
    } catch (const std::exception& e) {
      spdlog::error("{}", e.what());
      ctx.exit_code = 2;
    }
  });
}

}  // namespace veille::cli
