#pragma once
// Stage contract: ingest/ — turns bytes into Documents. Readers know nothing of rules.
// A record that cannot be read still yields a Document, with `error` set, so that every input
// record yields exactly one output record.
//
// Formats: text, markdown (md), html, rss, atom (feed = either), jsonl. "auto" chooses by
// extension (after stripping ".gz"), then by sniffing the first bytes.
// Size caps: a single record (a JSON line, a whole HTML/Markdown/text/feed file) larger than
// max_record_bytes yields one error record naming the cap; the run goes on.
// Charsets: whole files that are not UTF-8 are converted (declared charset, else ICU's
// detector) and Meta::charset names the source charset. JSON-lines must be UTF-8 (RFC 8259): a
// line with invalid UTF-8 is an error record. A file with > 2 % control bytes is not text: one
// error record. Territory is left empty when the input gives none (the CLI default applies).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "veille/document.hpp"

namespace veille {

struct InputOptions {
  std::string format = "auto";  // auto, text, markdown, html, rss, atom, feed, jsonl
  std::vector<std::pair<std::string, std::string>> fields;  // --field NAME=PATH
  std::vector<std::string> include, exclude;                // globs for directories
  std::size_t max_record_bytes = 64u << 20;
  // Where whole-file problems go (unreadable file, skipped entry ...). Default: one line on
  // stderr, "veille: <message>".
  std::function<void(const std::string&)> warn;
};

class Reader {
 public:
  virtual ~Reader() = default;
  // Next document, false at end of input. Never throws for bad records.
  virtual bool next(Document& doc) = 0;
  // Bytes consumed so far and total when known (for progress), 0 when unknown.
  virtual std::uint64_t bytes_read() const = 0;
  virtual std::uint64_t bytes_total() const = 0;
  // Files that could not be read at all (reported through InputOptions::warn) and files opened.
  // The CLI exits 2 when nothing could be read: no record and files_failed() > 0.
  virtual std::uint64_t files_failed() const { return 0; }
  virtual std::uint64_t files_opened() const { return 0; }
};

// Opens a file, directory, ".gz" file or "-" (stdin). Throws std::runtime_error naming the path
// when it cannot be opened at all.
std::unique_ptr<Reader> open_input(const std::string& path, const InputOptions& options);
// Several inputs in order. Does not throw for a path that cannot be opened: it is reported
// through InputOptions::warn and counted in files_failed().
std::unique_ptr<Reader> open_inputs(const std::vector<std::string>& paths,
                                    const InputOptions& options);

// Parses "NAME=PATH" (for --field); throws std::invalid_argument naming the value when NAME is
// not one of id, text, title, published_at, territory, lang, author_role, sponsored, url,
// author, or PATH is empty.
std::pair<std::string, std::string> parse_field_mapping(std::string_view spec);

// Building blocks, exposed for tests and the server (which reads one document from memory).
// `bytes` is the whole content of one file; `source` names it in errors.
std::vector<Document> read_html(std::string_view bytes, const std::string& source);
std::vector<Document> read_feed(std::string_view bytes, const std::string& source);
std::vector<Document> read_markdown(std::string_view bytes, const std::string& source);
std::vector<Document> read_text(std::string_view bytes, const std::string& source);
// "fr-FR" -> "fr", "EN_us" -> "en"; "" when the value is not a language tag.
std::string normalize_lang(std::string_view tag);

}  // namespace veille
