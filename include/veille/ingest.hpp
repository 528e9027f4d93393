#pragma once
// Stage contract: ingest/ — turns bytes into Documents. Readers know nothing of rules.
// A record that cannot be read still yields a Document, with `error` set, so that every input
// record yields exactly one output record.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "veille/document.hpp"

namespace veille {

struct InputOptions {
  std::string format = "auto";  // auto, text, markdown, html, rss, atom, feed, jsonl
  std::vector<std::pair<std::string, std::string>> fields;  // --field NAME=PATH
  std::vector<std::string> include, exclude;                // globs for directories
  std::size_t max_record_bytes = 64u << 20;
};

class Reader {
 public:
  virtual ~Reader() = default;
  // Next document, false at end of input. Never throws for bad records.
  virtual bool next(Document& doc) = 0;
  // Bytes consumed so far and total when known (for progress), 0 when unknown.
  virtual std::uint64_t bytes_read() const = 0;
  virtual std::uint64_t bytes_total() const = 0;
};

// Opens a file, directory, ".gz" file or "-" (stdin). Throws std::runtime_error naming the path
// when it cannot be opened at all.
std::unique_ptr<Reader> open_input(const std::string& path, const InputOptions& options);
// Several inputs in order.
std::unique_ptr<Reader> open_inputs(const std::vector<std::string>& paths,
                                    const InputOptions& options);

}  // namespace veille
