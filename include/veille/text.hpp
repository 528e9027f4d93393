#pragma once
// Stage contract: text/ — builds the Analysis of a text: the folded view used for matching
// (NFKC, case fold, diacritics removed, apostrophes unified, zero-width dropped, whitespace
// collapsed, confusable skeleton, leetspeak inside mixed tokens) with a map back to the original
// bytes; French-aware tokens; sentences and paragraphs; lemmas (Hunspell, cached); language.
// Tokens, lemmas and language are computed lazily, on first use.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace veille {

// Half-open byte range [start, end).
struct Span {
  std::size_t start = 0;
  std::size_t end = 0;
  bool operator==(const Span&) const = default;
};

enum class TokenKind {
  word,
  number,
  percent,
  time,
  hashtag,
  mention,
  url,
  email,
  emoji,
  punct,
  symbol
};
std::string_view to_string(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::word;
  Span span;                       // bytes of the original text
  Span fspan;                      // bytes of the folded view
  std::string folded;              // folded form ("macron", "52,3 %", "#macronleaks")
  std::vector<std::string> parts;  // folded parts: hashtag camel-case parts, compound parts
  std::uint32_t sentence = 0;      // 0-based sentence index
  std::uint32_t paragraph = 0;     // 0-based paragraph index
  bool elision = false;            // l', d', qu' ... split off the next word
};

class Analysis {
 public:
  // `lang_hint`: ISO 639-1 code from the record, or empty to detect.
  explicit Analysis(std::string_view original, std::string lang_hint = {});
  ~Analysis();
  Analysis(Analysis&&) noexcept;
  Analysis& operator=(Analysis&&) noexcept;

  std::string_view original() const;
  const std::string& folded() const;
  // Original byte range covered by the folded range [fstart, fend).
  Span to_original(std::size_t fstart, std::size_t fend) const;
  // Tokens, sentences, paragraphs (lazy).
  const std::vector<Token>& tokens() const;
  const std::vector<Span>& sentences() const;   // original byte ranges
  const std::vector<Span>& paragraphs() const;  // original byte ranges
  // Language: the hint, else detected, else "fr" (lazy).
  const std::string& lang() const;
  bool lang_detected() const;
  // Lemmas of a word token (folded forms; lazy, cached process-wide). Empty for non-words.
  const std::vector<std::string>& lemmas(const Token& token) const;
  bool had_invalid_utf8() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Folded form of a short string (lexicon entries, rule literals): exactly the folding of the
// Analysis folded view (nothing is trimmed: a leading/trailing space folds to one space).
std::string fold(std::string_view text);

// Language detection (ISO 639-1) of a text; empty when unsure.
std::string detect_language(std::string_view text);

// Shared, immutable list of folded lemmas (what the lemma cache hands out).
using LemmaList = std::shared_ptr<const std::vector<std::string>>;

// Thread-safe lemma lookup with a process-wide cache; dictionaries loaded per language on
// first need from /usr/share/hunspell (or $VEILLE_HUNSPELL_DIR): fr_FR, en_US, de_DE, es_ES,
// it_IT. `word` is an original-case word (NFC is applied on a cache miss).
class Lemmatizer {
 public:
  static Lemmatizer& instance();
  virtual ~Lemmatizer() = default;
  // Folded lemmas of `word` in `lang`; the folded word itself when the dictionary knows none
  // (or when there is no dictionary for `lang`).
  virtual std::vector<std::string> lemmas(std::string_view word, std::string_view lang) = 0;
  // Same, without copying: the cached list itself (never null, never empty for a non-empty
  // word). Cached lookups allocate nothing.
  virtual LemmaList lookup(std::string_view word, std::string_view lang) = 0;
  virtual bool has_language(std::string_view lang) const = 0;
};

}  // namespace veille
