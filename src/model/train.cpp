// Training the citation model: one logistic regression per citation (AdaGrad, fixed seed, so the
// same examples give the same file), then per citation the decision threshold chosen by
// cross-validation over groups (files), so that it is set on texts the scorer did not learn from.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <future>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "veille/model.hpp"

namespace veille {

struct ModelTrainer {
  using Example = CitationModel::Example;
  using Options = CitationModel::TrainOptions;

  static double sigmoid(double s) { return 1.0 / (1.0 + std::exp(-std::clamp(s, -30.0, 30.0))); }

  // Deterministic Fisher-Yates shuffle (std::shuffle's sequence is implementation-defined).
  static void shuffle(std::vector<std::uint32_t>& v, std::uint64_t& state) {
    for (std::size_t i = v.size(); i > 1; --i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const std::size_t j = static_cast<std::size_t>((state >> 33) % i);
      std::swap(v[i - 1], v[j]);
    }
  }

  static bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  }

  static CitationModel fit(const std::vector<const Example*>& examples,
                           const std::vector<std::string>& citations, const Options& o) {
    std::unordered_map<std::string, std::uint32_t> index;
    std::vector<std::uint32_t> df;
    for (const Example* e : examples)
      for (const auto& f : e->features) {
        auto [it, added] = index.try_emplace(f, static_cast<std::uint32_t>(df.size()));
        if (added) df.push_back(0);
        ++df[it->second];
      }
    std::vector<std::int64_t> kept(df.size(), -1);
    std::vector<const std::string*> names;
    for (const auto& [f, i] : index)
      if (df[i] >= o.min_document_frequency) kept[i] = 0;
    // stable numbering: sorted feature names
    for (const auto& [f, i] : index)
      if (kept[i] == 0) names.push_back(&f);
    std::sort(names.begin(), names.end(), [](const auto* a, const auto* b) { return *a < *b; });
    for (std::size_t k = 0; k < names.size(); ++k) kept[index.at(*names[k])] = std::int64_t(k);
    std::vector<std::vector<std::uint32_t>> docs(examples.size());
    for (std::size_t d = 0; d < examples.size(); ++d) {
      for (const auto& f : examples[d]->features)
        if (auto k = kept[index.at(f)]; k >= 0) docs[d].push_back(static_cast<std::uint32_t>(k));
      std::sort(docs[d].begin(), docs[d].end());
    }

    CitationModel m;
    m.citations_ = citations;
    m.thresholds_.assign(citations.size(), 1.0);
    m.bias_.assign(citations.size(), 0.0);
    std::vector<std::vector<double>> weights(citations.size());
    auto train_one = [&](std::size_t c) {
      const std::string& cite = citations[c];
      std::vector<double> w(names.size(), 0.0), g(names.size(), 0.0);
      double b = 0, gb = 0;
      std::vector<std::uint32_t> order;
      for (std::size_t d = 0; d < examples.size(); ++d)
        if (contains(examples[d]->eligible, cite)) order.push_back(static_cast<std::uint32_t>(d));
      std::uint64_t state = 0x5eed + c;
      for (int epoch = 0; epoch < o.epochs; ++epoch) {
        shuffle(order, state);
        for (std::uint32_t d : order) {
          double s = b;
          for (std::uint32_t f : docs[d]) s += w[f];
          const double y = contains(examples[d]->positives, cite) ? 1.0 : 0.0;
          const double grad = sigmoid(s) - y;
          if (std::abs(grad) < 1e-3) continue;
          const double g2 = grad * grad;
          gb += g2;
          b -= o.learning_rate * grad / std::sqrt(gb + 1e-8);
          for (std::uint32_t f : docs[d]) {
            g[f] += g2;
            w[f] -= o.learning_rate * grad / std::sqrt(g[f] + 1e-8);
          }
        }
      }
      m.bias_[c] = b;
      weights[c] = std::move(w);
    };
    std::vector<std::future<void>> jobs;
    for (std::size_t c = 0; c < citations.size(); ++c)
      jobs.push_back(std::async(std::launch::async, train_one, c));
    for (auto& j : jobs) j.get();
    for (std::size_t k = 0; k < names.size(); ++k) {
      std::vector<float> w(citations.size());
      bool any = false;
      for (std::size_t c = 0; c < citations.size(); ++c) {
        // what the file keeps (6 significant digits) is what the threshold is chosen on
        w[c] = static_cast<float>(weights[c][k]);
        any = any || std::abs(w[c]) >= 1e-4f;
      }
      if (any) m.weights_.emplace(*names[k], std::move(w));
    }
    m.build_index();
    return m;
  }
};

CitationModel CitationModel::train(const std::vector<Example>& examples,
                                   const TrainOptions& options) {
  std::set<std::string> cite_set;
  for (const auto& e : examples) cite_set.insert(e.positives.begin(), e.positives.end());
  const std::vector<std::string> citations(cite_set.begin(), cite_set.end());
  std::vector<const Example*> all;
  for (const auto& e : examples) all.push_back(&e);

  // Cross-validation over groups: group k (in sorted order) is in fold k % folds.
  std::set<std::string> group_set;
  for (const auto& e : examples) group_set.insert(e.group);
  std::map<std::string, std::size_t> fold_of;
  std::size_t k = 0;
  for (const auto& g : group_set) fold_of[g] = k++ % std::max<std::size_t>(options.folds, 1);
  // per citation: (score, expected) of every eligible example, scored by a model that did not
  // see its group
  std::vector<std::vector<std::pair<double, bool>>> held(citations.size());
  const std::size_t folds = group_set.size() >= 2 ? std::min(options.folds, group_set.size()) : 0;
  for (std::size_t fold = 0; fold < folds; ++fold) {
    std::vector<const Example*> train_part, test_part;
    for (const Example* e : all) (fold_of[e->group] == fold ? test_part : train_part).push_back(e);
    if (train_part.empty() || test_part.empty()) continue;
    CitationModel part = ModelTrainer::fit(train_part, citations, options);
    for (const Example* e : test_part) {
      const std::vector<double> scores = part.scores(e->features);
      for (std::size_t c = 0; c < citations.size(); ++c)
        if (ModelTrainer::contains(e->eligible, citations[c]))
          held[c].emplace_back(scores[c], ModelTrainer::contains(e->positives, citations[c]));
    }
  }

  CitationModel m = ModelTrainer::fit(all, citations, options);
  m.notes_ = options.notes;
  m.notes_.push_back("settings: epochs " + std::to_string(options.epochs) + ", learning rate " +
                     std::to_string(options.learning_rate).substr(0, 4) +
                     ", min document frequency " + std::to_string(options.min_document_frequency) +
                     ", folds " + std::to_string(folds) + ", target precision " +
                     std::to_string(options.target_precision).substr(0, 4));
  m.notes_.push_back("examples " + std::to_string(examples.size()) + ", groups " +
                     std::to_string(group_set.size()) + ", features kept " +
                     std::to_string(m.weights_.size()));
  for (std::size_t c = 0; c < citations.size(); ++c) {
    double chosen = 1.0;
    std::size_t tp_at = 0, fp_at = 0, pos = 0;
    for (const auto& [p, y] : held[c]) pos += y;
    for (int step = 0; step < 50; ++step) {
      const double t = options.min_threshold + step * 0.01;
      if (t >= 1.0) break;
      std::size_t tp = 0, fp = 0;
      for (const auto& [p, y] : held[c])
        if (p >= t) (y ? tp : fp) += 1;
      if (tp + fp > 0 && double(tp) / double(tp + fp) >= options.target_precision) {
        chosen = std::round(t * 100) / 100;
        tp_at = tp;
        fp_at = fp;
        break;
      }
    }
    m.thresholds_[c] = chosen;
    char line[256];
    std::snprintf(line, sizeof line,
                  "cross-validated %s: threshold %.2f, precision %.3f, recall %.3f (%zu eligible, "
                  "%zu positive)",
                  citations[c].c_str(), chosen,
                  tp_at + fp_at ? double(tp_at) / double(tp_at + fp_at) : 0.0,
                  pos ? double(tp_at) / double(pos) : 0.0, held[c].size(), pos);
    m.notes_.emplace_back(line);
  }
  return m;
}

}  // namespace veille
