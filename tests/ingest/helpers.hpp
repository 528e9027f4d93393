#pragma once
// Helpers shared by the ingest tests: temp dirs, file writing, reading every document.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "veille/ingest.hpp"

namespace veille::test {

inline std::string fixture(const std::string& name) {
  return std::string(VEILLE_TEST_DIR) + "/ingest/fixtures/" + name;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "veille-ingest-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    auto p = path / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
};

struct ReadAll {
  std::vector<Document> docs;
  std::vector<std::string> warnings;
  std::uint64_t failed = 0;
};

inline ReadAll read_all_docs(const std::vector<std::string>& paths, InputOptions opt = {}) {
  ReadAll r;
  opt.warn = [&r](const std::string& m) { r.warnings.push_back(m); };
  auto reader = open_inputs(paths, opt);
  Document d;
  while (reader->next(d)) r.docs.push_back(std::move(d));
  r.failed = reader->files_failed();
  return r;
}

inline std::string scope_text(const Document& d, ScopeKind kind, std::size_t nth = 0) {
  for (const auto& s : d.scopes)
    if (s.kind == kind && nth-- == 0) return d.text.substr(s.start, s.end - s.start);
  return "<none>";
}

}  // namespace veille::test
