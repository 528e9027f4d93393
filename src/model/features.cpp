// The features the citation model reads: words and word pairs of the folded text (digits
// reduced to 0, so "52,3" and "48,1" look alike), a few token kinds, the author's role.
#include <algorithm>
#include <string>
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

}  // namespace veille
