#pragma once
// Stage contract: model/ — a statistical citation scorer learned from the labeled corpus.
// For each citation, a logistic-regression score in [0, 1] of "a careful election lawyer would
// cite this for this text" from the words and word pairs of the folded text (numbers reduced to
// their shape) and the author's role. It does not read the time: a citation bound to a legal
// window is learned only from texts published while that window was active, and a rule using the
// score (<model> condition, docs/rules-guide.md) keeps the citation's window.
//
// The model is pack data (rules/fr/model/citations.model, text), written by `veille model train`
// from labeled JSON-lines files; the file records what it was trained on, the training settings
// and, per citation, the decision threshold chosen by cross-validation.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "veille/document.hpp"
#include "veille/text.hpp"

namespace veille {

// The unit a token contributes to the features ("sondage", "00,0" for "52,3", "<pct>"), or
// empty for tokens the model skips (punctuation, symbols).
std::string model_unit(const Token& token);

// The features of one text: distinct strings ("w:sondage", "b:sondage ifop", "role:party").
std::vector<std::string> model_features(const Analysis& analysis, const Meta& meta);

// The same features as 64-bit hashes (FNV-1a of the feature string), sorted and distinct,
// computed without building the strings: what scoring reads on every text.
std::vector<std::uint64_t> model_feature_hashes(const Analysis& analysis, const Meta& meta);
std::uint64_t model_feature_hash(std::string_view feature);

// What one feature adds to a citation's score (for explanations), and where it occurs.
struct FeatureWeight {
  std::string feature;
  double weight = 0;
};

struct ModelError : std::runtime_error {
  using std::runtime_error::runtime_error;  // "FILE:LINE: message"
};

class CitationModel {
 public:
  // Reads a model file; throws ModelError naming the file and line.
  static CitationModel load(const std::string& path);
  // Writes the model file (deterministic: same model, same bytes).
  void save(const std::string& path) const;

  const std::vector<std::string>& citations() const { return citations_; }
  // Index of a citation, or -1.
  int index_of(std::string_view citation) const;
  double threshold(std::size_t citation) const { return thresholds_.at(citation); }
  // Probability for citation `c` of a text with these features.
  double score(std::size_t c, const std::vector<std::string>& features) const;
  // Probabilities of every citation (one lookup per feature), indexed like citations().
  std::vector<double> scores(const std::vector<std::string>& features) const;
  std::vector<double> scores(const std::vector<std::uint64_t>& feature_hashes) const;
  // The features with the largest positive weights for citation `c`, strongest first.
  std::vector<FeatureWeight> strongest(std::size_t c, const std::vector<std::string>& features,
                                       std::size_t n) const;
  double weight(std::size_t c, std::string_view feature) const;
  // Free-text header lines (training files, settings, cross-validated figures).
  const std::vector<std::string>& notes() const { return notes_; }

  // Training (see model/train.cpp).
  struct Example {
    std::vector<std::string> features;
    std::vector<std::string> positives;  // expected citations
    std::vector<std::string> eligible;   // citations this example may teach (window active)
    std::string group;                   // cross-validation group (the file it came from)
  };
  struct TrainOptions {
    int epochs = 6;
    double learning_rate = 0.2;
    std::size_t min_document_frequency = 2;  // rarer features are dropped
    std::size_t folds = 5;                   // cross-validation folds (by group)
    double target_precision = 0.95;  // threshold: lowest whose cross-validated precision >= this
    double min_threshold = 0.5;
    std::vector<std::string> notes;  // copied into the file header
  };
  // Trains one scorer per citation found in the examples' positives; deterministic.
  static CitationModel train(const std::vector<Example>& examples, const TrainOptions& options);

 private:
  std::vector<std::string> citations_;
  std::vector<double> thresholds_;
  std::vector<double> bias_;
  // feature -> one weight per citation
  std::unordered_map<std::string, std::vector<float>> weights_;
  // the same weights by feature hash: row r of `table_` holds citations().size() weights
  std::unordered_map<std::uint64_t, std::uint32_t> rows_;
  std::vector<float> table_;
  std::vector<std::string> notes_;
  void build_index();  // rows_ and table_ from weights_; throws ModelError on a hash collision
  friend struct ModelTrainer;
};

}  // namespace veille
