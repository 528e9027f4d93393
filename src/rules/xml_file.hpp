#pragma once
// Private to rules/: one pack file parsed with libxml2 (line numbers kept) and validated against
// the compiled-in RelaxNG schema. Errors carry file:line:col.
#include <libxml/tree.h>

#include <memory>
#include <string>
#include <vector>

namespace veille::rules_detail {

struct XmlDiagnostic {
  int line = 0;
  int column = 0;
  xmlNodePtr node = nullptr;  // when the error is about a node (schema errors)
  std::string message;
};

class XmlFile {
 public:
  // Reads and parses `path`. On failure ok() is false and diagnostics() says why.
  explicit XmlFile(std::string path);
  ~XmlFile();
  XmlFile(const XmlFile&) = delete;
  XmlFile& operator=(const XmlFile&) = delete;

  bool ok() const { return doc_ != nullptr && diagnostics_.empty(); }
  const std::string& path() const { return path_; }
  xmlNodePtr root() const;
  // Validates against pack.rng; false with diagnostics on failure.
  bool validate();
  const std::vector<XmlDiagnostic>& diagnostics() const { return diagnostics_; }

  int line_of(xmlNodePtr node) const;
  // Line and column of the start tag of an element ("<name"), searched back from the line
  // libxml2 gives (the line of the start tag's end).
  std::pair<int, int> position_of(xmlNodePtr node) const;

 private:
  std::string path_;
  std::string content_;
  std::vector<std::size_t> line_starts_;
  xmlDocPtr doc_ = nullptr;
  std::vector<XmlDiagnostic> diagnostics_;
};

// Helpers over nodes.
std::string attr(xmlNodePtr node, const char* name);
bool has_attr(xmlNodePtr node, const char* name);
std::string text_of(xmlNodePtr node);
bool is(xmlNodePtr node, const char* name);

}  // namespace veille::rules_detail
