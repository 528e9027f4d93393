// libxml2 parsing with line numbers and RelaxNG validation of pack files.
#include "rules/xml_file.hpp"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>

#include "veille/rules.hpp"

namespace veille::rules_detail {
namespace {

std::string trim_message(const char* msg) {
  std::string s = msg ? msg : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

void collect_error(void* data, xmlErrorPtr err) {
  if (!err || err->level == XML_ERR_WARNING) return;
  auto* out = static_cast<std::vector<XmlDiagnostic>*>(data);
  XmlDiagnostic d;
  d.line = err->line;
  d.column = err->int2;
  d.node = static_cast<xmlNodePtr>(err->node);
  d.message = trim_message(err->message);
  out->push_back(std::move(d));
}

// The schema is parsed once per process; validation contexts are per call.
xmlRelaxNGPtr schema() {
  static std::once_flag once;
  static xmlRelaxNGPtr parsed = nullptr;
  std::call_once(once, [] {
    const auto text = pack_schema();
    xmlRelaxNGParserCtxtPtr ctxt =
        xmlRelaxNGNewMemParserCtxt(text.data(), static_cast<int>(text.size()));
    parsed = xmlRelaxNGParse(ctxt);
    xmlRelaxNGFreeParserCtxt(ctxt);
  });
  return parsed;
}

}  // namespace

XmlFile::XmlFile(std::string path) : path_(std::move(path)) {
  std::ifstream in(path_, std::ios::binary);
  if (!in) {
    diagnostics_.push_back(
        {0, 0, nullptr, "cannot read file: " + std::string(std::strerror(errno))});
    return;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  content_ = ss.str();
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < content_.size(); ++i)
    if (content_[i] == '\n') line_starts_.push_back(i + 1);
  xmlSetStructuredErrorFunc(&diagnostics_, collect_error);
  doc_ = xmlReadMemory(content_.data(), static_cast<int>(content_.size()), path_.c_str(), nullptr,
                       XML_PARSE_NONET | XML_PARSE_BIG_LINES);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (!doc_ && diagnostics_.empty()) diagnostics_.push_back({1, 1, nullptr, "not an XML file"});
}

XmlFile::~XmlFile() {
  if (doc_) xmlFreeDoc(doc_);
}

xmlNodePtr XmlFile::root() const {
  return doc_ ? xmlDocGetRootElement(doc_) : nullptr;
}

bool XmlFile::validate() {
  xmlRelaxNGPtr rng = schema();
  if (!rng) {
    diagnostics_.push_back({0, 0, nullptr, "internal error: the pack schema does not parse"});
    return false;
  }
  xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(rng);
  std::vector<XmlDiagnostic> found;
  xmlRelaxNGSetValidStructuredErrors(v, collect_error, &found);
  int rc = xmlRelaxNGValidateDoc(v, doc_);
  xmlRelaxNGFreeValidCtxt(v);
  if (rc == 0) return true;
  if (found.empty()) found.push_back({1, 1, nullptr, "does not validate against pack.rng"});
  for (auto& d : found) {
    if (d.node && d.node->type == XML_ELEMENT_NODE) {
      auto [l, c] = position_of(d.node);
      d.line = l;
      d.column = c;
    } else if (d.column == 0) {
      d.column = 1;
    }
    diagnostics_.push_back(std::move(d));
  }
  return false;
}

int XmlFile::line_of(xmlNodePtr node) const {
  return static_cast<int>(xmlGetLineNo(node));
}

std::pair<int, int> XmlFile::position_of(xmlNodePtr node) const {
  int line = line_of(node);
  if (line <= 0 || node->type != XML_ELEMENT_NODE) return {line, 1};
  const std::string needle = std::string("<") + reinterpret_cast<const char*>(node->name);
  for (int l = line; l >= 1 && l > line - 40; --l) {
    std::size_t a = line_starts_[static_cast<std::size_t>(l - 1)];
    std::size_t b = static_cast<std::size_t>(l) < line_starts_.size()
                        ? line_starts_[static_cast<std::size_t>(l)]
                        : content_.size();
    std::string_view text(content_.data() + a, b - a);
    // the last "<name" on the line that is followed by a space, '>' or '/'
    std::size_t pos = text.rfind(needle);
    while (pos != std::string_view::npos) {
      std::size_t after = pos + needle.size();
      if (after >= text.size() || std::strchr(" \t\r\n>/", text[after])) {
        int col = 1;  // columns count code points
        for (std::size_t i = 0; i < pos; ++i)
          if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
        return {l, col};
      }
      if (pos == 0) break;
      pos = text.rfind(needle, pos - 1);
    }
  }
  return {line, 1};
}

std::string attr(xmlNodePtr node, const char* name) {
  xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

bool has_attr(xmlNodePtr node, const char* name) {
  return xmlHasProp(node, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

std::string text_of(xmlNodePtr node) {
  xmlChar* v = xmlNodeGetContent(node);
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

bool is(xmlNodePtr node, const char* name) {
  return node && node->type == XML_ELEMENT_NODE &&
         std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

}  // namespace veille::rules_detail
