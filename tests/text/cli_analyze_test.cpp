// `veille analyze` end to end, when the binary has been built (the text tests link only the
// text stage, so the binary may be missing: then this test only warns).
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {
std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}
}  // namespace

TEST_CASE("cli: veille analyze --format json on the issue's example", "[cli]") {
  const std::string bin = VEILLE_BINARY;
  if (!std::filesystem::exists(bin)) {
    WARN("veille binary not built; skipped: " << bin);
    return;
  }
  const auto input = std::filesystem::temp_directory_path() / "veille_analyze_test.txt";
  {
    std::ofstream f(input, std::ios::binary);
    f << "L’élection : Mаcron à 52,3\xe2\x80\xaf% à 20h30 #MacronLeaks";  // Cyrillic а
  }
  const std::string out = run("'" + bin + "' analyze --format json '" + input.string() + "'");
  std::filesystem::remove(input);
  CHECK(out.find("\"lang\":\"fr\"") != std::string::npos);
  CHECK(out.find("{\"text\":\"L’\",\"kind\":\"word\",\"start\":0,\"end\":4,\"folded\":\"l'\"") !=
        std::string::npos);
  CHECK(out.find("{\"text\":\"élection\",\"kind\":\"word\",\"start\":4,\"end\":13,\"folded\":"
                 "\"election\",\"lemmas\":[\"election\"]") != std::string::npos);
  CHECK(out.find("\"kind\":\"word\",\"start\":16,\"end\":23,\"folded\":\"macron\"") !=
        std::string::npos);
  CHECK(out.find("\"kind\":\"percent\",\"start\":27,\"end\":35,\"folded\":\"52,3 %\"") !=
        std::string::npos);
  CHECK(out.find("{\"text\":\"20h30\",\"kind\":\"time\"") != std::string::npos);
  CHECK(out.find("{\"text\":\"#MacronLeaks\",\"kind\":\"hashtag\",\"start\":45,\"end\":57,"
                 "\"folded\":\"#macronleaks\",\"lemmas\":[],\"parts\":[\"macron\",\"leaks\"]") !=
        std::string::npos);
}
