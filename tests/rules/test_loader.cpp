// Loader: schema, policy checks, error positions, merge and selection of packs.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "veille/rules.hpp"

using namespace veille;

namespace {

const std::string kFixtures = std::string(VEILLE_TEST_DIR) + "/rules/fixtures";

RuleSet load(std::vector<std::string> paths, std::vector<std::string> enable = {},
             std::vector<std::string> disable = {}) {
  LoadOptions o;
  o.paths = std::move(paths);
  o.enable = std::move(enable);
  o.disable = std::move(disable);
  return RuleSet::load(o);
}

RulePackError load_error(const std::string& path) {
  try {
    load({path});
  } catch (const RulePackError& e) {
    return e;
  }
  FAIL("no RulePackError for " << path);
  return RulePackError("", 0, 0, "", "");
}

}  // namespace

TEST_CASE("a good pack loads with its laws, rules and examples") {
  RuleSet set = load({kFixtures + "/good"});
  CHECK(set.version() == "good 0.1.0");
  REQUIRE(set.rules().size() == 1);
  const Rule* r = set.rule("good.sondage");
  REQUIRE(r);
  CHECK(r->cites == std::vector<std::string>{"fr:code-electoral:L52-2"});
  CHECK(r->severity == Severity::risk);
  CHECK(r->always());
  CHECK(r->message.fr == "Test {match}.");
  REQUIRE(r->examples.size() == 2);
  CHECK(r->examples[0].expect_match);
  CHECK(r->examples[0].text == "Un sondage inédit");
  CHECK(r->examples[0].span_start == 3u);
  CHECK(r->examples[0].span_end == 10u);
  CHECK(r->examples[0].line == 16);
  CHECK_FALSE(r->examples[1].expect_match);
  CHECK(r->anchor == "sondage");  // the FilteredRE2 atom of the rule's regex
  const Law* law = set.law("fr:code-electoral:L52-2");
  REQUIRE(law);
  CHECK(law->title == "Code électoral, article L52-2");
  CHECK(law->penalty_en == "€3,750 fine (article L89)");
}

TEST_CASE("each bad pack fails with file, line, column and rule id") {
  struct Case {
    const char* file;
    int line;
    const char* rule;
    const char* words;
  };
  const Case cases[] = {
      {"schema-error.xml", 16, "bad.schema", "bogus"},
      {"bad-regex.xml", 14, "bad.regex", "missing )"},
      {"no-examples.xml", 9, "bad.no-examples", "no expect=\"match\" example"},
      {"undeclared-cite.xml", 10, "bad.cite", "undeclared law \"fr:code-electoral:L49\""},
      {"duplicate-id.xml", 19, "bad.dup", "duplicate rule id (first defined at"},
      {"unknown-window.xml", 9, "bad.window", "unknown window \"election-day\""},
      {"unknown-anchor-lexicon.xml", 13, "bad.anchor-lexicon",
       "anchor: unknown lexicon \"pollsters\" in {lexicon:pollsters}"},
      {"not-xml.xml", 3, "", ""},
  };
  for (const auto& c : cases) {
    INFO(c.file);
    const std::string path = kFixtures + "/bad/" + c.file;
    RulePackError e = load_error(path);
    INFO(e.what());
    CHECK(e.file == path);
    CHECK(e.line == c.line);
    CHECK(e.column >= 1);
    CHECK(e.rule == c.rule);
    CHECK(std::string(e.what()).find(c.words) != std::string::npos);
    const std::string prefix = path + ":" + std::to_string(c.line) + ":" +
                               std::to_string(e.column) +
                               ": error: " + (*c.rule ? "[" + std::string(c.rule) + "] " : "");
    CHECK(std::string(e.what()).rfind(prefix, 0) == 0);
  }
}

TEST_CASE("the column points at the start tag of the element at fault") {
  RulePackError e = load_error(kFixtures + "/bad/bad-regex.xml");
  CHECK(e.column == 7);  // "      <regex>"
  RulePackError d = load_error(kFixtures + "/bad/duplicate-id.xml");
  CHECK(d.column == 3);  // "  <rule"
}

TEST_CASE("lint collects every error of every file") {
  LintResult r = lint_packs({kFixtures + "/bad"});
  // not-xml.xml does not parse: a directory skips only files that parse as another root element
  CHECK(r.errors.size() >= 7);
  auto has = [&](const std::string& file, int line) {
    for (const auto& e : r.errors)
      if (e.file == kFixtures + "/bad/" + file && e.line == line) return true;
    return false;
  };
  CHECK(has("schema-error.xml", 16));
  CHECK(has("bad-regex.xml", 14));
  CHECK(has("no-examples.xml", 9));
  CHECK(has("undeclared-cite.xml", 10));
  CHECK(has("duplicate-id.xml", 19));
  LintResult good = lint_packs({kFixtures + "/good/pack.xml"});
  CHECK(good.errors.empty());
  CHECK(good.rules == 1);
}

TEST_CASE("lexicons are folded and tokenized; election lexicons merge under one id") {
  RuleSet set = load({kFixtures + "/conditions"});
  const auto* pollsters = set.lexicon("pollsters");
  REQUIRE(pollsters);
  CHECK(*pollsters == std::vector<std::string>{"ifop", "harris interactive", "opinionway"});
  const Lexicon* cands = set.find_lexicon("candidates");
  REQUIRE(cands);
  REQUIRE(cands->entries.size() == 3);
  CHECK(cands->entries[0].tokens == std::vector<std::string>{"emmanuel", "macron"});
  CHECK(cands->entries[0].election == "fr-presidentielle-2017");
  CHECK(cands->entries[2].folded == "valerie pecresse");
  CHECK(cands->entries[2].election == "fr-presidentielle-2022");
}

TEST_CASE("anchors are derived from required literals, or explicit") {
  RuleSet set = load({kFixtures + "/conditions"});
  CHECK(set.rule("t.word-form")->anchor == "(?:sondage)|(?:sondages)");
  CHECK(set.rule("t.word-prefix")->anchor == "estim");
  // multi-word entries: all their words, anything but letters and digits between them
  CHECK(set.rule("t.word-lexicon")->anchor ==
        "(?:\\bifop\\b)|(?:harris[^a-z0-9]*interactive)|(?:opinionway)");
  // an explicit anchor may name a lexicon: the lexicon's current entries, expanded at load
  CHECK(set.rule("t.anchor-lexicon")->anchor ==
        "(?:(?:\\bifop\\b)|(?:harris[^a-z0-9]*interactive)|(?:opinionway))|\\bsondages?\\b");
  CHECK_FALSE(set.rule("t.anchor-lexicon")->anchor_derived);
  // regexes: RE2's FilteredRE2 atoms when they are selective enough, else the whole pattern
  CHECK(set.rule("t.regex")->anchor == "election");
  CHECK(set.rule("t.not")->anchor == "votez");
  CHECK(set.rule("t.word-kind")->anchor == "[0-9]");
  CHECK(set.rule("t.lemma")->anchor == "estim");
  CHECK_FALSE(set.rule("t.lemma")->anchor_derived);
  CHECK(set.rule("t.absent")->anchor == "sondage");
  CHECK(set.rule("t.any")->anchor == "(?:sortie des urnes)|(?:exitpoll)");
  // the phrase picks its most selective element
  CHECK(set.rule("t.phrase")->anchor == "(?:estimations)|(?:resultats)");
  // an anchor made of a very frequent word is accepted, with a warning
  CHECK(set.rule("t.weak")->anchor == "(?:\\btous\\b)|(?:toutes)");
  REQUIRE(set.warnings().size() == 1);
  CHECK(set.warnings()[0].find(":" + std::to_string(set.rule("t.weak")->line) +
                               ": warning: [t.weak] weak anchor") != std::string::npos);
}

TEST_CASE("enable and disable select by rule id, citation id, tag or prefix") {
  CHECK(load({kFixtures + "/conditions"}, {"t.regex"}).rules().size() == 1);
  CHECK(load({kFixtures + "/conditions"}, {"t.word*"}).rules().size() == 4);
  const auto all = load({kFixtures + "/conditions"}).rules().size();
  CHECK(load({kFixtures + "/conditions"}, {}, {"t.regex", "t.near*"}).rules().size() == all - 3);
  CHECK(load({kFixtures + "/conditions"}, {}, {"fr:code-electoral:L52-2"}).rules().empty());
  CHECK_THROWS_AS(load({kFixtures + "/conditions"}, {}, {"t.nothing"}), RulePackError);
}

TEST_CASE("packs of the same id merge across files; two registries are an error") {
  // the same file twice is read once
  CHECK(load({kFixtures + "/good/pack.xml", kFixtures + "/good"}).rules().size() == 1);
  RuleSet both = load({kFixtures + "/good", kFixtures + "/conditions"});
  CHECK(both.version() == "cond 0.1.0, good 0.1.0");
}

TEST_CASE("the compiled-in schema is rules/schema/pack.rng") {
  std::ifstream in(std::string(VEILLE_SOURCE_DIR) + "/rules/schema/pack.rng");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string file = ss.str(), compiled(pack_schema());
  while (!file.empty() && file.back() == '\n') file.pop_back();
  while (!compiled.empty() && compiled.back() == '\n') compiled.pop_back();
  CHECK(compiled == file);
}

TEST_CASE("\\b rewrite: Unicode-aware for matching, superset for the prefilter") {
  CHECK(rewrite_boundaries("\\bsondage\\b", false) ==
        "(?:^|(?P<vbL0>[^A-Za-z0-9_]))sondage(?:$|(?P<vbT1>[^A-Za-z0-9_]))");
  CHECK(rewrite_boundaries("\\ba|b\\b", false) ==
        "(?:^|(?P<vbL0>[^A-Za-z0-9_]))a|b(?:$|(?P<vbT1>[^A-Za-z0-9_]))");
  CHECK(rewrite_boundaries("(?:\\bx)", false) == "(?:(?:^|(?P<vbL0>[^A-Za-z0-9_]))x)");
  CHECK(rewrite_boundaries("a\\bb", false) == "a\\bb");    // inside: ASCII \b
  CHECK(rewrite_boundaries("[\\b]x", false) == "[\\b]x");  // in a class: untouched
  CHECK(rewrite_boundaries("\\bsondage\\b", true) == "\\bsondage\\b");
  CHECK(rewrite_boundaries("\\b\\pL+\\b", true) == "\\pL+");  // non-ASCII: boundaries dropped
  CHECK(anchor_for_ripgrep("\\bvote\\b") == "(?-u:\\b)vote(?-u:\\b)");
  CHECK(quote_regex("a.b (c)") == "a\\.b \\(c\\)");
  bool lead = false, trail = false;
  CHECK(edge_boundaries_only("\\b(?:a|b)\\b", &lead, &trail));
  CHECK((lead && trail));
  CHECK(edge_boundaries_only("\\ba|\\bc", &lead, &trail));
  CHECK((lead && !trail));
  CHECK_FALSE(edge_boundaries_only("\\ba|c", &lead, &trail));       // mixed alternatives
  CHECK_FALSE(edge_boundaries_only("(?:\\ba)", &lead, &trail));     // inside a group
  CHECK_FALSE(edge_boundaries_only("\\b\\pL+\\b", &lead, &trail));  // not ASCII
}

namespace {
// A PatternTree as text: leaves as themselves, any(...) as [a | b], all(...) as {a & b}.
std::string show(const PatternTree& t) {
  if (t.kind == PatternTree::Kind::leaf) return t.pattern;
  std::string out = t.kind == PatternTree::Kind::any ? "[" : "{";
  for (std::size_t i = 0; i < t.children.size(); ++i)
    out += (i ? (t.kind == PatternTree::Kind::any ? " | " : " & ") : "") + show(t.children[i]);
  return out + (t.kind == PatternTree::Kind::any ? "]" : "}");
}
}  // namespace

TEST_CASE("prefilter split: top-level alternatives and .* gaps, groups looked through") {
  CHECK(show(split_prefilter("sondage")) == "sondage");
  CHECK(show(split_prefilter("a|b")) == "[a | b]");
  CHECK(show(split_prefilter("(?:vote.*(?:rn|lfi))|(?:(?:rn|lfi).*vote)")) ==
        "[{vote & [rn | lfi]} | {[rn | lfi] & vote}]");
  CHECK(show(split_prefilter("(?:x|y).*z")) == "{[x | y] & z}");
  CHECK(show(split_prefilter("\\b(?:a|b)\\b")) == "\\b(?:a|b)\\b");  // bars inside a group
  CHECK(show(split_prefilter("(?:a)(?:b)")) == "(?:a)(?:b)");        // two groups: not one wrapper
  CHECK(show(split_prefilter("(?:a|b)+")) == "(?:a|b)+");            // a repeated group stays whole
  CHECK(show(split_prefilter("(?i)a.*b")) == "(?i)a.*b");  // a flag applies to what follows
  CHECK(show(split_prefilter("a.*?b")) == "a.*?b");        // lazy gap: left whole
  CHECK(show(split_prefilter("a\\.*b|[.]*c")) == "[a\\.*b | [.]*c]");  // not a .* gap
  CHECK(show(split_prefilter("a.*")) == "a");                          // an empty part
}
