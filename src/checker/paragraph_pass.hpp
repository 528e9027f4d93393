#pragma once
// The paragraph pass: rules marked paragraphs="each" that found nothing in a text of two
// paragraphs or more are evaluated again on each paragraph after the first, read together with
// the first paragraph (the headline or the opening that frames the whole text).
//
// Why: a rule's <not> holds "nowhere in the text". In a long text (a newsletter, a live blog, a
// forum thread) a lawful look-alike in one paragraph (a cycling stage, a joke, a debunk) would
// otherwise hide an offence buried in another. The first paragraph stays in every reading so
// that a frame given at the top ("Satire", "Fact check", "Histoire") still counts.
#include <vector>

#include "veille/document.hpp"
#include "veille/engine.hpp"
#include "veille/rules.hpp"
#include "veille/text.hpp"

namespace veille::detail {

// Matches of the paragraph pass, with spans and evidence in the whole text's bytes. `whole` is
// the analysis of doc.text, `found` the matches of the whole text (their rules are skipped),
// `lang` the language the whole text was checked in. Empty when no rule has paragraphs="each",
// when the text has fewer than two paragraphs, or when every such rule already matched.
std::vector<Match> paragraph_matches(const Matcher& matcher, const RuleSet& rules,
                                     const Analysis& whole, const Document& doc,
                                     const MatchOptions& options, const std::vector<Match>& found,
                                     const std::string& lang);

}  // namespace veille::detail
