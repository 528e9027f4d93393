// The HTML report opened in a real browser (Debian's headless Chromium): the DOM it builds holds
// the highlights, the citation links, the summary and the timeline.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <regex>

#include "fixture.hpp"

using namespace veille;
using namespace veille::test;

namespace {

const char* kChromium = "/usr/bin/chromium";

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("html: the report renders in headless Chromium with highlights and citation links") {
  if (access(kChromium, X_OK) != 0) {
    WARN("SKIPPED: " << kChromium << " is not installed (apt-get install chromium)");
    return;
  }
  const std::string dir = temp_dir();
  ReportOptions o;
  o.show_suppressed = true;
  write_text(dir + "/report.html", render(fixed_run(), "html", o));
  const std::string cmd =
      std::string("timeout 120 ") + kChromium +
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
      " --disable-background-networking --disable-component-update --disable-sync"
      " --user-data-dir=" +
      dir + "/profile --dump-dom file://" + dir + "/report.html > " + dir + "/dom.html 2> " + dir +
      "/chromium.log";
  REQUIRE(run_command(cmd) == 0);
  const std::string dom = read_text(dir + "/dom.html");
  INFO(dom.substr(0, 2000));
  // The parsed DOM (not our bytes): Chromium re-serializes what it built.
  CHECK(dom.find("<html lang=\"fr\">") != std::string::npos);
  // Highlights: overlapping spans merge into one mark — p1's two findings, and article.md's
  // notice with its suppressed finding (shown with --no-suppress) inside it.
  CHECK(count(dom, "<mark ") == 2);
  CHECK(dom.find("<mark class=\"risk\" id=\"doc-4-m1\" title=\"avis [fr.imprint.missing]") !=
        std::string::npos);
  CHECK(dom.find("<mark class=\"violation\" id=\"doc-1-m1\" title=\"violation "
                 "[fr.results.before-close]") != std::string::npos);
  CHECK(dom.find(">premières estimations, Macron obtiendrait 65,1 % des voix</mark>") !=
        std::string::npos);
  // Escaped content stays text: no <b> element was created from the document or the message.
  CHECK(dom.find("&lt;b&gt;l'institut&lt;/b&gt;") != std::string::npos);
  CHECK(dom.find("<b>") == std::string::npos);
  // Citation links, with their penalties.
  const std::regex link(
      "<a class=\"law\" "
      "href=\"https://www\\.legifrance\\.gouv\\.fr/loda/id/JORFTEXT000000522846/\">"
      "Loi n° 77-808 du 19 juillet 1977, article 11</a>");
  CHECK(std::regex_search(dom, link));
  CHECK(count(dom, "class=\"law\" href=\"https://www.legifrance.gouv.fr/") >= 5);
  CHECK(dom.find("3 750 € d'amende (art. L89)") != std::string::npos);
  // Findings link to their highlight.
  CHECK(dom.find("<a href=\"#doc-1-m1\">") != std::string::npos);
  // Summary, timeline and the error record.
  CHECK(dom.find("<section id=\"summary\">") != std::string::npos);
  CHECK(dom.find("<section id=\"timeline\">") != std::string::npos);
  CHECK(count(dom, "class=\"tl-bar\"") == 2);
  CHECK(dom.find("field text: missing") != std::string::npos);
  // Self-contained: nothing to fetch.
  CHECK(dom.find("<script") == std::string::npos);
  CHECK(dom.find("<link") == std::string::npos);
  CHECK(dom.find(" src=") == std::string::npos);
}
