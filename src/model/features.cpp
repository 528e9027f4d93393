// The features the citation model reads: words and word pairs of the folded text (digits
// reduced to 0, so "52,3" and "48,1" look alike), a few token kinds, the author's role.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "veille/model.hpp"

namespace veille {
std::string model_unit(const Token& t) {
  switch (t.kind) {
    case TokenKind::word:
    case TokenKind::number:
    case TokenKind::emoji: {
      std::string s = t.folded;
      for (char& ch : s)
        if (ch >= '0' && ch <= '9') ch = '0';
      return s;
    }
    case TokenKind::percent:
      return "<pct>";
    case TokenKind::time:
      return "<time>";
    case TokenKind::hashtag:
      return t.folded;  // "#macronleaks"; its parts are added as words
    case TokenKind::mention:
      return "<@>";
    case TokenKind::url:
      return "<url>";
    case TokenKind::email:
      return "<email>";
    case TokenKind::punct:
    case TokenKind::symbol:
      break;
  }
  return {};
}

std::vector<std::string> model_features(const Analysis& analysis, const Meta& meta) {
  std::vector<std::string> out;
  std::string previous;
  for (const Token& t : analysis.tokens()) {
    std::string unit = model_unit(t);
    if (unit.empty()) continue;
    if (t.kind == TokenKind::hashtag)
      for (const auto& p : t.parts) out.push_back("w:" + p);
    out.push_back("w:" + unit);
    // a crude stem shared across inflections and neighbouring languages (sondage, sondages,
    // sondeo): the first five bytes of longer words
    if (t.kind == TokenKind::word && unit.size() > 6 && static_cast<unsigned char>(unit[4]) < 0x80)
      out.push_back("s:" + unit.substr(0, 5));
    if (!previous.empty()) out.push_back("b:" + previous + " " + unit);
    previous = std::move(unit);
  }
  out.push_back("role:" + std::string(to_string(meta.author_role)));
  if (meta.sponsored.value_or(false)) out.emplace_back("sponsored");
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

// Streaming FNV-1a, so that a feature's hash is built from its pieces without the string.
struct Fnv {
  std::uint64_t h = 14695981039346656037ULL;
  Fnv& add(std::string_view s, bool digits_as_zero = false) {
    for (unsigned char c : s) {
      if (digits_as_zero && c >= '0' && c <= '9') c = '0';
      h ^= c;
      h *= 1099511628211ULL;
    }
    return *this;
  }
};

// A token's unit as model_unit() gives it, without copying: text and whether digits read as 0.
struct Unit {
  std::string_view text;
  bool digits_as_zero = false;
};

Unit unit_view(const Token& t) {
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
      return {t.folded};
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

}  // namespace

std::uint64_t model_feature_hash(std::string_view feature) {
  return Fnv().add(feature).h;
}

std::vector<std::uint64_t> model_feature_hashes(const Analysis& analysis, const Meta& meta) {
  std::vector<std::uint64_t> out;
  const auto& tokens = analysis.tokens();
  out.reserve(tokens.size() * 3 + 2);
  Unit previous;
  for (const Token& t : tokens) {
    const Unit unit = unit_view(t);
    if (unit.text.empty()) continue;
    if (t.kind == TokenKind::hashtag)
      for (const auto& p : t.parts) out.push_back(Fnv().add("w:").add(p).h);
    out.push_back(Fnv().add("w:").add(unit.text, unit.digits_as_zero).h);
    if (t.kind == TokenKind::word && unit.text.size() > 6 &&
        static_cast<unsigned char>(unit.text[4]) < 0x80)
      out.push_back(Fnv().add("s:").add(unit.text.substr(0, 5), true).h);
    if (!previous.text.empty())
      out.push_back(Fnv()
                        .add("b:")
                        .add(previous.text, previous.digits_as_zero)
                        .add(" ")
                        .add(unit.text, unit.digits_as_zero)
                        .h);
    previous = unit;
  }
  out.push_back(Fnv().add("role:").add(to_string(meta.author_role)).h);
  if (meta.sponsored.value_or(false)) out.push_back(Fnv().add("sponsored").h);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace veille
