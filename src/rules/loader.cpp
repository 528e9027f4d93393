// Rule-pack loader: files and directories -> parsed, schema-validated, policy-checked and
// compiled RuleSet. Every error names file:line:col and the rule id.
#include <re2/re2.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>
#include <unordered_map>

#include "rules/ruleset_impl.hpp"
#include "rules/xml_file.hpp"
#include "veille/text.hpp"
#include "veille/time.hpp"

namespace veille {

RulePackError make_pack_error(const std::string& file, int line, int col, const std::string& rule,
                              const std::string& message) {
  std::string what = file + ":" + std::to_string(line) + ":" + std::to_string(col) + ": error: ";
  if (!rule.empty()) what += "[" + rule + "] ";
  what += message;
  return RulePackError(file, line, col, rule, what);
}

namespace rules_detail {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> split_ws(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string> split_bar(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (true) {
    std::size_t j = s.find('|', i);
    out.push_back(s.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return out;
}

std::string trim(std::string s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

bool is_lang_code(const std::string& s) {
  return s.size() == 2 && std::islower(static_cast<unsigned char>(s[0])) &&
         std::islower(static_cast<unsigned char>(s[1]));
}

std::optional<TokenKind> kind_from_name(std::string_view n) {
  static const std::pair<std::string_view, TokenKind> kinds[] = {
      {"word", TokenKind::word}, {"number", TokenKind::number},   {"percent", TokenKind::percent},
      {"time", TokenKind::time}, {"hashtag", TokenKind::hashtag}, {"mention", TokenKind::mention},
      {"url", TokenKind::url},   {"email", TokenKind::email},     {"emoji", TokenKind::emoji}};
  for (auto& [name, k] : kinds)
    if (name == n) return k;
  return std::nullopt;
}

// RE2's error without the whole pattern: "missing ): sondage(s" stays, a long argument is cut.
std::string re2_error(const RE2& re) {
  std::string e = re.error();
  if (e.size() > 120) e = e.substr(0, 117) + "...";
  return e;
}

struct PackInfo {
  std::string version;
  std::string version_file;
  int version_line = 0;
  std::string first_file;
  int first_line = 0;
  std::string jurisdiction;
};

struct Located {
  std::string file;
  int line = 0, col = 0;
  std::string pack;
};

// Tokens of a lexicon entry, split like the Analysis tokenizer splits a text.
std::vector<std::string> entry_tokens(const std::string& entry, const std::string& lang) {
  Analysis a(entry, lang);
  std::vector<std::string> out;
  for (const auto& t : a.tokens())
    if (t.kind != TokenKind::punct) out.push_back(t.folded);
  return out;
}

class Loader {
 public:
  explicit Loader(bool collect) : collect_(collect) {}

  std::vector<RulePackError> errors;

  void add_path(const std::string& path, bool explicit_file);
  // Files of the same pack next to `path`, for lint context.
  void add_pack_context();
  std::unique_ptr<RuleSet::Impl> finish();

 private:
  void error(const std::string& file, int line, int col, const std::string& rule,
             const std::string& msg) {
    auto e = make_pack_error(file, line, col, rule, msg);
    if (!collect_) throw e;
    errors.push_back(std::move(e));
  }
  void error_at(const XmlFile& f, xmlNodePtr node, const std::string& rule,
                const std::string& msg) {
    auto [l, c] = f.position_of(node);
    error(f.path(), l, c, rule, msg);
  }
  void load_file(const std::string& path);
  void load_law(const XmlFile& f, xmlNodePtr n, const std::string& pack);
  void load_lexicon(const XmlFile& f, xmlNodePtr n, const std::string& lang);
  void load_rule(const XmlFile& f, xmlNodePtr n, const std::string& pack);
  bool parse_condition(const XmlFile& f, xmlNodePtr n, const std::string& rule, Condition& out);
  bool parse_token_test(const XmlFile& f, xmlNodePtr n, const std::string& rule, TokenTest& t);
  void parse_example(const XmlFile& f, xmlNodePtr n, const std::string& rule, Rule& r);
  void check_lexicon_refs(const Condition& c, const Rule& r, const Located& where);
  std::string expand_anchor_lexicons(const std::string& anchor, const Rule& r);

  bool collect_;
  std::vector<std::string> files_;
  std::set<std::string> seen_files_;
  std::map<std::string, PackInfo> packs_;
  std::vector<std::pair<std::string, std::string>> file_pack_;  // file -> pack id
  std::vector<Law> laws_;
  std::map<std::string, Located> law_where_;
  std::map<std::string, Lexicon, std::less<>> lexicons_;
  std::map<std::pair<std::string, std::string>, Located> lexicon_where_;  // (id, election)
  std::vector<Rule> rules_;
  std::map<std::string, Located> rule_where_;
  std::map<std::pair<std::string, std::string>, Located> anchor_where_;  // (rule, anchor text)
  std::vector<std::pair<std::string, Located>> cite_refs_;  // per rule, checked at the end
  std::vector<std::string> warnings_;
  std::unordered_map<std::string, std::shared_ptr<RE2>> regex_cache_;   // rewritten pattern -> RE2
  std::map<std::string, std::shared_ptr<const CitationModel>> models_;  // resolved path -> model
};

static bool uses_model(const Condition& c) {
  if (c.type == Condition::Type::model) return true;
  for (const auto& ch : c.children)
    if (uses_model(ch)) return true;
  return false;
}

// Replaces each "{lexicon:ID}" of an explicit anchor by `by(ID)` wrapped in a group.
template <class F>
std::string expand_lexicon_refs(std::string_view anchor, F by) {
  static constexpr std::string_view open = "{lexicon:";
  std::string out;
  std::size_t i = 0;
  while (true) {
    std::size_t b = anchor.find(open, i);
    std::size_t e = b == std::string_view::npos ? b : anchor.find('}', b);
    if (e == std::string_view::npos) break;
    out.append(anchor.substr(i, b - i));
    out += "(?:" + std::string(by(anchor.substr(b + open.size(), e - b - open.size()))) + ")";
    i = e + 1;
  }
  out.append(anchor.substr(i));
  return out;
}

// Root element name of an XML file without a full validation, to skip non-pack files in a
// directory. Empty when it does not parse.
std::string root_name(const std::string& path) {
  XmlFile f(path);
  xmlNodePtr r = f.root();
  return r ? reinterpret_cast<const char*>(r->name) : "";
}

void Loader::add_path(const std::string& path, bool explicit_file) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> xmls;
    for (const auto& e : fs::directory_iterator(path, ec))
      if (e.is_regular_file() && e.path().extension() == ".xml") xmls.push_back(e.path().string());
    std::sort(xmls.begin(), xmls.end());
    for (const auto& x : xmls) {
      std::string root = root_name(x);
      if (!root.empty() && root != "pack") continue;  // a calendar or other file: not ours
      add_path(x, false);
    }
    return;
  }
  if (!fs::exists(path, ec)) {
    error(path, 0, 0, "", "no such rule-pack file or directory");
    return;
  }
  (void)explicit_file;
  std::string canon = fs::weakly_canonical(path, ec).string();
  if (!seen_files_.insert(canon.empty() ? path : canon).second) return;
  load_file(path);
}

void Loader::add_pack_context() {
  // For every pack that has no registry file among the inputs, read the other files of the
  // pack from the directories its files are in.
  std::set<std::string> dirs;
  for (const auto& [file, pack] : file_pack_)
    if (packs_[pack].version.empty()) dirs.insert(fs::path(file).parent_path().string());
  for (const auto& d : dirs) {
    std::vector<std::string> xmls;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(d.empty() ? "." : d, ec))
      if (e.is_regular_file() && e.path().extension() == ".xml") xmls.push_back(e.path().string());
    std::sort(xmls.begin(), xmls.end());
    for (const auto& x : xmls) {
      XmlFile f(x);
      xmlNodePtr r = f.root();
      if (!is(r, "pack")) continue;
      std::string id = attr(r, "id");
      if (packs_.count(id) && packs_[id].version.empty()) add_path(x, false);
    }
  }
}

void Loader::load_file(const std::string& path) {
  XmlFile f(path);
  if (!f.ok() || !f.validate()) {
    for (const auto& d : f.diagnostics()) {
      // the rule the error is in, when any
      std::string rule;
      for (xmlNodePtr p = d.node; p; p = p->parent)
        if (is(p, "rule")) rule = attr(p, "id");
      error(path, d.line, d.column, rule, d.message);
    }
    return;
  }
  files_.push_back(path);
  xmlNodePtr root = f.root();
  const std::string pack = attr(root, "id");
  file_pack_.emplace_back(path, pack);
  PackInfo& info = packs_[pack];
  if (info.first_file.empty()) {
    info.first_file = path;
    info.first_line = f.line_of(root);
  }
  if (has_attr(root, "version")) {
    if (!info.version.empty()) {
      error_at(f, root, "",
               "pack \"" + pack + "\" declares its version twice (first in " + info.version_file +
                   ":" + std::to_string(info.version_line) +
                   "); only the registry file (pack.xml) carries version=");
    } else {
      info.version = attr(root, "version");
      info.version_file = path;
      info.version_line = f.line_of(root);
    }
  }
  if (has_attr(root, "jurisdiction")) info.jurisdiction = attr(root, "jurisdiction");
  std::string lang = info.jurisdiction.size() >= 2 ? info.jurisdiction.substr(0, 2) : "";
  for (xmlNodePtr n = root->children; n; n = n->next) {
    if (is(n, "law"))
      load_law(f, n, pack);
    else if (is(n, "lexicon"))
      load_lexicon(f, n, lang);
  }
  for (xmlNodePtr n = root->children; n; n = n->next)
    if (is(n, "rule")) load_rule(f, n, pack);
}

void Loader::load_law(const XmlFile& f, xmlNodePtr n, const std::string& pack) {
  Law law;
  law.id = attr(n, "id");
  auto [l, c] = f.position_of(n);
  if (auto it = law_where_.find(law.id); it != law_where_.end()) {
    if (it->second.pack == pack) {
      error(f.path(), l, c, "",
            "law \"" + law.id + "\" declared twice (first at " + it->second.file + ":" +
                std::to_string(it->second.line) + ")");
    } else {
      warnings_.push_back(f.path() + ":" + std::to_string(l) + ": warning: law \"" + law.id +
                          "\" is also declared in pack \"" + it->second.pack + "\" (" +
                          it->second.file + ":" + std::to_string(it->second.line) +
                          "): that first declaration is used");
    }
    return;
  }
  std::string conf = attr(n, "confidence");
  law.confidence = conf == "partly-verified" ? Confidence::partly_verified
                   : conf == "unverified"    ? Confidence::unverified
                                             : Confidence::verified;
  for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
    if (is(ch, "title"))
      law.title = trim(text_of(ch));
    else if (is(ch, "url"))
      law.url = trim(text_of(ch));
    else if (is(ch, "penalty"))
      (attr(ch, "lang") == "en" ? law.penalty_en : law.penalty) = trim(text_of(ch));
    else if (is(ch, "source"))
      law.source = trim(text_of(ch));
    else if (is(ch, "note"))
      law.note = trim(text_of(ch));
  }
  if (law.title.empty()) error(f.path(), l, c, "", "law \"" + law.id + "\" has an empty <title>");
  law_where_[law.id] = {f.path(), l, c, pack};
  laws_.push_back(std::move(law));
}

void Loader::load_lexicon(const XmlFile& f, xmlNodePtr n, const std::string& lang) {
  const std::string id = attr(n, "id");
  const std::string election = attr(n, "election");
  auto [l, c] = f.position_of(n);
  auto key = std::make_pair(id, election);
  if (auto it = lexicon_where_.find(key); it != lexicon_where_.end()) {
    error(f.path(), l, c, "",
          "lexicon \"" + id + "\"" +
              (election.empty() ? "" : " for election \"" + election + "\"") +
              " declared twice (first at " + it->second.file + ":" +
              std::to_string(it->second.line) + ")");
    return;
  }
  lexicon_where_[key] = {f.path(), l, c};
  Lexicon& lex = lexicons_[id];
  lex.id = id;
  for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
    if (!is(ch, "entry")) continue;
    LexiconEntry e;
    const std::string raw = trim(text_of(ch));
    e.folded = fold(raw);
    e.tokens = entry_tokens(raw, lang);
    e.election = election;
    if (e.folded.empty() || e.tokens.empty()) {
      auto [el, ec] = f.position_of(ch);
      error(f.path(), el, ec, "", "lexicon \"" + id + "\": empty entry");
      continue;
    }
    lex.by_first_token.emplace(e.tokens.front(), lex.entries.size());
    lex.folded.push_back(e.folded);
    lex.entries.push_back(std::move(e));
  }
}

bool Loader::parse_token_test(const XmlFile& f, xmlNodePtr n, const std::string& rule,
                              TokenTest& t) {
  if (has_attr(n, "form")) {
    t.by = TokenTest::By::form;
    const std::string v = attr(n, "form");
    t.source = "form=\"" + v + "\"";
    for (auto alt : split_bar(v)) {
      alt = trim(alt);
      bool prefix = !alt.empty() && alt.back() == '*';
      if (prefix) alt.pop_back();
      std::string folded = fold(alt);
      if (folded.empty() || folded.find('*') != std::string::npos) {
        error_at(f, n, rule, "form=\"" + v + "\": empty alternative or '*' not at the end");
        return false;
      }
      (prefix ? t.prefixes : t.forms).push_back(folded);
    }
  } else if (has_attr(n, "lemma")) {
    t.by = TokenTest::By::lemma;
    const std::string v = attr(n, "lemma");
    t.source = "lemma=\"" + v + "\"";
    for (auto alt : split_bar(v)) {
      std::string folded = fold(trim(alt));
      if (folded.empty()) {
        error_at(f, n, rule, "lemma=\"" + v + "\": empty alternative");
        return false;
      }
      t.lemmas.push_back(folded);
    }
  } else if (has_attr(n, "lexicon")) {
    t.by = TokenTest::By::lexicon;
    t.lexicon = attr(n, "lexicon");
    t.source = "lexicon=\"" + t.lexicon + "\"";
  } else if (has_attr(n, "shape")) {
    t.by = TokenTest::By::shape;
    const std::string v = attr(n, "shape");
    t.source = "shape=\"" + v + "\"";
    if (v != "capitalized") {
      error_at(f, n, rule, "unknown token shape \"" + v + "\" (known: capitalized)");
      return false;
    }
  } else {
    t.by = TokenTest::By::kind;
    const std::string v = attr(n, "kind");
    t.source = "kind=\"" + v + "\"";
    auto k = kind_from_name(v);
    if (!k) {
      error_at(f, n, rule, "unknown token kind \"" + v + "\"");
      return false;
    }
    t.kind = *k;
  }
  return true;
}

bool Loader::parse_condition(const XmlFile& f, xmlNodePtr n, const std::string& rule,
                             Condition& c) {
  using T = Condition::Type;
  const std::string name(reinterpret_cast<const char*>(n->name));
  c.line = f.position_of(n).first;
  c.name = attr(n, "name");
  static const std::map<std::string, T> types = {
      {"regex", T::regex},   {"word", T::word}, {"phrase", T::phrase}, {"all", T::all},
      {"any", T::any},       {"not", T::not_},  {"near", T::near},     {"count", T::count},
      {"absent", T::absent}, {"meta", T::meta}, {"model", T::model}};
  auto it = types.find(name);
  if (it == types.end()) {
    error_at(f, n, rule, "unknown condition <" + name + ">");
    return false;
  }
  c.type = it->second;
  switch (c.type) {
    case T::regex: {
      c.pattern = text_of(n);
      c.rewritten = edge_boundaries_only(c.pattern, &c.verify_leading, &c.verify_trailing)
                        ? c.pattern
                        : rewrite_boundaries(c.pattern, false);
      // Packs repeat patterns (shared exclusion lists, the same rival or debunk vocabulary in
      // several rules): one compiled RE2 per distinct pattern (RE2 is thread-safe to share).
      if (auto hit = regex_cache_.find(c.rewritten); hit != regex_cache_.end()) {
        c.re = hit->second;
        return true;
      }
      RE2::Options o;
      o.set_log_errors(false);
      o.set_max_mem(32 << 20);
      auto re = std::make_shared<RE2>(c.rewritten, o);
      if (!re->ok()) {
        RE2 plain(c.pattern, o);  // report the error in terms of the pattern as written
        error_at(f, n, rule,
                 "regex \"" + c.pattern + "\" does not compile (RE2: " +
                     (plain.ok() ? "after the \\b rewrite: " + re2_error(*re) : re2_error(plain)) +
                     ")");
        return false;
      }
      if (RE2::FullMatch("", *re)) {
        error_at(f, n, rule, "regex \"" + c.pattern + "\" matches the empty string");
        return false;
      }
      regex_cache_.emplace(c.rewritten, re);
      c.re = std::move(re);
      return true;
    }
    case T::word: {
      c.tokens.emplace_back();
      return parse_token_test(f, n, rule, c.tokens.back());
    }
    case T::phrase: {
      std::size_t gap = 0;
      for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
        if (is(ch, "gap")) {
          gap += std::stoul(attr(ch, "max"));
        } else if (is(ch, "t")) {
          TokenTest t;
          if (!parse_token_test(f, ch, rule, t)) return false;
          t.gap_before = c.tokens.empty() ? 0 : gap;
          gap = 0;
          c.tokens.push_back(std::move(t));
        }
      }
      if (c.tokens.empty()) {
        error_at(f, n, rule, "<phrase> has no <t> element");
        return false;
      }
      return true;
    }
    case T::meta: {
      if (has_attr(n, "author_role"))
        for (const auto& r : split_ws(attr(n, "author_role"))) {
          auto role = author_role_from_string(r);
          if (!role) {
            error_at(f, n, rule,
                     "meta author_role: unknown role \"" + r +
                         "\" (public candidate party campaign media authority)");
            return false;
          }
          c.roles.push_back(*role);
        }
      if (has_attr(n, "sponsored")) c.sponsored = attr(n, "sponsored") == "true";
      if (has_attr(n, "lang"))
        for (const auto& l : split_ws(attr(n, "lang"))) {
          if (!is_lang_code(l)) {
            error_at(f, n, rule, "meta lang: \"" + l + "\" is not an ISO 639-1 code");
            return false;
          }
          c.langs.push_back(l);
        }
      if (has_attr(n, "territory"))
        for (const auto& t : split_ws(attr(n, "territory"))) {
          if (!find_territory(t)) {
            error_at(f, n, rule, "meta territory: unknown territory \"" + t + "\"");
            return false;
          }
          c.territories.push_back(t);
        }
      if (c.roles.empty() && !c.sponsored && c.langs.empty() && c.territories.empty()) {
        error_at(f, n, rule, "<meta> tests nothing (author_role, sponsored, lang or territory)");
        return false;
      }
      return true;
    }
    case T::model: {
      c.model_file = attr(n, "file");
      c.cite = attr(n, "cite");
      const std::string path =
          (std::filesystem::path(f.path()).parent_path() / c.model_file).lexically_normal();
      auto it = models_.find(path);
      if (it == models_.end()) {
        try {
          it = models_.emplace(path, std::make_shared<CitationModel>(CitationModel::load(path)))
                   .first;
        } catch (const ModelError& e) {
          error_at(f, n, rule, std::string("model: ") + e.what());
          return false;
        }
      }
      c.model = it->second;
      const int index = c.model->index_of(c.cite);
      if (index < 0) {
        error_at(f, n, rule,
                 "model: the citation model " + path + " has no scorer for \"" + c.cite + "\"");
        return false;
      }
      c.cite_index = static_cast<std::size_t>(index);
      c.threshold = has_attr(n, "threshold") ? std::stod(attr(n, "threshold"))
                                             : c.model->threshold(c.cite_index);
      return true;
    }
    default:
      break;
  }
  if (c.type == T::near) {
    if (has_attr(n, "distance")) c.distance = std::stoul(attr(n, "distance"));
    std::string unit = attr(n, "unit");
    c.unit = unit == "sentence"    ? Condition::Unit::sentence
             : unit == "paragraph" ? Condition::Unit::paragraph
                                   : Condition::Unit::tokens;
  }
  if (c.type == T::count) c.min = std::stoul(attr(n, "min"));
  for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
    if (ch->type != XML_ELEMENT_NODE) continue;
    Condition sub;
    if (!parse_condition(f, ch, rule, sub)) return false;
    c.children.push_back(std::move(sub));
  }
  if (c.type == T::near)
    for (const auto& ch : c.children)
      if (ch.type == T::meta || ch.type == T::not_ || ch.type == T::absent || ch.type == T::model) {
        error_at(f, n, rule,
                 "<near> children must be positive text conditions, not <" +
                     std::string(to_string(ch.type)) + ">");
        return false;
      }
  return true;
}

// Example text with the <m> marker removed; the marked span in bytes of the trimmed text.
void Loader::parse_example(const XmlFile& f, xmlNodePtr n, const std::string& rule, Rule& r) {
  Example ex;
  ex.expect_match = attr(n, "expect") == "match";
  ex.file = f.path();
  ex.line = f.position_of(n).first;
  std::string text;
  std::optional<std::size_t> ms, me;
  for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
    if (is(ch, "m")) {
      ms = text.size();
      text += text_of(ch);
      me = text.size();
    } else if (ch->type == XML_TEXT_NODE || ch->type == XML_CDATA_SECTION_NODE) {
      text += text_of(ch);
    }
  }
  std::size_t a = 0, b = text.size();
  while (a < b && std::isspace(static_cast<unsigned char>(text[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(text[b - 1]))) --b;
  ex.text = text.substr(a, b - a);
  if (ms) {
    ex.span_start = std::clamp(*ms, a, b) - a;
    ex.span_end = std::clamp(*me, a, b) - a;
    if (*ex.span_end <= *ex.span_start) error_at(f, n, rule, "example: <m> marks an empty span");
    if (!ex.expect_match) error_at(f, n, rule, "example: <m> in an expect=\"no-match\" example");
  }
  if (ex.text.empty()) error_at(f, n, rule, "example: empty text");
  ex.at = attr(n, "at");
  ex.territory = attr(n, "territory");
  ex.author_role = attr(n, "role");
  ex.lang = attr(n, "lang");
  if (has_attr(n, "sponsored")) ex.sponsored = attr(n, "sponsored") == "true";
  const Territory* where = find_territory(ex.territory.empty() ? "FR" : ex.territory);
  if (!where) error_at(f, n, rule, "example: unknown territory \"" + ex.territory + "\"");
  if (!ex.author_role.empty() && !author_role_from_string(ex.author_role))
    error_at(f, n, rule, "example: unknown role \"" + ex.author_role + "\"");
  if (!ex.lang.empty() && !is_lang_code(ex.lang))
    error_at(f, n, rule, "example: lang \"" + ex.lang + "\" is not an ISO 639-1 code");
  if (!ex.at.empty() && where) {
    std::string why;
    if (!parse_timestamp(ex.at, *where, &why)) error_at(f, n, rule, "example: at: " + why);
  }
  r.examples.push_back(std::move(ex));
}

void Loader::load_rule(const XmlFile& f, xmlNodePtr n, const std::string& pack) {
  Rule r;
  r.id = attr(n, "id");
  r.pack = pack;
  r.file = f.path();
  auto [line, col] = f.position_of(n);
  r.line = line;
  const Located here{f.path(), line, col};
  const std::size_t errors_before = errors.size();
  auto fail = [&](const std::string& msg) { error(f.path(), line, col, r.id, msg); };

  if (auto it = rule_where_.find(r.id); it != rule_where_.end()) {
    fail("duplicate rule id (first defined at " + it->second.file + ":" +
         std::to_string(it->second.line) + ")");
    return;
  }
  rule_where_[r.id] = here;
  r.severity = *severity_from_string(attr(n, "severity"));
  const auto window_names = split_ws(attr(n, "windows"));
  for (const auto& w : window_names) {
    if (w == "always") {
      if (window_names.size() > 1)
        fail("windows=: \"always\" cannot be combined with window names");
    } else if (!known_window(w)) {
      fail("unknown window \"" + w +
           "\" in windows= (silence poll-blackout results-embargo "
           "late-campaign campaign free-number-ban paid-advertising-ban "
           "institutional-promotion-ban platform-transparency false-news-injunction, or always)");
    } else {
      r.windows.push_back(w);
    }
  }
  for (const auto& k : split_ws(attr(n, "elections"))) {
    if (!known_election_kind(k))
      fail("unknown election kind \"" + k + "\" in elections=");
    else
      r.elections.push_back(k);
  }
  for (const auto& l : split_ws(attr(n, "languages"))) {
    if (!is_lang_code(l))
      fail("languages=: \"" + l + "\" is not an ISO 639-1 code");
    else
      r.languages.push_back(l);
  }
  for (const auto& s : split_ws(attr(n, "scope"))) {
    if (s == "whole") {
      r.scopes.clear();
      break;
    }
    auto k = scope_from_string(s);
    if (!k)
      fail("unknown scope \"" + s + "\" (title headline lede body quote whole)");
    else
      r.scopes.push_back(*k);
  }
  r.tags = split_ws(attr(n, "tags"));
  if (const std::string p = attr(n, "paragraphs"); p == "each")
    r.each_paragraph = true;
  else if (!p.empty() && p != "whole")
    fail("paragraphs=: \"" + p + "\" is not whole or each");

  xmlNodePtr when = nullptr;
  for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
    if (is(ch, "cite")) {
      std::string ref = attr(ch, "ref");
      auto [cl, cc] = f.position_of(ch);
      cite_refs_.emplace_back(r.id + "\n" + ref, Located{f.path(), cl, cc});
      if (std::find(r.cites.begin(), r.cites.end(), ref) == r.cites.end()) r.cites.push_back(ref);
    } else if (is(ch, "severity")) {
      auto sev = severity_from_string(trim(text_of(ch)));
      for (const auto& role : split_ws(attr(ch, "role"))) {
        auto ar = author_role_from_string(role);
        if (!ar)
          error_at(f, ch, r.id, "severity role=: unknown role \"" + role + "\"");
        else if (sev)
          r.severity_by_role[*ar] = *sev;
      }
    } else if (is(ch, "message")) {
      std::string text = trim(text_of(ch));
      (attr(ch, "lang") == "en" ? r.message.en : r.message.fr) = text;
      static const std::set<std::string> known = {"match",    "window", "window_end", "lawful_from",
                                                  "election", "round",  "missing"};
      for (std::size_t i = text.find('{'); i != std::string::npos; i = text.find('{', i + 1)) {
        std::size_t j = text.find('}', i);
        std::string ph = text.substr(i + 1, j == std::string::npos ? 0 : j - i - 1);
        if (!known.count(ph))
          error_at(f, ch, r.id,
                   "message: unknown placeholder {" + ph +
                       "} (match window window_end lawful_from election round missing)");
      }
    } else if (is(ch, "anchor")) {
      std::string a = trim(text_of(ch));
      RE2::Options o;
      o.set_log_errors(false);
      // {lexicon:ID} is expanded when every lexicon is known (finish()); here it stands for a word
      RE2 re(rewrite_boundaries(expand_lexicon_refs(a, [](std::string_view) { return "x"; }), true),
             o);
      if (!re.ok()) {
        error_at(f, ch, r.id, "anchor \"" + a + "\" does not compile (RE2: " + re2_error(re) + ")");
      } else {
        if (a.find("{lexicon:") != std::string::npos) {
          auto [l, c] = f.position_of(ch);
          anchor_where_[{r.id, a}] = Located{f.path(), l, c, pack};
        }
        r.explicit_anchors.push_back(a);
      }
    } else if (is(ch, "when")) {
      when = ch;
    } else if (is(ch, "example")) {
      parse_example(f, ch, r.id, r);
    }
  }
  if (r.cites.empty()) fail("rule cites no law (add <cite ref=\"…\"/>)");
  if (r.message.fr.empty()) fail("rule has no French message (<message lang=\"fr\">)");
  if (r.message.en.empty()) fail("rule has no English message (<message lang=\"en\">)");
  bool has_match = false, has_no_match = false;
  for (const auto& e : r.examples) (e.expect_match ? has_match : has_no_match) = true;
  if (!has_match) fail("rule has no expect=\"match\" example");
  if (!has_no_match) fail("rule has no expect=\"no-match\" example");

  auto cond = std::make_shared<Condition>();
  xmlNodePtr top = nullptr;
  for (xmlNodePtr ch = when ? when->children : nullptr; ch; ch = ch->next)
    if (ch->type == XML_ELEMENT_NODE) top = ch;
  if (!top) {
    fail("rule has no condition in <when>");
    return;
  }
  if (!parse_condition(f, top, r.id, *cond)) return;
  using T = Condition::Type;
  if (cond->type == T::not_ || cond->type == T::absent || cond->type == T::meta)
    fail("the condition must have a positive part: <" + std::string(to_string(cond->type)) +
         "> alone would hold on almost every text (put it inside <all> with a trigger)");
  r.needs_tokens = cond->needs_tokens();
  r.condition = std::move(cond);
  if (errors.size() == errors_before) rules_.push_back(std::move(r));
}

void Loader::check_lexicon_refs(const Condition& c, const Rule& r, const Located& where) {
  for (const auto& t : c.tokens)
    if (t.by == TokenTest::By::lexicon && !lexicons_.count(t.lexicon))
      error(where.file, c.line, 1, r.id, "unknown lexicon \"" + t.lexicon + "\"");
  for (const auto& ch : c.children) check_lexicon_refs(ch, r, where);
}

// An explicit anchor may name a lexicon ("{lexicon:candidates}"): it stands for the anchor
// derived from the lexicon's current entries, so the anchor cannot go stale when entries change.
std::string Loader::expand_anchor_lexicons(const std::string& anchor, const Rule& r) {
  return expand_lexicon_refs(anchor, [&](std::string_view id) -> std::string {
    auto it = lexicons_.find(id);
    if (it != lexicons_.end()) return lexicon_anchor_pattern(it->second);
    const Located& where = anchor_where_[{r.id, anchor}];
    error(
        where.file, where.line, where.col, r.id,
        "anchor: unknown lexicon \"" + std::string(id) + "\" in {lexicon:" + std::string(id) + "}");
    return "[^\\x00-\\x{10FFFF}]";  // matches nothing
  });
}

std::unique_ptr<RuleSet::Impl> Loader::finish() {
  auto impl = std::make_unique<RuleSet::Impl>();
  for (const auto& [id, info] : packs_)
    if (info.version.empty())
      error(info.first_file, info.first_line, 1, "",
            "pack \"" + id +
                "\" has no version=: one file of the pack (pack.xml) must carry "
                "version=\"X.Y.Z\" and the <law> registry");
  for (const auto& [key, where] : cite_refs_) {
    std::size_t nl = key.find('\n');
    std::string rule = key.substr(0, nl), ref = key.substr(nl + 1);
    if (!law_where_.count(ref))
      error(where.file, where.line, where.col, rule,
            "cites undeclared law \"" + ref + "\" (declare it with <law id=\"" + ref + "\">)");
  }
  for (const auto& r : rules_) check_lexicon_refs(*r.condition, r, rule_where_[r.id]);

  for (auto& r : rules_) {
    std::string weak;
    if (!r.explicit_anchors.empty()) {
      for (auto& a : r.explicit_anchors) a = expand_anchor_lexicons(a, r);
      if (r.explicit_anchors.size() == 1) {
        r.anchor = rewrite_boundaries(r.explicit_anchors.front(), true);
      } else {
        for (const auto& a : r.explicit_anchors) {
          if (!r.anchor.empty()) r.anchor += '|';
          r.anchor += "(?:" + rewrite_boundaries(a, true) + ")";
        }
      }
    } else {
      r.anchor = derive_anchor(*r.condition, lexicons_, &weak);
      r.anchor_derived = !r.anchor.empty();
    }
    if (!weak.empty())
      warnings_.push_back(r.file + ":" + std::to_string(r.line) + ": warning: [" + r.id +
                          "] weak anchor: the derived prefilter includes \"" + weak +
                          "\", which occurs in most texts (the rule is evaluated on them); add "
                          "an <anchor>");
    if (r.anchor.empty() && !uses_model(*r.condition))  // a model rule is scored on every text
      warnings_.push_back(r.file + ":" + std::to_string(r.line) + ": warning: [" + r.id +
                          "] no anchor could be derived (lemma-only or metadata conditions): the "
                          "rule is evaluated on every text; add an <anchor>");
  }
  impl->rules = std::move(rules_);
  impl->laws = std::move(laws_);
  impl->lexicons = std::move(lexicons_);
  impl->warnings = std::move(warnings_);
  impl->files = std::move(files_);
  std::string version;
  for (const auto& [id, info] : packs_) {
    if (!version.empty()) version += ", ";
    version += id + " " + (info.version.empty() ? "?" : info.version);
  }
  impl->version = version;
  return impl;
}

bool selector_matches(const std::string& sel, const Rule& r) {
  auto eq = [&](const std::string& v) {
    if (!sel.empty() && sel.back() == '*')
      return v.compare(0, sel.size() - 1, sel, 0, sel.size() - 1) == 0;
    return v == sel;
  };
  if (eq(r.id)) return true;
  for (const auto& c : r.cites)
    if (eq(c)) return true;
  for (const auto& t : r.tags)
    if (eq(t)) return true;
  return false;
}

void apply_selection(RuleSet::Impl& impl, const LoadOptions& opt) {
  auto check_used = [&](const std::vector<std::string>& sels, const char* flag) {
    for (const auto& s : sels) {
      bool used = std::any_of(impl.rules.begin(), impl.rules.end(),
                              [&](const Rule& r) { return selector_matches(s, r); });
      if (!used)
        throw RulePackError("", 0, 0, "",
                            "veille: --" + std::string(flag) + " \"" + s +
                                "\" matches no loaded rule id, citation id or tag");
    }
  };
  check_used(opt.enable, "enable");
  check_used(opt.disable, "disable");
  std::vector<Rule> kept;
  for (auto& r : impl.rules) {
    bool on = opt.enable.empty() ||
              std::any_of(opt.enable.begin(), opt.enable.end(),
                          [&](const std::string& s) { return selector_matches(s, r); });
    if (on && std::any_of(opt.disable.begin(), opt.disable.end(),
                          [&](const std::string& s) { return selector_matches(s, r); }))
      on = false;
    if (on) kept.push_back(std::move(r));
  }
  impl.rules = std::move(kept);
}

void index(RuleSet::Impl& impl) {
  impl.rule_index.clear();
  impl.law_index.clear();
  for (std::size_t i = 0; i < impl.rules.size(); ++i) impl.rule_index[impl.rules[i].id] = i;
  for (std::size_t i = 0; i < impl.laws.size(); ++i) impl.law_index[impl.laws[i].id] = i;
}

}  // namespace

std::unique_ptr<RuleSet::Impl> load_impl(const LoadOptions& options) {
  Loader loader(false);
  for (const auto& p : options.paths) loader.add_path(p, true);
  auto impl = loader.finish();
  apply_selection(*impl, options);
  index(*impl);
  return impl;
}

}  // namespace rules_detail

LintResult lint_packs(const std::vector<std::string>& paths) {
  rules_detail::Loader loader(true);
  for (const auto& p : paths) loader.add_path(p, true);
  loader.add_pack_context();
  auto impl = loader.finish();
  LintResult out;
  out.errors = std::move(loader.errors);
  out.warnings = impl->warnings;
  out.files = impl->files.size();
  out.rules = impl->rules.size();
  return out;
}

}  // namespace veille
