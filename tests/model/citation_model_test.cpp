// The citation model: features, training, thresholds, the model file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "veille/model.hpp"

using veille::Analysis;
using veille::CitationModel;
using veille::Meta;

namespace {

std::vector<std::string> features_of(const std::string& text, Meta meta = {}) {
  Analysis a(text, "fr");
  return veille::model_features(a, meta);
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("veille-model-test-" + name)).string();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A small training set: poll texts teach "poll", vote texts teach "vote"; two groups so that
// the thresholds are cross-validated.
std::vector<CitationModel::Example> toy_examples() {
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"nouveau sondage ifop macron en tête", "poll"},
      {"sondage elabe le pen progresse", "poll"},
      {"dernier sondage ipsos mélenchon troisième", "poll"},
      {"sondage harris zemmour recule", "poll"},
      {"votez pour notre liste dimanche", "vote"},
      {"demain votez tous pour elle", "vote"},
      {"dimanche votez et faites voter", "vote"},
      {"votez bardella demain matin", "vote"},
      {"la recette de la tarte aux pommes", ""},
      {"match de football ce soir au stade", ""},
      {"la météo annonce de la pluie demain", ""},
      {"concert gratuit samedi sur la place", ""},
  };
  std::vector<CitationModel::Example> out;
  for (int copy = 0; copy < 4; ++copy)
    for (std::size_t i = 0; i < texts.size(); ++i) {
      CitationModel::Example e;
      e.features = features_of(texts[i].first);
      if (!texts[i].second.empty()) e.positives.push_back(texts[i].second);
      e.eligible = {"poll", "vote"};
      e.group = "g" + std::to_string(copy);
      out.push_back(std::move(e));
    }
  return out;
}

}  // namespace

TEST_CASE("model features: words, word pairs, stems, token kinds and the author's role") {
  Meta meta;
  meta.author_role = veille::AuthorRole::party;
  meta.sponsored = true;
  const auto f = features_of("Sondage Ifop : Macron 27,5 % #MacronLeaks 20h", meta);
  const std::vector<std::string> expected = {"b:#macronleaks <time>",
                                             "b:<pct> #macronleaks",
                                             "b:ifop macron",
                                             "b:macron <pct>",
                                             "b:sondage ifop",
                                             "role:party",
                                             "s:sonda",
                                             "sponsored",
                                             "w:#macronleaks",
                                             "w:<pct>",
                                             "w:<time>",
                                             "w:ifop",
                                             "w:leaks",
                                             "w:macron",
                                             "w:sondage"};
  CHECK(f == expected);
}

TEST_CASE("model features: numbers keep their shape, not their value") {
  const auto a = features_of("Il a 1234 voix");
  const auto b = features_of("Il a 9876 voix");
  CHECK(a == b);
  CHECK(std::count(a.begin(), a.end(), "w:0000") == 1);
}

TEST_CASE("model feature hashes: the hashes of the feature strings, built without them") {
  Meta meta;
  meta.author_role = veille::AuthorRole::campaign;
  meta.sponsored = true;
  for (const std::string text :
       {"Sondage Ifop : Macron 27,5 % #MacronLeaks @bfm 20h https://x.fr a@b.fr 🗳️",
        "Nuevo sondeo: Zemmour adelanta a Pécresse en 2022", "", "!!! ... ???",
        "Estimation 20h00 : 52,3 % contre 47,7 %, élu·e·s, l'électorat"}) {
    Analysis a(text, "fr");
    std::vector<std::uint64_t> expected;
    for (const auto& f : veille::model_features(a, meta))
      expected.push_back(veille::model_feature_hash(f));
    std::sort(expected.begin(), expected.end());
    CHECK(veille::model_feature_hashes(a, meta) == expected);
  }
}

TEST_CASE("model training: scores separate the citations and thresholds are cross-validated") {
  CitationModel::TrainOptions opt;
  opt.folds = 4;
  opt.min_document_frequency = 1;
  const CitationModel m = CitationModel::train(toy_examples(), opt);
  REQUIRE(m.citations() == std::vector<std::string>{"poll", "vote"});
  const int poll = m.index_of("poll"), vote = m.index_of("vote");
  REQUIRE(poll == 0);
  REQUIRE(vote == 1);
  CHECK(m.index_of("other") == -1);
  const auto poll_text = features_of("sondage ifop : le pen en tête");
  const auto vote_text = features_of("votez demain pour notre liste");
  const auto other = features_of("la recette de la soupe");
  CHECK(m.score(0, poll_text) > m.threshold(0));
  CHECK(m.score(1, poll_text) < 0.5);
  CHECK(m.score(1, vote_text) > m.threshold(1));
  CHECK(m.score(0, vote_text) < 0.5);
  CHECK(m.score(0, other) < 0.5);
  CHECK(m.score(1, other) < 0.5);
  // every threshold is one of the grid steps from min_threshold
  for (std::size_t c = 0; c < 2; ++c) {
    CHECK(m.threshold(c) >= 0.5);
    CHECK(m.threshold(c) < 1.0);
  }
  const auto scores = m.scores(poll_text);
  REQUIRE(scores.size() == 2);
  CHECK(scores[0] == Approx(m.score(0, poll_text)));
  Analysis poll_analysis("sondage ifop : le pen en tête", "fr");
  const auto by_hash = m.scores(veille::model_feature_hashes(poll_analysis, Meta{}));
  REQUIRE(by_hash.size() == 2);
  CHECK(by_hash[0] == Approx(scores[0]).epsilon(1e-12));
  CHECK(by_hash[1] == Approx(scores[1]).epsilon(1e-12));
  const auto top = m.strongest(0, poll_text, 1);
  REQUIRE(top.size() == 1);
  CHECK(top.front().weight > 0);
  CHECK(top.front().weight == Approx(m.weight(0, top.front().feature)));
}

TEST_CASE("model training: an example teaches only the citations it is eligible for") {
  auto examples = toy_examples();
  // make every "vote" example ineligible for "vote": no example teaches it, score stays at the
  // untrained 0.5
  for (auto& e : examples) e.eligible = {"poll"};
  CitationModel::TrainOptions opt;
  opt.folds = 2;
  const CitationModel m = CitationModel::train(examples, opt);
  CHECK(m.score(1, features_of("votez demain")) == Approx(0.5));
  CHECK(m.threshold(1) == 1.0);  // no threshold reaches the target precision: never fires
}

TEST_CASE("model file: save and load give the same scores, and saving is deterministic") {
  CitationModel::TrainOptions opt;
  opt.folds = 4;
  opt.notes = {"toy model for tests"};
  const CitationModel m = CitationModel::train(toy_examples(), opt);
  const std::string p1 = temp_path("a.model"), p2 = temp_path("b.model");
  m.save(p1);
  const CitationModel back = CitationModel::load(p1);
  back.save(p2);
  CHECK(slurp(p1) == slurp(p2));
  CHECK(back.citations() == m.citations());
  REQUIRE(!back.notes().empty());
  CHECK(back.notes().front() == "toy model for tests");
  const auto f = features_of("nouveau sondage elabe");
  for (std::size_t c = 0; c < 2; ++c) {
    CHECK(back.threshold(c) == Approx(m.threshold(c)));
    CHECK(back.score(c, f) == Approx(m.score(c, f)).epsilon(1e-4));
  }
  // training twice on the same examples writes the same bytes
  CitationModel::train(toy_examples(), opt).save(p2);
  CHECK(slurp(p1) == slurp(p2));
  std::remove(p1.c_str());
  std::remove(p2.c_str());
}

TEST_CASE("model file: errors name the file and the line") {
  const std::string p = temp_path("bad.model");
  auto write = [&](const std::string& text) {
    std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
  };
  auto error_of = [&]() -> std::string {
    try {
      CitationModel::load(p);
    } catch (const veille::ModelError& e) {
      return e.what();
    }
    return "no error";
  };
  write("hello\n");
  CHECK(error_of().find(p + ":1: not a veille citation model") == 0);
  write("# veille citation model 1\ncitations\ta\tb\nthreshold\t0.5\n");
  CHECK(error_of() == p + ":3: expected 2 values, found 1");
  write("# veille citation model 1\ncitations\ta\nf\tw:x\tabc\n");
  CHECK(error_of() == p + ":3: value \"abc\" is not a number");
  write("# veille citation model 1\nbias\t0\n");
  CHECK(error_of() == p + ":2: the \"citations\" line must come before \"bias\"");
  write("# veille citation model 1\ncitations\ta\nf\tw:x\t1\nf\tw:x\t2\n");
  CHECK(error_of() == p + ":4: feature \"w:x\" given twice");
  std::remove(p.c_str());
  CHECK(error_of().find(p + ": cannot open") == 0);
}
