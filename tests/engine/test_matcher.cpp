// Engine: every condition type (through the fixture pack's examples), prefilter candidate
// selection, Unicode boundaries, span mapping, explain traces, scopes, caps.
#include <catch2/catch.hpp>

#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <thread>

#include "veille/engine.hpp"

using namespace veille;

namespace {

const std::string kPack = std::string(VEILLE_TEST_DIR) + "/rules/fixtures/conditions";

const RuleSet& pack() {
  static const RuleSet set = [] {
    LoadOptions o;
    o.paths = {kPack};
    return RuleSet::load(o);
  }();
  return set;
}

const Matcher& matcher() {
  static const Matcher m(pack());
  return m;
}

Document doc_of(const std::string& text, AuthorRole role = AuthorRole::public_) {
  Document d;
  d.text = text;
  d.meta.author_role = role;
  return d;
}

std::vector<Match> run(const Document& d, const MatchOptions& o = {},
                       const std::string& lang = "fr") {
  Analysis a(d.text, lang);
  return matcher().match(a, d, o);
}

std::vector<Match> of_rule(const std::vector<Match>& ms, const std::string& id) {
  std::vector<Match> out;
  for (const auto& m : ms)
    if (m.rule->id == id) out.push_back(m);
  return out;
}

std::string text_at(const Document& d, Span s) {
  return d.text.substr(s.start, s.end - s.start);
}

}  // namespace

TEST_CASE("every condition type: the fixture pack's examples hold (text and metadata only)") {
  int checked = 0;
  for (const Rule& r : pack().rules()) {
    for (const Example& ex : r.examples) {
      INFO(r.id << " example at line " << ex.line << ": " << ex.text);
      if (!ex.at.empty() && !ex.expect_match) continue;  // a time-only no-match: checker's job
      Document d = doc_of(ex.text);
      if (!ex.author_role.empty())
        d.meta.author_role =
            ex.author_role == "candidate" ? AuthorRole::candidate : AuthorRole::public_;
      d.meta.lang = ex.lang;
      if (r.id == "t.scope" && ex.expect_match)
        d.scopes.push_back({ScopeKind::title, 0, d.text.size()});
      Analysis a(d.text, ex.lang.empty() ? "fr" : ex.lang);
      auto ms = of_rule(matcher().match(a, d, {}), r.id);
      if (!ex.expect_match) {
        CHECK(ms.empty());
      } else {
        REQUIRE_FALSE(ms.empty());
        if (ex.span_start)
          CHECK(text_at(d, ms.front().span) ==
                ex.text.substr(*ex.span_start, *ex.span_end - *ex.span_start));
      }
      ++checked;
    }
  }
  CHECK(checked >= 34);
}

TEST_CASE("prefilter: a rule whose anchor does not occur is never evaluated") {
  const Matcher& m = matcher();
  Analysis a("Bonjour tout le monde, il fait beau.", "fr");
  CHECK(m.candidates(a.folded()).empty());
  const auto before = m.evaluations();
  CHECK(run(doc_of("Bonjour tout le monde, il fait beau.")).empty());
  CHECK(m.evaluations() == before);

  Analysis b("Un sondage circule", "fr");
  auto cand = m.candidates(b.folded());
  std::vector<std::string> ids;
  for (auto i : cand) ids.push_back(pack().rules()[i].id);
  // t.anchor-lexicon: its explicit anchor is "{lexicon:pollsters}|\\bsondages?\\b"
  CHECK(ids ==
        std::vector<std::string>{"t.word-form", "t.anchor-lexicon", "t.absent", "t.near-sentence"});
  const auto before2 = m.evaluations();
  run(doc_of("Un sondage circule"));
  CHECK(m.evaluations() == before2 + 4);
}

TEST_CASE("prefilter: a multi-word lexicon entry needs all its words, whatever separates them") {
  const Matcher& m = matcher();
  auto candidate = [&](const std::string& text) {
    Analysis a(text, "fr");
    for (auto i : m.candidates(a.folded()))
      if (pack().rules()[i].id == "t.word-lexicon") return true;
    return false;
  };
  CHECK_FALSE(candidate("Un sondage interactive sans institut"));  // one word of the entry
  CHECK(candidate("Selon HARRIS – Interactive, rien"));
  CHECK(of_rule(run(doc_of("Selon HARRIS – Interactive, rien")), "t.word-lexicon").size() == 1);
  CHECK(candidate("Selon Harris\nInteractive, rien"));
  CHECK(of_rule(run(doc_of("Selon Harris\nInteractive, rien")), "t.word-lexicon").size() == 1);
}

TEST_CASE("\\b is Unicode-aware: not inside a word, yes after an accent-folded letter") {
  auto count = [](const std::string& text) { return of_rule(run(doc_of(text)), "t.regex").size(); };
  CHECK(count("la reelection du maire") == 0);
  CHECK(count("la réélection du maire") == 0);
  CHECK(count("une élection") == 1);
  CHECK(count("Élection, élection ; ÉLECTION!") == 3);  // adjacent matches share a separator
  CHECK(count("électionøø") == 0);                      // ø is a letter: no boundary
  CHECK(count("election") == 1);                        // text edges
  Document d = doc_of("«élection»");
  auto ms = of_rule(run(d), "t.regex");
  REQUIRE(ms.size() == 1);
  CHECK(text_at(d, ms[0].span) == "élection");  // the boundary character is not in the span
}

TEST_CASE("spans map back to the original text through accents and a Cyrillic homoglyph") {
  // "résultаts" with a Cyrillic а (U+0430)
  Document d = doc_of("Voici les  r\xC3\xA9sult\xD0\xB0ts officiels");
  auto ms = of_rule(run(d), "t.windowed");
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].span.start == 11);
  CHECK(ms[0].span.end == 11 + 11);
  CHECK(text_at(d, ms[0].span) == "r\xC3\xA9sult\xD0\xB0ts");
}

TEST_CASE("explain: the trace quotes which sub-conditions held where") {
  MatchOptions o;
  o.explain = true;
  auto ms = of_rule(run(doc_of("Un sondage donne Paul en tête"), o), "t.absent");
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].missing == std::vector<std::string>{"pollster"});
  const auto& t = ms[0].trace;
  for (const auto& line : t) UNSCOPED_INFO(line);
  REQUIRE(t.size() == 6);
  CHECK(t[0] == "rule t.absent: anchor /sondage/ found in the folded text");
  CHECK(t[1] == "  match «sondage» (bytes 3-10)");
  CHECK(t[2] == "  all: held");
  CHECK(t[3] == "    word form=\"sondage\": held at «sondage» (bytes 3-10)");
  CHECK(t[4] == "    absent \"pollster\": held (nowhere in the text: missing \"pollster\")");
  CHECK(t[5] == "      word lexicon=\"pollsters\": did not hold");
  // without explain: no trace
  auto quiet = of_rule(run(doc_of("Un sondage donne Paul en tête")), "t.absent");
  REQUIRE(quiet.size() == 1);
  CHECK(quiet[0].trace.empty());

  auto meta = of_rule(run(doc_of("Votez pour moi", AuthorRole::party), o), "t.meta");
  REQUIRE(meta.size() == 1);
  bool found = false;
  for (const auto& line : meta[0].trace)
    found |= line.find("meta author_role=\"candidate party\": held (author_role=party)") !=
             std::string::npos;
  CHECK(found);
}

TEST_CASE("near and all carry evidence spans of every part") {
  Document d = doc_of("Hier Macron à 24 % selon la rumeur");
  auto ms = of_rule(run(d), "t.near");
  REQUIRE(ms.size() == 1);
  CHECK(text_at(d, ms[0].span) == "Macron à 24 %");
  REQUIRE(ms[0].evidence.size() == 3);
  CHECK(text_at(d, ms[0].evidence[1]) == "Macron");
  CHECK(text_at(d, ms[0].evidence[2]) == "24 %");
}

TEST_CASE("election lexicons count only while their election is active") {
  Document d = doc_of("Valérie Pécresse à 24 %");
  MatchOptions o;
  CHECK(of_rule(run(d, o), "t.near").size() == 1);  // no election given: every entry counts
  o.elections = {"fr-presidentielle-2017"};
  CHECK(of_rule(run(d, o), "t.near").empty());
  o.elections = {"fr-presidentielle-2022"};
  CHECK(of_rule(run(d, o), "t.near").size() == 1);
}

TEST_CASE("scopes: a title-scoped rule only matches inside a title scope") {
  Document d = doc_of("Les résultats\nLes résultats encore");
  CHECK(of_rule(run(d), "t.scope").empty());  // no scopes: all body
  d.scopes = {{ScopeKind::title, 0, 14}, {ScopeKind::body, 14, d.text.size()}};
  auto ms = of_rule(run(d), "t.scope");
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].span.start == 4);
}

TEST_CASE("per-rule match cap and language filter") {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "sondage ";
  MatchOptions o;
  o.max_matches_per_rule = 5;
  CHECK(of_rule(run(doc_of(text), o), "t.word-form").size() == 5);
  o.max_matches_per_rule = 50;
  CHECK(of_rule(run(doc_of(text), o), "t.word-form").size() == 20);
  CHECK(of_rule(run(doc_of("a new poll"), {}, "en"), "t.lang").size() == 1);
  CHECK(of_rule(run(doc_of("a new poll"), {}, "fr"), "t.lang").empty());
}

TEST_CASE("match is thread-safe: concurrent calls give the sequential results") {
  const std::vector<std::string> texts = {"Un sondage donne Paul en tête",
                                          "Hier Macron à 24 % selon la rumeur",
                                          "Une élection, une réélection", "Allez #a #b #c"};
  std::vector<std::size_t> expected;
  for (const auto& t : texts) expected.push_back(run(doc_of(t)).size());
  std::vector<int> bad(2, 0);
  std::vector<std::thread> threads;
  for (int k = 0; k < 2; ++k)
    threads.emplace_back([&, k] {
      for (int round = 0; round < 200; ++round)
        for (std::size_t i = 0; i < texts.size(); ++i)
          if (run(doc_of(texts[i])).size() != expected[i]) ++bad[static_cast<std::size_t>(k)];
    });
  for (auto& t : threads) t.join();
  CHECK(bad[0] == 0);
  CHECK(bad[1] == 0);
  // sondage: t.word-form + t.absent; Macron à 24 %: t.near + t.word-kind + t.shape ("Macron à
  // 24 %"); élection: t.regex; three hashtags: t.count, one match from the first to the last
  CHECK(expected == std::vector<std::size_t>{2, 3, 1, 1});
  auto counted = of_rule(run(doc_of("Allez #a #b #c")), "t.count");
  REQUIRE(counted.size() == 1);
  CHECK(counted[0].span == Span{6, 14});
  CHECK(counted[0].evidence.size() == 4);
}

TEST_CASE("prefilter: every rule whose whole anchor occurs is a candidate (French pack examples)") {
  // The atom pass, FilteredRE2's potentials and the lazy leaf checks must never lose a rule that
  // a plain RE2 search of its anchor would select: each example text of every rule, against
  // every rule.
  LoadOptions o;
  o.paths = {std::string(VEILLE_SOURCE_DIR) + "/rules/fr"};
  const RuleSet fr = RuleSet::load(o);
  const Matcher m(fr);
  std::vector<std::unique_ptr<RE2>> anchors;
  RE2::Options big;
  big.set_max_mem(256 << 20);
  for (const Rule& r : fr.rules())
    anchors.push_back(r.anchor.empty() ? nullptr : std::make_unique<RE2>(r.anchor, big));
  std::size_t texts = 0, selected = 0;
  for (const Rule& owner : fr.rules()) {
    for (const Example& ex : owner.examples) {
      Analysis a(ex.text, "fr");
      const auto cand = m.candidates(a.folded());
      for (std::size_t i = 0; i < anchors.size(); ++i) {
        if (!anchors[i] || !RE2::PartialMatch(a.folded(), *anchors[i])) continue;
        INFO(fr.rules()[i].id << " on an example of " << owner.id << ": " << ex.text);
        CHECK(std::binary_search(cand.begin(), cand.end(), i));
        ++selected;
      }
      ++texts;
    }
  }
  CHECK(texts >= 2000);
  CHECK(selected >= texts);  // each match example selects at least its own rule
}
