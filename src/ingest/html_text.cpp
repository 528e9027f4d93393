// HTML to visible text with scopes and metadata (libxml2 HTML parser, silenced).
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>

#include <simdjson.h>
#include <algorithm>
#include <array>
#include <cstring>

#include "ingest/internal.hpp"

namespace veille::ingest {
namespace {

void silent_generic(void*, const char*, ...) {}
void silent_structured(void*, xmlErrorPtr) {}

const char* name_of(const xmlNode* n) {
  return reinterpret_cast<const char*>(n->name);
}

bool is(const xmlNode* n, const char* tag) {
  return n->type == XML_ELEMENT_NODE && n->name && std::strcmp(name_of(n), tag) == 0;
}

std::string prop(const xmlNode* n, const char* attr) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(attr));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

bool has_prop(const xmlNode* n, const char* attr) {
  return xmlHasProp(n, reinterpret_cast<const xmlChar*>(attr)) != nullptr;
}

constexpr std::array<const char*, 13> kSkipped = {"script", "style",  "noscript", "nav", "footer",
                                                  "aside",  "form",   "iframe",   "svg", "template",
                                                  "button", "select", "object"};
constexpr std::array<const char*, 30> kBlocks = {
    "p",       "div",     "br",   "h1",      "h2",         "h3",         "h4",  "h5",
    "h6",      "li",      "ul",   "ol",      "td",         "th",         "tr",  "table",
    "section", "article", "main", "figure",  "figcaption", "blockquote", "pre", "hr",
    "dd",      "dt",      "dl",   "address", "header",     "body"};

bool in_list(const xmlNode* n, const auto& list) {
  if (n->type != XML_ELEMENT_NODE || !n->name) return false;
  for (const char* t : list)
    if (std::strcmp(name_of(n), t) == 0) return true;
  return false;
}

bool class_says_lede(const xmlNode* n) {
  std::string c = lower_ascii(prop(n, "class") + " " + prop(n, "itemprop"));
  for (const char* k : {"lede", "chapo", "chapeau", "standfirst", "article-intro", "description"})
    if (c.find(k) != std::string::npos) return true;
  return false;
}

// First "datePublished" string anywhere in a JSON-LD value (flat or @graph). Objects and arrays
// are taken into named variables: value_unsafe() on a temporary result would dangle.
void find_date_published(simdjson::dom::element e, std::string& out) {
  if (!out.empty()) return;
  simdjson::dom::object obj;
  simdjson::dom::array arr;
  if (e.get_object().get(obj) == simdjson::SUCCESS) {
    for (auto field : obj) {
      std::string_view date;
      if (field.key == "datePublished" && field.value.get_string().get(date) == simdjson::SUCCESS) {
        out = std::string(date);
        return;
      }
    }
    for (auto field : obj) find_date_published(field.value, out);
  } else if (e.get_array().get(arr) == simdjson::SUCCESS) {
    for (auto v : arr) find_date_published(v, out);
  }
}

struct Walker {
  HtmlText r;
  bool fragment = false;
  bool pre = false;
  int inside_article = 0;
  bool seen_h1 = false, lede_explicit = false, lede_done = false;
  std::string meta_time, jsonld_time, itemprop_time, time_time, dc_time;
  std::string og_url, canonical, dc_title;
  std::vector<Scope> special;

  void newline() {
    while (!r.text.empty() && r.text.back() == ' ') r.text.pop_back();
    if (!r.text.empty() && r.text.back() != '\n') r.text += '\n';
  }
  void add_text(std::string_view s) {
    if (pre) {
      r.text.append(s);
      return;
    }
    for (char c : s) {
      bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
      if (ws) {
        if (!r.text.empty() && r.text.back() != ' ' && r.text.back() != '\n') r.text += ' ';
      } else {
        r.text += c;
      }
    }
  }

  void head_meta(const xmlNode* n) {
    std::string key = lower_ascii(prop(n, "property"));
    if (key.empty()) key = lower_ascii(prop(n, "name"));
    if (key.empty()) key = lower_ascii(prop(n, "itemprop"));
    std::string content = std::string(trim(prop(n, "content")));
    if (key.empty() || content.empty()) return;
    if (key == "article:published_time" || key == "og:published_time") {
      if (meta_time.empty()) meta_time = content;
    } else if (key == "datepublished") {
      if (itemprop_time.empty()) itemprop_time = content;
    } else if (key == "dc.date" || key == "dc.date.issued" || key == "dcterms.created" ||
               key == "dcterms.issued" || key == "date" || key == "pubdate") {
      if (dc_time.empty()) dc_time = content;
    } else if (key == "og:url" || key == "dc.identifier") {
      if (og_url.empty()) og_url = content;
    } else if (key == "og:title" || key == "twitter:title") {
      if (r.og_title.empty()) r.og_title = content;
    } else if (key == "dc.title") {
      if (dc_title.empty()) dc_title = content;
    } else if (key == "author" || key == "article:author" || key == "dc.creator") {
      if (r.author.empty()) r.author = content;
    } else if (key == "og:locale" || key == "dc.language" || key == "content-language") {
      if (r.lang.empty()) r.lang = normalize_lang(content);
    }
  }

  void jsonld(const xmlNode* n) {
    std::string body;
    for (const xmlNode* c = n->children; c; c = c->next)
      if (c->content) body += reinterpret_cast<const char*>(c->content);
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    simdjson::padded_string padded(body);
    if (parser.parse(padded).get(root)) return;
    find_date_published(root, jsonld_time);
  }

  void walk(const xmlNode* n) {
    for (; n; n = n->next) {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content) add_text(reinterpret_cast<const char*>(n->content));
        continue;
      }
      if (n->type == XML_COMMENT_NODE) {
        if (n->content)
          if (auto s =
                  parse_ignore_directive(reinterpret_cast<const char*>(n->content), r.text.size()))
            r.suppressions.push_back(*s);
        continue;
      }
      if (n->type != XML_ELEMENT_NODE) continue;
      if (is(n, "meta")) {
        head_meta(n);
        continue;
      }
      if (is(n, "link")) {
        if (lower_ascii(prop(n, "rel")) == "canonical" && canonical.empty())
          canonical = prop(n, "href");
        continue;
      }
      if (is(n, "script")) {
        if (lower_ascii(prop(n, "type")) == "application/ld+json") jsonld(n);
        continue;
      }
      if (is(n, "title")) {
        if (r.title.empty() && n->children) {
          std::string t;
          for (const xmlNode* c = n->children; c; c = c->next)
            if (c->content) t += reinterpret_cast<const char*>(c->content);
          r.title = collapse_spaces(t);
        }
        continue;
      }
      if (is(n, "head")) {
        walk(n->children);  // meta, title, scripts: no visible text
        r.text.clear();
        continue;
      }
      if (is(n, "time")) {
        std::string dt = std::string(trim(prop(n, "datetime")));
        if (!dt.empty()) {
          if ((has_prop(n, "pubdate") || lower_ascii(prop(n, "itemprop")) == "datepublished") &&
              itemprop_time.empty())
            itemprop_time = dt;
          if (time_time.empty()) time_time = dt;
        }
      }
      if (in_list(n, kSkipped)) continue;
      if (has_prop(n, "hidden") || lower_ascii(prop(n, "aria-hidden")) == "true") continue;
      // A site header (logo, menu) is skipped; an article's own <header> (h1, lede) is kept.
      if (is(n, "header") && inside_article == 0) continue;
      if (is(n, "html") && r.lang.empty()) r.lang = normalize_lang(prop(n, "lang"));

      bool article = is(n, "article") || is(n, "main");
      bool block = in_list(n, kBlocks);
      bool was_pre = pre;
      if (is(n, "pre")) pre = true;
      if (article) ++inside_article;
      if (block) newline();
      std::size_t start = r.text.size();
      walk(n->children);
      if (block) newline();
      std::size_t end = r.text.size();
      while (end > start && (r.text[end - 1] == '\n' || r.text[end - 1] == ' ')) --end;
      if (article) --inside_article;
      pre = was_pre;
      if (fragment || end <= start) continue;
      if (is(n, "h1")) {
        special.push_back({ScopeKind::headline, start, end});
        seen_h1 = true;
      } else if (is(n, "blockquote")) {
        special.push_back({ScopeKind::quote, start, end});
      } else if (!lede_done && class_says_lede(n) && !is(n, "body") && !is(n, "html")) {
        // An explicit lede replaces a guessed one.
        special.erase(std::remove_if(special.begin(), special.end(),
                                     [](const Scope& s) { return s.kind == ScopeKind::lede; }),
                      special.end());
        special.push_back({ScopeKind::lede, start, end});
        lede_done = lede_explicit = true;
      } else if (is(n, "p") && seen_h1 && !lede_explicit &&
                 std::none_of(special.begin(), special.end(),
                              [](const Scope& s) { return s.kind == ScopeKind::lede; })) {
        special.push_back({ScopeKind::lede, start, end});  // first paragraph after the h1
      }
    }
  }
};

}  // namespace

HtmlText html_to_text(std::string_view utf8, bool fragment) {
  xmlSetGenericErrorFunc(nullptr, silent_generic);
  xmlSetStructuredErrorFunc(nullptr, silent_structured);
  int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
             HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
  std::string wrapped;
  if (fragment) {
    wrapped = "<html><body>";
    wrapped.append(utf8);
    wrapped += "</body></html>";
    utf8 = wrapped;
  }
  htmlDocPtr doc =
      htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), "input.html", "UTF-8", opts);
  Walker w;
  w.fragment = fragment;
  if (doc) {
    w.walk(xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
  }
  while (!w.r.text.empty() && (w.r.text.back() == '\n' || w.r.text.back() == ' '))
    w.r.text.pop_back();
  HtmlText out = std::move(w.r);
  if (fragment) return out;

  for (const std::string* t :
       {&w.meta_time, &w.jsonld_time, &w.itemprop_time, &w.time_time, &w.dc_time})
    if (!t->empty()) {
      out.published_at = *t;
      break;
    }
  out.url = !w.og_url.empty() ? w.og_url : w.canonical;
  if (out.og_title.empty()) out.og_title = w.dc_title;

  // The title goes first in the text, as its own scope; every other scope shifts.
  std::string title = !out.title.empty() ? out.title : out.og_title;
  std::size_t shift = 0;
  std::vector<Scope> scopes;
  if (!title.empty()) {
    std::string body = std::move(out.text);
    out.text = title;
    scopes.push_back({ScopeKind::title, 0, title.size()});
    out.text += "\n\n";
    shift = out.text.size();
    out.text += body;
    for (auto& s : out.suppressions) s.offset += shift;
  }
  std::sort(w.special.begin(), w.special.end(),
            [](const Scope& a, const Scope& b) { return a.start < b.start; });
  // Body scopes fill the gaps between special scopes.
  std::size_t pos = shift;
  auto add_body = [&](std::size_t from, std::size_t to) {
    while (from < to && (out.text[from] == '\n' || out.text[from] == ' ')) ++from;
    while (to > from && (out.text[to - 1] == '\n' || out.text[to - 1] == ' ')) --to;
    if (to > from) scopes.push_back({ScopeKind::body, from, to});
  };
  for (const auto& s : w.special) {
    Scope t{s.kind, s.start + shift, s.end + shift};
    if (t.start < pos) {  // nested in a previous special scope: keep it, no gap
      scopes.push_back(t);
      pos = std::max(pos, t.end);
      continue;
    }
    add_body(pos, t.start);
    scopes.push_back(t);
    pos = t.end;
  }
  add_body(pos, out.text.size());
  std::stable_sort(scopes.begin(), scopes.end(),
                   [](const Scope& a, const Scope& b) { return a.start < b.start; });
  out.scopes = std::move(scopes);
  return out;
}

}  // namespace veille::ingest
