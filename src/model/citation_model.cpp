// The citation model file (text, one line per feature) and scoring.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "veille/model.hpp"

namespace veille {
namespace {

constexpr std::string_view kMagic = "# veille citation model 1";

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

double sigmoid(double s) {
  s = std::clamp(s, -30.0, 30.0);
  return 1.0 / (1.0 + std::exp(-s));
}

}  // namespace

int CitationModel::index_of(std::string_view citation) const {
  for (std::size_t i = 0; i < citations_.size(); ++i)
    if (citations_[i] == citation) return static_cast<int>(i);
  return -1;
}

double CitationModel::weight(std::size_t c, std::string_view feature) const {
  auto it = weights_.find(std::string(feature));
  return it == weights_.end() ? 0.0 : it->second[c];
}

double CitationModel::score(std::size_t c, const std::vector<std::string>& features) const {
  double s = bias_.at(c);
  for (const auto& f : features)
    if (auto it = weights_.find(f); it != weights_.end()) s += it->second[c];
  return sigmoid(s);
}

std::vector<double> CitationModel::scores(const std::vector<std::string>& features) const {
  std::vector<double> s = bias_;
  for (const auto& f : features)
    if (auto it = weights_.find(f); it != weights_.end())
      for (std::size_t c = 0; c < s.size(); ++c) s[c] += it->second[c];
  for (double& v : s) v = sigmoid(v);
  return s;
}

std::vector<double> CitationModel::scores(const std::vector<std::uint64_t>& hashes) const {
  std::vector<double> s = bias_;
  const std::size_t n = s.size();
  for (const std::uint64_t h : hashes)
    if (auto it = rows_.find(h); it != rows_.end()) {
      const float* w = table_.data() + std::size_t(it->second) * n;
      for (std::size_t c = 0; c < n; ++c) s[c] += w[c];
    }
  for (double& v : s) v = sigmoid(v);
  return s;
}

void CitationModel::build_index() {
  std::vector<const std::string*> keys;
  keys.reserve(weights_.size());
  for (const auto& [f, w] : weights_) keys.push_back(&f);
  std::sort(keys.begin(), keys.end(), [](const auto* a, const auto* b) { return *a < *b; });
  rows_.clear();
  rows_.reserve(keys.size());
  table_.clear();
  table_.reserve(keys.size() * citations_.size());
  for (const auto* f : keys) {
    const auto row = static_cast<std::uint32_t>(rows_.size());
    if (!rows_.emplace(model_feature_hash(*f), row).second)
      throw ModelError("feature \"" + *f + "\": its 64-bit hash collides with another feature's");
    const auto& w = weights_.at(*f);
    table_.insert(table_.end(), w.begin(), w.end());
  }
}

std::vector<FeatureWeight> CitationModel::strongest(std::size_t c,
                                                    const std::vector<std::string>& features,
                                                    std::size_t n) const {
  std::vector<FeatureWeight> out;
  for (const auto& f : features)
    if (auto it = weights_.find(f); it != weights_.end() && it->second[c] > 0)
      out.push_back({f, it->second[c]});
  std::sort(out.begin(), out.end(), [](const FeatureWeight& a, const FeatureWeight& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.feature < b.feature;
  });
  if (out.size() > n) out.resize(n);
  return out;
}

CitationModel CitationModel::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ModelError(path + ": cannot open the citation model");
  CitationModel m;
  std::string line;
  std::size_t lineno = 0;
  auto fail = [&](const std::string& why) {
    throw ModelError(path + ":" + std::to_string(lineno) + ": " + why);
  };
  auto numbers = [&](const std::vector<std::string>& parts, std::size_t from, auto&& put) {
    if (parts.size() - from != m.citations_.size())
      fail("expected " + std::to_string(m.citations_.size()) + " values, found " +
           std::to_string(parts.size() - from));
    for (std::size_t i = from; i < parts.size(); ++i) {
      char* end = nullptr;
      const double v = std::strtod(parts[i].c_str(), &end);
      if (parts[i].empty() || *end != '\0' || !std::isfinite(v))
        fail("value \"" + parts[i] + "\" is not a number");
      put(i - from, v);
    }
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (lineno == 1) {
      if (line != kMagic)
        fail("not a veille citation model (first line must be \"" + std::string(kMagic) + "\")");
      continue;
    }
    if (line.empty()) continue;
    if (line.rfind("# ", 0) == 0) {
      m.notes_.push_back(line.substr(2));
      continue;
    }
    auto parts = split_tabs(line);
    const std::string& kind = parts[0];
    if (kind == "citations") {
      m.citations_.assign(parts.begin() + 1, parts.end());
      m.thresholds_.assign(m.citations_.size(), 1.0);
      m.bias_.assign(m.citations_.size(), 0.0);
    } else if (m.citations_.empty()) {
      fail("the \"citations\" line must come before \"" + kind + "\"");
    } else if (kind == "threshold") {
      numbers(parts, 1, [&](std::size_t i, double v) { m.thresholds_[i] = v; });
    } else if (kind == "bias") {
      numbers(parts, 1, [&](std::size_t i, double v) { m.bias_[i] = v; });
    } else if (kind == "f") {
      if (parts.size() < 2 || parts[1].empty()) fail("feature line without a feature");
      std::vector<float> w(m.citations_.size());
      numbers(parts, 2, [&](std::size_t i, double v) { w[i] = static_cast<float>(v); });
      if (!m.weights_.emplace(parts[1], std::move(w)).second)
        fail("feature \"" + parts[1] + "\" given twice");
    } else {
      fail("unknown line kind \"" + kind + "\"");
    }
  }
  if (lineno == 0) throw ModelError(path + ": empty file, not a veille citation model");
  if (m.citations_.empty()) fail("no \"citations\" line");
  try {
    m.build_index();
  } catch (const ModelError& e) {
    throw ModelError(path + ": " + e.what());
  }
  return m;
}

void CitationModel::save(const std::string& path) const {
  std::ostringstream out;
  out << kMagic << "\n";
  for (const auto& n : notes_) out << "# " << n << "\n";
  out << "citations";
  for (const auto& c : citations_) out << "\t" << c;
  out << "\nthreshold";
  for (double t : thresholds_) out << "\t" << number(t);
  out << "\nbias";
  for (double b : bias_) out << "\t" << number(b);
  out << "\n";
  std::vector<const std::string*> keys;
  keys.reserve(weights_.size());
  for (const auto& [f, w] : weights_) keys.push_back(&f);
  std::sort(keys.begin(), keys.end(), [](const auto* a, const auto* b) { return *a < *b; });
  for (const auto* f : keys) {
    out << "f\t" << *f;
    for (float v : weights_.at(*f)) out << "\t" << number(v);
    out << "\n";
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) throw ModelError(path + ": cannot write the citation model");
  file << out.str();
  if (!file.flush()) throw ModelError(path + ": write failed");
}

}  // namespace veille
