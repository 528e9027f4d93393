// The paragraph pass (see paragraph_pass.hpp).
#include "checker/paragraph_pass.hpp"

#include <algorithm>
#include <string>
#include <string_view>

namespace veille::detail {

namespace {

// A first paragraph longer than this is no headline: the paragraph is then read alone (this also
// keeps the pass linear in the text size, each reading copying at most this much more).
constexpr std::size_t kMaxFrameBytes = 4096;

// A reading: some paragraphs of the text, in text order, joined by a blank line. `pieces[i]` is
// where the i-th paragraph sits in the text, `at[i]` where it starts in the reading.
struct Reading {
  std::vector<Span> pieces;
  std::vector<std::size_t> at;

  std::size_t to_text(std::size_t x) const {
    std::size_t i = pieces.size() - 1;
    while (i > 0 && x < at[i]) --i;
    const std::size_t len = pieces[i].end - pieces[i].start;
    return pieces[i].start + std::min(x - at[i], len);  // a separator maps to a piece's end
  }
};

// The document's scopes (headline, body …) cut to a reading, in the reading's bytes.
std::vector<Scope> scopes_of(const Reading& r, const std::vector<Scope>& scopes) {
  std::vector<Scope> out;
  for (const Scope& s : scopes)
    for (std::size_t i = 0; i < r.pieces.size(); ++i) {
      const Span& p = r.pieces[i];
      const std::size_t b = std::max(s.start, p.start), e = std::min(s.end, p.end);
      if (b < e) out.push_back({s.kind, r.at[i] + (b - p.start), r.at[i] + (e - p.start)});
    }
  return out;
}

// A line break followed, after spaces, tabs or carriage returns only, by another line break; or
// U+2029 PARAGRAPH SEPARATOR (E2 80 A9). Cheap, so that one-paragraph posts cost nothing here.
bool has_paragraph_break(std::string_view text) {
  if (text.find("\xE2\x80\xA9") != std::string_view::npos) return true;
  for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
    std::size_t j = i + 1;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
    if (j < text.size() && text[j] == '\n') return true;
  }
  return false;
}

}  // namespace

std::vector<Match> paragraph_matches(const Matcher& matcher, const RuleSet& rules,
                                     const Analysis& whole, const Document& doc,
                                     const MatchOptions& options, const std::vector<Match>& found,
                                     const std::string& lang) {
  std::vector<Match> out;
  const auto& all = rules.rules();
  std::vector<char> allowed(all.size(), 0);
  for (std::size_t i = 0; i < all.size(); ++i)
    allowed[i] = all[i].each_paragraph && (!options.rule_allowed || (*options.rule_allowed)[i]);
  for (const Match& m : found) allowed[static_cast<std::size_t>(m.rule - all.data())] = 0;
  const bool any = std::any_of(allowed.begin(), allowed.end(), [](char c) { return c != 0; });
  // a paragraph break is a blank line (or U+2029): without one, the text is one paragraph and
  // the analysis need not be tokenized for this
  if (!any || !has_paragraph_break(doc.text)) return out;
  const std::vector<Span>& paragraphs = whole.paragraphs();
  if (paragraphs.size() < 2) return out;

  MatchOptions opt = options;
  opt.rule_allowed = &allowed;
  for (std::size_t k = 1; k < paragraphs.size(); ++k) {
    // the first paragraph (the frame), then this one. Adding the paragraph before as well was
    // measured: it lost more buried offences than look-alikes (corpora dev-long-a, dev-long-b,
    // dev-ho17c).
    Reading r;
    if (paragraphs[0].end - paragraphs[0].start <= kMaxFrameBytes)
      r.pieces.push_back(paragraphs[0]);
    r.pieces.push_back(paragraphs[k]);
    Document part;
    part.id = doc.id;
    part.meta = doc.meta;
    part.meta.lang = lang;
    for (const Span& p : r.pieces) {
      if (!part.text.empty()) part.text.append(2, '\n');
      r.at.push_back(part.text.size());
      part.text.append(doc.text, p.start, p.end - p.start);
    }
    part.scopes = scopes_of(r, doc.scopes);
    if (!doc.scopes.empty() && part.scopes.empty()) continue;

    const Analysis analysis(part.text, lang);
    for (Match& m : matcher.match(analysis, part, opt)) {
      if (m.span.start < r.at.back()) continue;  // only what starts in paragraph k is new
      m.span = {r.to_text(m.span.start), r.to_text(m.span.end)};
      for (Span& e : m.evidence) e = {r.to_text(e.start), r.to_text(e.end)};
      if (opt.explain)
        m.trace.insert(m.trace.begin(), "read in paragraph " + std::to_string(k + 1) + " of " +
                                            std::to_string(paragraphs.size()) +
                                            ", after the first (paragraph pass)");
      allowed[static_cast<std::size_t>(m.rule - all.data())] = 0;  // one paragraph is enough
      out.push_back(std::move(m));
    }
    if (std::none_of(allowed.begin(), allowed.end(), [](char c) { return c != 0; })) break;
  }
  return out;
}

}  // namespace veille::detail
