#pragma once
// JSON-lines posts (simdjson on-demand), streamed line by line from a ByteSource.
#include <simdjson.h>

#include <memory>
#include <string>
#include <vector>

#include "ingest/internal.hpp"

namespace veille::ingest {

// Splits a byte stream into lines held in one growing buffer that always keeps
// simdjson::SIMDJSON_PADDING readable bytes after the end of the current line.
class LineSplitter {
 public:
  LineSplitter(ByteSource& src, std::size_t cap, std::string_view prefill);
  struct Line {
    std::string_view bytes;    // without '\n' (empty when over_cap)
    bool over_cap = false;     // the line was longer than the cap and was skipped
    std::uint64_t length = 0;  // its length
  };
  // False at end of input. Throws what the ByteSource throws (truncated gzip ...).
  bool next(Line& line);
  std::size_t capacity_after(const Line& line) const;  // readable bytes from line start

 private:
  ByteSource& src_;
  std::size_t cap_;
  std::vector<char> buf_;
  std::size_t b_ = 0, e_ = 0;
  bool eof_ = false;
};

// The field mapping: target name -> dotted path.
struct FieldMap {
  explicit FieldMap(const std::vector<std::pair<std::string, std::string>>& overrides);
  struct Node {
    std::string key;
    int target = -1;  // index into kTargets when a path ends here
    std::vector<int> children;
  };
  std::vector<Node> nodes;         // nodes[0] = root
  std::vector<std::string> paths;  // per target, for messages
};

class JsonlParser {
 public:
  explicit JsonlParser(const InputOptions& options);
  // Fills `doc` from one line (padded: `capacity` readable bytes from line.data()).
  // doc.source and doc.line must be set by the caller.
  void parse(std::string_view line, std::size_t capacity, Document& doc);

 private:
  void visit(simdjson::ondemand::object obj, int node, Document& doc, bool& has_text);
  void extract(int target, simdjson::ondemand::value v, Document& doc, bool& has_text);
  FieldMap map_;
  simdjson::ondemand::parser parser_;
};

}  // namespace veille::ingest
