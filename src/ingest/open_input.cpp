// Inputs: files, directories (recursive, sorted, include/exclude globs), stdin, gzip; the
// format is chosen by InputOptions::format, else by extension, else by sniffing.
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <stdexcept>

#include "ingest/internal.hpp"
#include "ingest/jsonl_reader.hpp"

namespace veille {
using namespace ingest;
namespace fs = std::filesystem;

namespace {

enum class Format { text, markdown, html, feed, jsonl };

std::optional<Format> format_from_name(std::string_view f) {
  if (f == "text" || f == "txt") return Format::text;
  if (f == "markdown" || f == "md") return Format::markdown;
  if (f == "html") return Format::html;
  if (f == "rss" || f == "atom" || f == "feed") return Format::feed;
  if (f == "jsonl" || f == "ndjson" || f == "json") return Format::jsonl;
  return std::nullopt;
}

std::optional<Format> format_from_extension(std::string path) {
  std::string p = lower_ascii(path);
  if (p.size() > 3 && p.compare(p.size() - 3, 3, ".gz") == 0) p.resize(p.size() - 3);
  auto dot = p.rfind('.');
  if (dot == std::string::npos || p.find('/', dot) != std::string::npos) return std::nullopt;
  std::string ext = p.substr(dot + 1);
  if (ext == "jsonl" || ext == "ndjson" || ext == "json") return Format::jsonl;
  if (ext == "html" || ext == "htm" || ext == "xhtml") return Format::html;
  if (ext == "md" || ext == "markdown") return Format::markdown;
  if (ext == "rss" || ext == "atom") return Format::feed;
  if (ext == "txt") return Format::text;
  return std::nullopt;  // .xml and others: sniff
}

Format sniff(std::string_view head) {
  if (head.size() >= 3 && head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  head = trim(head.substr(0, 4096));
  if (!head.empty() && head[0] == '{') return Format::jsonl;
  if (!head.empty() && head[0] == '<') {
    std::string l = lower_ascii(head);
    if (l.find("<rss") != std::string::npos || l.find("<feed") != std::string::npos ||
        l.find("<rdf:rdf") != std::string::npos)
      return Format::feed;
    return Format::html;
  }
  return Format::text;
}

// One file (or stdin): whole-file formats are read at once, JSON-lines stream.
class FileReader {
 public:
  FileReader(std::string path, const InputOptions& options)
      : path_(std::move(path)), opt_(options) {}

  // Opens the file; throws std::runtime_error naming it when impossible.
  void open() {
    src_ = open_bytes(path_);
    std::optional<Format> f = format_from_name(opt_.format);
    if (!f && opt_.format != "auto" && !opt_.format.empty())
      throw std::invalid_argument("unknown input format \"" + opt_.format +
                                  "\" (expected auto, text, markdown, html, rss, atom, feed, "
                                  "jsonl)");
    if (!f) f = format_from_extension(path_);
    // Read a first block for sniffing (and keep it).
    std::string head;
    head.resize(64 * 1024);
    std::size_t got = 0;
    try {
      while (got < head.size()) {
        std::size_t n = src_->read(head.data() + got, head.size() - got);
        if (n == 0) break;
        got += n;
      }
    } catch (const std::runtime_error& e) {
      head.resize(got);
      if (!f) f = sniff(head);
      if (*f == Format::jsonl) {
        pending_error_ = e.what();
        lines_ = std::make_unique<LineSplitter>(*src_, opt_.max_record_bytes, head);
        jsonl_ = std::make_unique<JsonlParser>(opt_);
        format_ = *f;
        return;
      }
      queue_.push_back(error_doc(e.what()));
      format_ = *f;
      return;
    }
    head.resize(got);
    if (!f) f = sniff(head);
    format_ = *f;
    if (format_ == Format::jsonl) {
      lines_ = std::make_unique<LineSplitter>(*src_, opt_.max_record_bytes, head);
      jsonl_ = std::make_unique<JsonlParser>(opt_);
      return;
    }
    bool over = false;
    std::string all;
    try {
      std::size_t cap = opt_.max_record_bytes;
      if (head.size() > cap) {
        over = true;
      } else {
        all = std::move(head);
        all += read_all(*src_, cap - all.size(), &over);
      }
    } catch (const std::runtime_error& e) {
      queue_.push_back(error_doc(e.what()));
      return;
    }
    if (over) {
      queue_.push_back(error_doc(path_ + ": larger than the record size cap (" +
                                 std::to_string(opt_.max_record_bytes >> 20) +
                                 " MiB, max_record_bytes); not read"));
      return;
    }
    std::vector<Document> docs;
    switch (format_) {
      case Format::text:
        docs = read_text(all, path_);
        break;
      case Format::markdown:
        docs = read_markdown(all, path_);
        break;
      case Format::html:
        docs = read_html(all, path_);
        break;
      case Format::feed:
        docs = read_feed(all, path_);
        break;
      case Format::jsonl:
        break;
    }
    if (docs.empty() && opt_.warn) opt_.warn(path_ + ": no item in this feed");
    for (auto& d : docs) queue_.push_back(std::move(d));
  }

  bool next(Document& doc) {
    if (!queue_.empty()) {
      doc = std::move(queue_.front());
      queue_.pop_front();
      return true;
    }
    if (!lines_) return false;
    for (;;) {
      LineSplitter::Line line;
      try {
        if (!pending_error_.empty()) throw std::runtime_error(pending_error_);
        if (!lines_->next(line)) {
          lines_.reset();
          return false;
        }
      } catch (const std::runtime_error& e) {
        // Truncated gzip or read error: one error record, then this file ends.
        doc = error_doc(e.what());
        doc.line = line_no_ + 1;
        doc.id = std::to_string(doc.line);
        lines_.reset();
        return true;
      }
      ++line_no_;
      std::string_view bytes = line.bytes;
      if (line_no_ == 1 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
      if (!bytes.empty() && bytes.back() == '\r') bytes.remove_suffix(1);
      if (!line.over_cap && trim(bytes).empty()) continue;  // blank lines are not records
      doc = Document{};
      doc.source = path_;
      doc.line = line_no_;
      if (line.over_cap) {
        doc.id = std::to_string(line_no_);
        doc.error = path_ + ":" + std::to_string(line_no_) + ": line of " +
                    std::to_string(line.length) + " bytes exceeds the record size cap (" +
                    std::to_string(opt_.max_record_bytes) + " bytes, max_record_bytes); skipped";
        return true;
      }
      jsonl_->parse(bytes, lines_->capacity_after(line) - (bytes.data() - line.bytes.data()), doc);
      return true;
    }
  }

  std::uint64_t position() const { return src_ ? src_->position() : 0; }
  std::uint64_t size() const { return src_ ? src_->size() : 0; }

 private:
  Document error_doc(std::string message) {
    Document d;
    d.source = path_;
    d.id = path_ == "-" ? "-" : fs::path(path_).filename().string();
    d.error = std::move(message);
    return d;
  }

  std::string path_;
  const InputOptions& opt_;
  std::unique_ptr<ByteSource> src_;
  Format format_ = Format::text;
  std::deque<Document> queue_;
  std::unique_ptr<LineSplitter> lines_;
  std::unique_ptr<JsonlParser> jsonl_;
  std::string pending_error_;
  std::uint64_t line_no_ = 0;
};

bool glob_match(const std::vector<std::string>& globs, const std::string& rel,
                const std::string& name) {
  for (const auto& g : globs)
    if (::fnmatch(g.c_str(), name.c_str(), 0) == 0 || ::fnmatch(g.c_str(), rel.c_str(), 0) == 0)
      return true;
  return false;
}

class MultiReader : public Reader {
 public:
  MultiReader(const std::vector<std::string>& paths, const InputOptions& options, bool strict)
      : opt_(options) {
    if (!opt_.warn) opt_.warn = default_warn;
    for (const auto& p : paths) expand(p, strict);
    for (const auto& f : files_) {
      struct stat st {};
      if (f == "-" || ::stat(f.c_str(), &st) != 0) {
        total_known_ = false;
        break;
      }
      total_ += static_cast<std::uint64_t>(st.st_size);
    }
  }

  bool next(Document& doc) override {
    for (;;) {
      if (!current_) {
        if (index_ >= files_.size()) return false;
        auto r = std::make_unique<FileReader>(files_[index_++], opt_);
        try {
          r->open();
          ++opened_;
        } catch (const std::invalid_argument&) {
          throw;  // a bad --input-format is a usage error
        } catch (const std::exception& e) {
          opt_.warn(e.what());
          ++failed_;
          continue;
        }
        current_ = std::move(r);
      }
      if (current_->next(doc)) {
        doc.ordinal = ordinal_++;
        return true;
      }
      done_bytes_ += current_->position();
      current_.reset();
    }
  }
  std::uint64_t bytes_read() const override {
    return done_bytes_ + (current_ ? current_->position() : 0);
  }
  std::uint64_t bytes_total() const override { return total_known_ ? total_ : 0; }
  std::uint64_t files_failed() const override { return failed_; }
  std::uint64_t files_opened() const override { return opened_; }

 private:
  void expand(const std::string& path, bool strict) {
    std::error_code ec;
    if (path == "-") {
      files_.push_back(path);
      return;
    }
    auto st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      std::string msg = path + ": cannot open: " + (ec ? ec.message() : "no such file");
      if (strict) throw std::runtime_error(msg);
      opt_.warn(msg);
      ++failed_;
      return;
    }
    if (!fs::is_directory(st)) {
      files_.push_back(path);
      return;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::none, ec), end;
    if (ec) {
      opt_.warn(path + ": cannot list: " + ec.message());
      ++failed_;
      return;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        opt_.warn(path + ": cannot list: " + ec.message());
        ++failed_;
        break;
      }
      const fs::path& p = it->path();
      std::string name = p.filename().string();
      std::string rel = fs::relative(p, path, ec).string();
      if (name.size() > 1 && name[0] == '.') {  // hidden files and folders are skipped
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      std::error_code ec2;
      bool dir = it->is_directory(ec2);
      if (!opt_.exclude.empty() && glob_match(opt_.exclude, rel, name)) {
        if (dir) it.disable_recursion_pending();
        continue;
      }
      if (dir) continue;
      if (!opt_.include.empty() && !glob_match(opt_.include, rel, name)) continue;
      found.push_back(p.string());  // dangling links, FIFOs ...: reported when opened
    }
    std::sort(found.begin(), found.end());
    files_.insert(files_.end(), found.begin(), found.end());
  }

  InputOptions opt_;
  std::vector<std::string> files_;
  std::size_t index_ = 0;
  std::unique_ptr<FileReader> current_;
  std::uint64_t ordinal_ = 0, done_bytes_ = 0, total_ = 0, failed_ = 0, opened_ = 0;
  bool total_known_ = true;
};

}  // namespace

std::unique_ptr<Reader> open_input(const std::string& path, const InputOptions& options) {
  return std::make_unique<MultiReader>(std::vector<std::string>{path}, options, true);
}

std::unique_ptr<Reader> open_inputs(const std::vector<std::string>& paths,
                                    const InputOptions& options) {
  return std::make_unique<MultiReader>(paths, options, false);
}

}  // namespace veille
