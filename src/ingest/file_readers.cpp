// Whole-file readers: plain text, Markdown, HTML, RSS/Atom.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "ingest/internal.hpp"

namespace veille {
using namespace ingest;

namespace {

std::string base_name(const std::string& source) {
  if (source == "-") return "-";
  return std::filesystem::path(source).filename().string();
}

Document error_doc(const std::string& source, std::string message) {
  Document d;
  d.source = source;
  d.meta.territory.clear();  // not given: the CLI's --territory (else FR) applies
  d.id = base_name(source);
  d.error = source + ": " + std::move(message);
  return d;
}

// Decodes a whole file to UTF-8 after refusing binary content. Returns false (and fills `err`)
// when the bytes cannot be text.
bool decode_file(std::string_view bytes, const std::string& declared, Decoded& out,
                 std::string& err) {
  std::string cs = declared;
  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF"))
    cs = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
  else if (double share = binary_share(bytes); share > 0.02) {
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.0f", share * 100);
    err = std::string("not a text file (") + pct + " % of the first bytes are control bytes)";
    return false;
  }
  out = to_utf8(bytes, cs);
  if (!out.error.empty()) {
    err = out.error;
    return false;
  }
  if (cs.rfind("UTF-16", 0) == 0 && !out.text.empty() && out.text.rfind("\xEF\xBB\xBF", 0) == 0)
    out.text.erase(0, 3);
  return true;
}

void blank(std::string& s, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to && i < s.size(); ++i)
    if (s[i] != '\n') s[i] = ' ';
}

}  // namespace

std::string normalize_lang(std::string_view tag) {
  tag = trim(tag);
  std::size_t n = 0;
  while (n < tag.size() && std::isalpha(static_cast<unsigned char>(tag[n]))) ++n;
  if (n < 2 || n > 3) return {};
  if (n < tag.size() && tag[n] != '-' && tag[n] != '_') return {};
  return lower_ascii(tag.substr(0, n));
}

std::pair<std::string, std::string> parse_field_mapping(std::string_view spec) {
  auto eq = spec.find('=');
  std::string name(trim(spec.substr(0, eq)));
  std::string path = eq == std::string_view::npos ? "" : std::string(trim(spec.substr(eq + 1)));
  static const char* kNames[] = {"id",   "text",        "title",     "published_at", "territory",
                                 "lang", "author_role", "sponsored", "url",          "author"};
  bool known =
      std::any_of(std::begin(kNames), std::end(kNames), [&](const char* k) { return name == k; });
  if (!known)
    throw std::invalid_argument("--field \"" + std::string(spec) + "\": unknown field name \"" +
                                name +
                                "\" (expected id, text, title, published_at, territory, lang, "
                                "author_role, sponsored, url or author)");
  if (path.empty() || path.front() == '.' || path.back() == '.' ||
      path.find("..") != std::string::npos)
    throw std::invalid_argument("--field \"" + std::string(spec) +
                                "\": expected NAME=PATH with a dotted PATH such as user.name");
  return {name, path};
}

std::vector<Document> read_text(std::string_view bytes, const std::string& source) {
  Decoded dec;
  std::string err;
  if (!decode_file(bytes, "", dec, err)) return {error_doc(source, err)};
  Document d;
  d.source = source;
  d.meta.territory.clear();  // not given: the CLI's --territory (else FR) applies
  d.id = base_name(source);
  d.text = std::move(dec.text);
  d.meta.charset = dec.charset;
  return {std::move(d)};
}

std::vector<Document> read_html(std::string_view bytes, const std::string& source) {
  Decoded dec;
  std::string err;
  if (!decode_file(bytes, declared_charset(bytes, false), dec, err))
    return {error_doc(source, err)};
  HtmlText h = html_to_text(dec.text, false);
  Document d;
  d.source = source;
  d.meta.territory.clear();  // not given: the CLI's --territory (else FR) applies
  d.id = base_name(source);
  d.text = std::move(h.text);
  d.scopes = std::move(h.scopes);
  d.suppressions = std::move(h.suppressions);
  d.meta.published_at = h.published_at;
  d.meta.url = h.url;
  d.meta.lang = h.lang;
  d.meta.title = !h.og_title.empty() ? h.og_title : h.title;
  d.meta.author = h.author;
  d.meta.charset = dec.charset;
  return {std::move(d)};
}

// --- Markdown ----------------------------------------------------------------------------
std::vector<Document> read_markdown(std::string_view bytes, const std::string& source) {
  Decoded dec;
  std::string err;
  if (!decode_file(bytes, "", dec, err)) return {error_doc(source, err)};
  Document d;
  d.source = source;
  d.meta.territory.clear();  // not given: the CLI's --territory (else FR) applies
  d.id = base_name(source);
  d.meta.charset = dec.charset;
  std::string& t = d.text;
  t = std::move(dec.text);

  // Split into lines [start, end) without the newline.
  struct Line {
    std::size_t start, end;
  };
  std::vector<Line> lines;
  for (std::size_t p = 0; p <= t.size();) {
    std::size_t nl = t.find('\n', p);
    if (nl == std::string::npos) nl = t.size();
    lines.push_back({p, nl});
    p = nl + 1;
    if (nl == t.size()) break;
  }
  auto view = [&](const Line& l) { return std::string_view(t).substr(l.start, l.end - l.start); };
  auto blank_line = [&](std::string_view v) { return trim(v).empty(); };
  auto indent = [](std::string_view v) {
    std::size_t i = 0;
    while (i < v.size() && v[i] == ' ') ++i;
    return i;
  };

  std::size_t first = 0;
  // YAML front matter: title, date and lang are read, the block is blanked out.
  if (!lines.empty() && trim(view(lines[0])) == "---") {
    for (std::size_t i = 1; i < lines.size(); ++i) {
      std::string_view v = view(lines[i]);
      if (trim(v) == "---" || trim(v) == "...") {
        for (std::size_t j = 1; j < i; ++j) {
          std::string_view kv = view(lines[j]);
          auto colon = kv.find(':');
          if (colon == std::string_view::npos) continue;
          std::string key = lower_ascii(trim(kv.substr(0, colon)));
          std::string val(trim(kv.substr(colon + 1)));
          if (val.size() >= 2 && (val.front() == '"' || val.front() == '\'') &&
              val.back() == val.front())
            val = val.substr(1, val.size() - 2);
          if (key == "title") d.meta.title = val;
          if ((key == "date" || key == "published_at") && d.meta.published_at.empty())
            d.meta.published_at = val;
          if (key == "lang" || key == "language") d.meta.lang = normalize_lang(val);
          if (key == "url") d.meta.url = val;
          if (key == "author") d.meta.author = val;
        }
        blank(t, lines[0].start, lines[i].end);
        first = i + 1;
        break;
      }
    }
  }

  enum class K { blank, body, title, quote, code };
  std::vector<K> kind(lines.size(), K::blank);
  std::string fence;  // the opening fence while inside a fenced block
  bool in_list = false;
  for (std::size_t i = first; i < lines.size(); ++i) {
    std::string_view v = view(lines[i]);
    std::size_t ind = indent(v);
    std::string_view rest = v.substr(ind);
    if (!fence.empty()) {
      kind[i] = K::code;
      std::size_t n = 0;
      while (n < rest.size() && rest[n] == fence[0]) ++n;
      if (ind < 4 && n >= fence.size() && trim(rest.substr(n)).empty()) fence.clear();
      continue;
    }
    if (ind < 4 && (rest.rfind("```", 0) == 0 || rest.rfind("~~~", 0) == 0)) {
      std::size_t n = 0;
      while (n < rest.size() && rest[n] == rest[0]) ++n;
      fence.assign(n, rest[0]);
      kind[i] = K::code;
      continue;
    }
    if (blank_line(v)) {
      kind[i] = K::blank;
      continue;
    }
    bool prev_blank_or_code = i == first || kind[i - 1] == K::blank || kind[i - 1] == K::code;
    if ((ind >= 4 || (!v.empty() && v[0] == '\t')) && prev_blank_or_code && !in_list &&
        (i == first || kind[i - 1] == K::code || (i >= first + 1 && kind[i - 1] == K::blank))) {
      kind[i] = K::code;
      continue;
    }
    if (ind < 4 && !rest.empty() && rest[0] == '>') {
      kind[i] = K::quote;
      continue;
    }
    if (ind < 4 && !rest.empty() && rest[0] == '#') {
      std::size_t n = 0;
      while (n < rest.size() && rest[n] == '#') ++n;
      if (n <= 6 && (n == rest.size() || rest[n] == ' ' || rest[n] == '\t')) {
        kind[i] = K::title;
        in_list = false;
        continue;
      }
    }
    // Setext underline: the previous paragraph line becomes a title.
    std::string_view tr = trim(v);
    if (ind < 4 && i > first && kind[i - 1] == K::body && !tr.empty() &&
        (tr.find_first_not_of('=') == std::string_view::npos ||
         (tr.find_first_not_of('-') == std::string_view::npos && tr.size() >= 2))) {
      kind[i - 1] = K::title;
      kind[i] = K::blank;  // the underline itself is not text
      blank(t, lines[i].start, lines[i].end);
      continue;
    }
    bool list_marker = (rest.size() >= 2 && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') &&
                        rest[1] == ' ') ||
                       (std::isdigit(static_cast<unsigned char>(rest.empty() ? 'x' : rest[0])) &&
                        rest.find_first_not_of("0123456789") != std::string_view::npos &&
                        (rest[rest.find_first_not_of("0123456789")] == '.' ||
                         rest[rest.find_first_not_of("0123456789")] == ')'));
    if (list_marker)
      in_list = true;
    else if (ind == 0)
      in_list = false;
    kind[i] = K::body;
  }

  for (std::size_t i = first; i < lines.size(); ++i)
    if (kind[i] == K::code) blank(t, lines[i].start, lines[i].end);

  // Comments (after code is blanked, so code never holds a directive): read and blank.
  for (std::size_t p = t.find("<!--"); p != std::string::npos; p = t.find("<!--", p)) {
    std::size_t e = t.find("-->", p + 4);
    if (e == std::string::npos) break;
    if (auto s = parse_ignore_directive(std::string_view(t).substr(p + 4, e - p - 4), p))
      d.suppressions.push_back(*s);
    blank(t, p, e + 3);
    p = e + 3;
  }

  // Scopes: runs of consecutive lines of the same kind.
  for (std::size_t i = first; i < lines.size();) {
    if (kind[i] == K::blank || kind[i] == K::code) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < lines.size() && kind[j + 1] == kind[i]) ++j;
    std::size_t s = lines[i].start, e = lines[j].end;
    // Skip the markers so the scope holds the words: "# ", "> ".
    if (kind[i] == K::title || kind[i] == K::quote) {
      char m = kind[i] == K::title ? '#' : '>';
      while (s < e && (t[s] == ' ' || t[s] == m)) ++s;
    }
    while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\r' || t[e - 1] == '\t')) --e;
    if (e > s) {
      ScopeKind k = kind[i] == K::title   ? ScopeKind::title
                    : kind[i] == K::quote ? ScopeKind::quote
                                          : ScopeKind::body;
      d.scopes.push_back({k, s, e});
      if (k == ScopeKind::title && d.meta.title.empty())
        d.meta.title = collapse_spaces(std::string_view(t).substr(s, e - s));
    }
    i = j + 1;
  }
  return {std::move(d)};
}

// --- RSS 2.0 / RSS 1.0 / Atom --------------------------------------------------------------
namespace {

void silent_generic(void*, const char*, ...) {}
void silent_structured(void*, xmlErrorPtr) {}

bool named(const xmlNode* n, const char* local) {
  return n->type == XML_ELEMENT_NODE &&
         std::strcmp(reinterpret_cast<const char*>(n->name), local) == 0;
}
std::string ns_prefix(const xmlNode* n) {
  return n->ns && n->ns->prefix ? reinterpret_cast<const char*>(n->ns->prefix) : "";
}
std::string content_of(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  if (!c) return {};
  std::string s(reinterpret_cast<const char*>(c));
  xmlFree(c);
  return s;
}
std::string attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}
std::string xml_lang(const xmlNode* n) {
  xmlChar* v = xmlNodeGetLang(n);
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return normalize_lang(s);
}
std::string plain(std::string_view maybe_html) {
  if (maybe_html.find('<') == std::string_view::npos &&
      maybe_html.find('&') == std::string_view::npos)
    return collapse_spaces(maybe_html);
  return html_to_text(maybe_html, true).text;
}

}  // namespace

std::vector<Document> read_feed(std::string_view bytes, const std::string& source) {
  Decoded dec;
  std::string err;
  if (!decode_file(bytes, declared_charset(bytes, true), dec, err)) return {error_doc(source, err)};
  xmlSetGenericErrorFunc(nullptr, silent_generic);
  xmlSetStructuredErrorFunc(nullptr, silent_structured);
  xmlDocPtr doc =
      xmlReadMemory(dec.text.data(), static_cast<int>(dec.text.size()), "feed.xml", "UTF-8",
                    XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NONET |
                        XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> guard(doc, xmlFreeDoc);
  xmlNode* root = doc ? xmlDocGetRootElement(doc) : nullptr;
  if (!root || !(named(root, "rss") || named(root, "feed") || named(root, "RDF")))
    return {error_doc(source,
                      "not an RSS or Atom feed (root element " +
                          (root ? "<" + std::string(reinterpret_cast<const char*>(root->name)) + ">"
                                : std::string("missing")) +
                          ")")};
  bool atom = named(root, "feed");
  std::string feed_lang = xml_lang(root);
  std::vector<const xmlNode*> items;
  for (xmlNode* c = root->children; c; c = c->next) {
    if (named(c, atom ? "entry" : "item")) items.push_back(c);
    if (named(c, "channel"))
      for (xmlNode* i = c->children; i; i = i->next) {
        if (named(i, "item")) items.push_back(i);
        if (named(i, "language") && feed_lang.empty()) feed_lang = normalize_lang(content_of(i));
      }
  }
  std::vector<Document> docs;
  std::size_t index = 0;
  for (const xmlNode* item : items) {
    ++index;
    std::string title, description, content, link, id, date, updated, author, lang;
    for (const xmlNode* f = item->children; f; f = f->next) {
      if (f->type != XML_ELEMENT_NODE) continue;
      std::string p = ns_prefix(f);
      if (named(f, "title"))
        title = content_of(f);
      else if (named(f, "description") || named(f, "summary"))
        description = content_of(f);
      else if (named(f, "encoded") || named(f, "content"))
        content = content_of(f);
      else if (named(f, "link")) {
        if (atom) {
          std::string rel = attr(f, "rel");
          if ((rel.empty() || rel == "alternate") && link.empty()) link = attr(f, "href");
        } else if (link.empty()) {
          link = std::string(trim(content_of(f)));
        }
      } else if (named(f, "guid") || named(f, "id"))
        id = std::string(trim(content_of(f)));
      else if (named(f, "pubDate") || named(f, "published") || (named(f, "date") && p == "dc"))
        date = std::string(trim(content_of(f)));
      else if (named(f, "updated"))
        updated = std::string(trim(content_of(f)));
      else if (named(f, "creator") || named(f, "author")) {
        author = collapse_spaces(content_of(f));
      } else if (named(f, "language"))
        lang = normalize_lang(content_of(f));
    }
    Document d;
    d.source = source;
    d.meta.territory.clear();  // not given: the CLI's --territory (else FR) applies
    d.line = static_cast<std::uint64_t>(xmlGetLineNo(item));
    d.meta.charset = dec.charset;
    d.meta.title = plain(title);
    d.meta.published_at = !date.empty() ? date : updated;  // raw: the checker judges it
    d.meta.url = link;
    d.meta.author = author;
    d.meta.lang = !lang.empty() ? lang : (!xml_lang(item).empty() ? xml_lang(item) : feed_lang);
    if (!id.empty()) {
      d.id = id;
      d.id_given = true;
    } else if (!link.empty()) {
      d.id = link;
      d.id_given = true;
    } else {
      d.id = base_name(source) + "#" + std::to_string(index);
    }
    std::string body_html = content.size() > description.size() ? content : description;
    HtmlText body = html_to_text(body_html, true);
    if (!d.meta.title.empty()) {
      d.text = d.meta.title;
      d.scopes.push_back({ScopeKind::title, 0, d.text.size()});
      d.text += "\n\n";
    }
    std::size_t shift = d.text.size();
    d.text += body.text;
    if (d.text.size() > shift) d.scopes.push_back({ScopeKind::body, shift, d.text.size()});
    for (auto& s : body.suppressions) {
      s.offset += shift;
      d.suppressions.push_back(s);
    }
    docs.push_back(std::move(d));
  }
  return docs;
}

}  // namespace veille
