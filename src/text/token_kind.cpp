#include "veille/text.hpp"

namespace veille {

std::string_view to_string(TokenKind kind) {
  switch (kind) {
    case TokenKind::word:
      return "word";
    case TokenKind::number:
      return "number";
    case TokenKind::percent:
      return "percent";
    case TokenKind::time:
      return "time";
    case TokenKind::hashtag:
      return "hashtag";
    case TokenKind::mention:
      return "mention";
    case TokenKind::url:
      return "url";
    case TokenKind::email:
      return "email";
    case TokenKind::emoji:
      return "emoji";
    case TokenKind::punct:
      return "punct";
    case TokenKind::symbol:
      return "symbol";
  }
  return "symbol";
}

}  // namespace veille
