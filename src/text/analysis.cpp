// Analysis: the folded view is built on construction (every document needs it); tokens,
// sentences, paragraphs, language and lemmas are computed on first use.
#include <algorithm>
#include <optional>

#include "text/fold_internal.hpp"
#include "text/tokenizer.hpp"
#include "veille/text.hpp"

namespace veille {

struct Analysis::Impl {
  std::string original;
  std::string hint;
  text_detail::FoldResult fold;
  mutable std::optional<text_detail::TokenizeResult> tok;
  mutable std::optional<std::string> lang;
  mutable bool detected = false;
  mutable std::vector<LemmaList> lemma_of;  // per token index
  // Lemmas of tokens not from this analysis (a vector, not a deque: a deque allocates on
  // construction, i.e. once per document; the references handed out point into the lists).
  mutable std::vector<LemmaList> foreign;

  const text_detail::TokenizeResult& tokens() {
    if (!tok) {
      tok.emplace();
      text_detail::tokenize(original, fold, *tok);
    }
    return *tok;
  }
};

namespace {
std::string normalize_lang(std::string_view hint) {
  std::string out;
  for (char c : hint) {
    if (c == '-' || c == '_') break;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    out.push_back(c);
  }
  return out;
}
const std::vector<std::string> kNoLemmas;
}  // namespace

Analysis::Analysis(std::string_view original, std::string lang_hint)
    : impl_(std::make_unique<Impl>()) {
  impl_->original.assign(original);
  impl_->hint = normalize_lang(lang_hint);
  text_detail::fold_text(impl_->original, impl_->fold, /*with_map=*/true);
}

Analysis::~Analysis() = default;
Analysis::Analysis(Analysis&&) noexcept = default;
Analysis& Analysis::operator=(Analysis&&) noexcept = default;

std::string_view Analysis::original() const {
  return impl_->original;
}
const std::string& Analysis::folded() const {
  return impl_->fold.text;
}

Span Analysis::to_original(std::size_t fstart, std::size_t fend) const {
  const auto& segs = impl_->fold.segs;
  const std::size_t n = impl_->fold.text.size();
  fstart = std::min(fstart, n);
  fend = std::clamp(fend, fstart, n);
  const std::size_t s = text_detail::map_start(segs, fstart);
  if (fend == fstart) return {s, s};
  return {s, text_detail::map_end(segs, fend)};
}

const std::vector<Token>& Analysis::tokens() const {
  return impl_->tokens().tokens;
}
const std::vector<Span>& Analysis::sentences() const {
  return impl_->tokens().sentences;
}
const std::vector<Span>& Analysis::paragraphs() const {
  return impl_->tokens().paragraphs;
}

const std::string& Analysis::lang() const {
  if (!impl_->lang) {
    if (!impl_->hint.empty()) {
      impl_->lang = impl_->hint;
    } else {
      std::string d = detect_language(impl_->original);
      impl_->detected = !d.empty();
      impl_->lang = d.empty() ? std::string("fr") : d;
    }
  }
  return *impl_->lang;
}

bool Analysis::lang_detected() const {
  lang();
  return impl_->detected;
}

const std::vector<std::string>& Analysis::lemmas(const Token& token) const {
  if (token.kind != TokenKind::word) return kNoLemmas;
  const auto& toks = impl_->tokens().tokens;
  const std::string& language = lang();
  auto word = [&] {
    const Span s = token.span;
    if (s.end <= impl_->original.size() && s.start <= s.end)
      return std::string_view(impl_->original).substr(s.start, s.end - s.start);
    return std::string_view(token.folded);
  };
  if (!toks.empty() && &token >= toks.data() && &token < toks.data() + toks.size()) {
    const auto i = static_cast<std::size_t>(&token - toks.data());
    if (impl_->lemma_of.size() != toks.size()) impl_->lemma_of.resize(toks.size());
    LemmaList& slot = impl_->lemma_of[i];
    if (!slot) slot = Lemmatizer::instance().lookup(word(), language);
    return *slot;
  }
  impl_->foreign.push_back(Lemmatizer::instance().lookup(word(), language));
  return *impl_->foreign.back();
}

bool Analysis::had_invalid_utf8() const {
  return impl_->fold.invalid_utf8;
}

std::string fold(std::string_view text) {
  text_detail::FoldResult r;
  text_detail::fold_text(text, r, /*with_map=*/false);
  return std::move(r.text);
}

}  // namespace veille
