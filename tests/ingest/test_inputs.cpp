// Inputs: directories (recursive, sorted, globs), unreadable entries, explicit --input-format.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace veille;
using namespace veille::test;

TEST_CASE(
    "directories: recursive, sorted by path, hidden skipped; unreadable entries are warnings") {
  TempDir t;
  t.write("b/2.txt", "deux");
  t.write("b/1.jsonl", "{\"id\":\"j\",\"text\":\"un\"}\n");
  t.write("a.md", "# titre\n");
  t.write(".hidden/x.txt", "caché");
  t.write("c.html", "<p>page</p>");
  // Tests run as root, so chmod 000 would not stop reading: use a dangling link and a FIFO.
  std::filesystem::create_symlink(t.path / "missing.txt", t.path / "b" / "0-dangling.txt");
  REQUIRE(::mkfifo((t.path / "b" / "3.fifo").c_str(), 0600) == 0);
  auto r = read_all_docs({t.path.string()});
  std::vector<std::string> ids;
  for (const auto& d : r.docs) ids.push_back(d.id);
  CHECK(ids == std::vector<std::string>{"a.md", "j", "2.txt", "c.html"});
  REQUIRE(r.warnings.size() == 2);
  CHECK_THAT(r.warnings[0], Catch::Contains("0-dangling.txt: cannot open"));
  CHECK_THAT(r.warnings[1], Catch::Contains("3.fifo: cannot read: not a regular file"));
  CHECK(r.failed == 2);

  InputOptions only;
  only.include = {"*.txt", "*.md"};
  only.exclude = {"b"};
  auto f = read_all_docs({t.path.string()}, only);
  REQUIRE(f.docs.size() == 1);
  CHECK(f.docs[0].id == "a.md");
}

TEST_CASE("inputs: a missing path is a warning for open_inputs, an exception for open_input") {
  TempDir t;
  auto ok = t.write("ok.txt", "ok");
  auto r = read_all_docs({(t.path / "nope.jsonl").string(), ok});
  REQUIRE(r.docs.size() == 1);
  CHECK(r.failed == 1);
  REQUIRE(r.warnings.size() == 1);
  CHECK_THAT(r.warnings[0], Catch::Contains("nope.jsonl: cannot open"));
  CHECK_THROWS_WITH(open_input((t.path / "nope.jsonl").string(), {}),
                    Catch::Contains("nope.jsonl"));
}

TEST_CASE("inputs: --input-format overrides the extension; progress counts bytes") {
  TempDir t;
  auto p = t.write("posts.txt", "{\"id\":\"x\",\"text\":\"a\"}\n{\"id\":\"y\",\"text\":\"b\"}\n");
  InputOptions opt;
  opt.format = "jsonl";
  auto reader = open_inputs({p}, opt);
  CHECK(reader->bytes_total() == 44);
  Document d;
  std::vector<std::string> ids;
  while (reader->next(d)) ids.push_back(d.id);
  CHECK(ids == std::vector<std::string>{"x", "y"});
  CHECK(reader->bytes_read() == 44);
  opt.format = "yaml";
  auto bad = open_inputs({p}, opt);
  CHECK_THROWS_WITH(bad->next(d), Catch::Contains("unknown input format \"yaml\""));
}
