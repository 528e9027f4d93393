#pragma once
// Internal: the French-aware tokenizer. It runs over the folded view (lower case, no accents,
// apostrophes unified, whitespace collapsed), maps every token back to the original through the
// offset map, and uses the original only for hashtag camel-case parts.
#include <string_view>
#include <vector>

#include "text/fold_internal.hpp"
#include "veille/text.hpp"

namespace veille::text_detail {

struct TokenizeResult {
  std::vector<Token> tokens;
  std::vector<Span> sentences;
  std::vector<Span> paragraphs;
};

void tokenize(std::string_view original, const FoldResult& folded, TokenizeResult& out);

}  // namespace veille::text_detail
