// The features the citation model reads: words and word pairs of the folded text (digits
// reduced to 0, so "52,3" and "48,1" look alike), five-letter stems, a few token kinds, the
// author's role. The feature set is defined once (for_each_feature); the strings (training,
// explanations) and the hashes (scoring every text) are two ways of spelling it.
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "veille/model.hpp"

namespace veille {
namespace {

// A piece of a feature: text, and whether its digits read as 0.
struct Piece {
  std::string_view text;
  bool digits_as_zero = false;
};

// A token's unit, without copying; empty text for tokens the model skips.
Piece unit_view(const Token& t) {
  switch (t.kind) {
    case TokenKind::word:
    case TokenKind::number:
    case TokenKind::emoji:
      return {t.folded, true};
    case TokenKind::percent:
      return {"<pct>"};
    case TokenKind::time:
      return {"<time>"};
    case TokenKind::hashtag:
      return {t.folded};  // "#macronleaks"; its parts are added as words
    case TokenKind::mention:
      return {"<@>"};
    case TokenKind::url:
      return {"<url>"};
    case TokenKind::email:
      return {"<email>"};
    case TokenKind::punct:
    case TokenKind::symbol:
      break;
  }
  return {};
}

// Calls emit(pieces) once per feature occurrence of the text (duplicates included).
template <class Emit>
void for_each_feature(const Analysis& analysis, const Meta& meta, Emit&& emit) {
  Piece previous;
  for (const Token& t : analysis.tokens()) {
    const Piece unit = unit_view(t);
    if (unit.text.empty()) continue;
    if (t.kind == TokenKind::hashtag)
      for (const auto& p : t.parts) emit({{"w:"}, {p}});
    emit({{"w:"}, unit});
    // a crude stem shared across inflections and neighbouring languages (sondage, sondages,
    // sondeo): the first five bytes of longer words
    if (t.kind == TokenKind::word && unit.text.size() > 6 &&
        static_cast<unsigned char>(unit.text[4]) < 0x80)
      emit({{"s:"}, {unit.text.substr(0, 5), true}});
    if (!previous.text.empty()) emit({{"b:"}, previous, {" "}, unit});
    previous = unit;
  }
  emit({{"role:"}, {to_string(meta.author_role)}});
  if (meta.sponsored.value_or(false)) emit({{"sponsored"}});
}

void append(std::string& out, const Piece& p) {
  const std::size_t from = out.size();
  out += p.text;
  if (p.digits_as_zero)
    for (std::size_t i = from; i < out.size(); ++i)
      if (out[i] >= '0' && out[i] <= '9') out[i] = '0';
}

// Streaming FNV-1a, so that a feature's hash is built from its pieces without the string.
struct Fnv {
  std::uint64_t h = 14695981039346656037ULL;
  void add(const Piece& p) {
    for (unsigned char c : p.text) {
      if (p.digits_as_zero && c >= '0' && c <= '9') c = '0';
      h ^= c;
      h *= 1099511628211ULL;
    }
  }
};

template <class T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

std::string model_unit(const Token& t) {
  std::string s;
  append(s, unit_view(t));
  return s;
}

std::vector<std::string> model_features(const Analysis& analysis, const Meta& meta) {
  std::vector<std::string> out;
  for_each_feature(analysis, meta, [&](std::initializer_list<Piece> pieces) {
    std::string f;
    for (const Piece& p : pieces) append(f, p);
    out.push_back(std::move(f));
  });
  sort_unique(out);
  return out;
}

std::uint64_t model_feature_hash(std::string_view feature) {
  Fnv h;
  h.add({feature});
  return h.h;
}

std::vector<std::uint64_t> model_feature_hashes(const Analysis& analysis, const Meta& meta) {
  std::vector<std::uint64_t> out;
  out.reserve(analysis.tokens().size() * 3 + 2);
  for_each_feature(analysis, meta, [&](std::initializer_list<Piece> pieces) {
    Fnv h;
    for (const Piece& p : pieces) h.add(p);
    out.push_back(h.h);
  });
  sort_unique(out);
  return out;
}

}  // namespace veille
