// Where the built-in data (rule packs, calendars, locales) is found.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "veille/build_config.hpp"
#include "veille/checker.hpp"

namespace veille {
namespace {

bool has_data(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_directory(dir / "rules" / "calendars", ec);
}

std::filesystem::path executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path{} : exe.parent_path();
}

}  // namespace

std::string data_dir() {
  if (const char* env = std::getenv("VEILLE_DATA_DIR"); env && *env) return env;
  // Installed layout: <prefix>/bin/veille and <prefix>/share/veille.
  if (auto exe = executable_dir(); !exe.empty()) {
    if (auto installed = exe.parent_path() / "share" / "veille"; has_data(installed))
      return installed.string();
  }
  // Development layout: the source tree the binary was built from.
  return VEILLE_SOURCE_DATA_DIR;
}

std::vector<std::string> builtin_calendar_files() {
  const std::string dir = data_dir() + "/rules/calendars";
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".xml") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw CalendarError(dir + ": no calendar file (*.xml) found");
  return files;
}

}  // namespace veille
