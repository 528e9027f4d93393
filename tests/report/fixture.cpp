#include "fixture.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace veille::test {

namespace {

using namespace std::chrono;

// Paris summer time is UTC+2 in May 2017.
Instant paris(int y, unsigned mo, unsigned d, int h, int mi) {
  return sys_days{year{y} / month{mo} / day{d}} + hours{h - 2} + minutes{mi};
}

Finding finding_at(const Document& doc, std::string_view needle, std::string rule,
                   std::vector<const Law*> cites, Severity sev) {
  const std::size_t start = doc.text.find(needle);
  if (start == std::string::npos) throw std::logic_error("fixture: needle not found");
  Finding f;
  f.rule = std::move(rule);
  f.cites = std::move(cites);
  f.severity = sev;
  f.start = start;
  f.end = start + needle.size();
  // line / column (code points) / UTF-16 offsets, computed the plain way.
  std::size_t line = 1, col = 1, u16 = 0;
  for (std::size_t i = 0; i < start; ++i) {
    const auto c = static_cast<unsigned char>(doc.text[i]);
    if ((c & 0xC0) != 0x80) {
      u16 += c >= 0xF0 ? 2 : 1;
      ++col;
    }
    if (c == '\n') {
      ++line;
      col = 1;
    }
  }
  std::size_t u16_len = 0;
  for (unsigned char c : needle)
    if ((c & 0xC0) != 0x80) u16_len += c >= 0xF0 ? 2 : 1;
  f.line = line;
  f.column = col;
  f.utf16_start = u16;
  f.utf16_end = u16 + u16_len;
  f.matched = std::string(needle);
  f.excerpt = "…" + std::string(needle) + "…";
  f.zone = "Europe/Paris";
  return f;
}

Run build() {
  Run run;
  run.laws.reserve(3);
  run.laws.push_back(Law{"fr:code-electoral:L52-2", "Code électoral, article L52-2",
                         "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006070239/"
                         "LEGISCTA000006148458/",
                         "3 750 € d'amende (art. L89)", "3,750 € fine (art. L89)",
                         Confidence::verified, "legal brief 1.8", ""});
  run.laws.push_back(Law{"fr:loi-77-808:art-11", "Loi n° 77-808 du 19 juillet 1977, article 11",
                         "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000522846/",
                         "75 000 € d'amende (art. 12)", "75,000 € fine (art. 12)",
                         Confidence::verified, "legal brief 1.16", ""});
  run.laws.push_back(Law{"fr:code-electoral:L52-1", "Code électoral, article L52-1",
                         "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006070239/"
                         "LEGISCTA000006148458/",
                         "", "", Confidence::partly_verified, "legal brief", ""});
  const Law* l52_2 = &run.laws[0];
  const Law* art11 = &run.laws[1];
  const Law* l52_1 = &run.laws[2];

  Window embargo;
  embargo.name = "results-embargo";
  embargo.election = "fr-presidentielle-2017";
  embargo.kind = "presidentielle";
  embargo.round = 2;
  embargo.cites = {"fr:code-electoral:L52-2"};
  embargo.territory = "FR";
  embargo.from = paris(2017, 5, 7, 8, 0);
  embargo.until = paris(2017, 5, 7, 20, 0);
  Window blackout = embargo;
  blackout.name = "poll-blackout";
  blackout.cites = {"fr:loi-77-808:art-11"};
  blackout.from = paris(2017, 5, 6, 0, 0);
  blackout.confidence = Confidence::partly_verified;

  // 1. A post with two overlapping findings, an e-mail and a handle.
  Document a;
  a.id = "p1";
  a.id_given = true;
  a.source = "corpus/posts.jsonl";
  a.line = 1;
  a.ordinal = 0;
  a.text =
      "Soirée électorale 🗳\nSelon les premières estimations, Macron obtiendrait 65,1 % des "
      "voix "
      "!\nÉcrivez à jean.dupont@example.org ou à @jdupont.";
  Result ra;
  ra.published_at = paris(2017, 5, 7, 19, 31);
  ra.zone = "Europe/Paris";
  ra.lang = "fr";
  {
    Finding f = finding_at(a, "premières estimations, Macron obtiendrait 65,1 %",
                           "fr.results.before-close", {l52_2}, Severity::violation);
    f.message =
        "Résultat ou estimation publié avant la fermeture du dernier bureau de vote "
        "(20:00) ; contact : @jdupont";
    f.window = embargo;
    f.lawful_from = embargo.until;
    f.fingerprint = "3f2a9c0d1e4b5a69";
    f.trace = {"regex estimations at 27..49", "window results-embargo"};
    ra.findings.push_back(f);
    Finding g = finding_at(a, "65,1 % des voix", "fr.polls.eve-and-day", {art11}, Severity::risk);
    g.message = "Sondage ou estimation publié la veille ou le jour du scrutin";
    g.window = blackout;
    g.lawful_from = blackout.until;
    g.fingerprint = "a1b2c3d4e5f60718";
    ra.findings.push_back(g);
  }

  // 2. A record that could not be read.
  Document b;
  b.id = "p2";
  b.source = "corpus/posts.jsonl";
  b.line = 2;
  b.ordinal = 1;
  b.error = "corpus/posts.jsonl:2: field text: missing";
  Result rb;
  rb.status = Result::Status::error;
  rb.error = b.error;

  // 3. Clean, with a notice.
  Document c;
  c.id = "p3";
  c.source = "corpus/posts.jsonl";
  c.line = 3;
  c.ordinal = 2;
  c.text = "Bonne journée à tous.";
  Result rc;
  rc.published_at = paris(2030, 1, 1, 12, 0) + hours{1};  // winter: +01:00
  rc.zone = "Europe/Paris";
  rc.lang = "fr";
  Notice n;
  n.code = "time-outside-calendar";
  n.params = {{"at", "2030-01-01T12:00:00+01:00"}, {"calendar", "fr-calendar 2026.1"}};
  n.message = "the publication time is outside the period the election calendar covers";
  rc.notices.push_back(n);
  Notice unknown;
  unknown.code = "some-future-code";
  unknown.params = {{"x", "42"}};
  unknown.message = "a notice the locales do not know yet ({x})";
  rc.notices.push_back(unknown);

  // 4. A whole file: quotes, commas, a finding without window, a suppressed one.
  Document d;
  d.id = "corpus/article.md";
  d.source = "corpus/article.md";
  d.line = 0;
  d.ordinal = 3;
  d.text =
      "# Tract\n\n<!-- veille-ignore fr.polls.eve-and-day: quoted from the AFP wire -->\nIl a "
      "dit : \"c'est fait, 52 %\", selon <b>l'institut</b>.\n";
  Result rd;
  rd.published_at = paris(2017, 5, 7, 19, 45);
  rd.zone = "Europe/Paris";
  rd.lang = "fr";
  {
    Finding f =
        finding_at(d, "\"c'est fait, 52 %\"", "fr.imprint.missing", {l52_1}, Severity::notice);
    f.message = "Mention \"imprimeur\" absente, <b> & co";
    f.missing = {"imprimeur", "éditeur"};
    f.fingerprint = "0000ffff1111eeee";
    rd.findings.push_back(f);
    Finding g = finding_at(d, "52 %", "fr.polls.eve-and-day", {art11}, Severity::risk);
    g.message = "Sondage cité la veille ou le jour du scrutin";
    g.window = blackout;
    g.lawful_from = blackout.until;
    g.fingerprint = "9999aaaa8888bbbb";
    g.suppressed = true;
    g.suppression = "inline: quoted from the AFP wire";
    rd.findings.push_back(g);
  }

  run.docs = {a, b, c, d};
  run.results = {ra, rb, rc, rd};
  run.info.tool_version = "0.1.0";
  run.info.rules_version = "fr-core 1.0.0";
  run.info.calendar_version = "fr-calendar 2026.1";
  run.info.locale = "fr";
  run.info.inputs = {"corpus/posts.jsonl", "corpus/article.md"};
  run.info.at = "2017-05-07T19:31:00+02:00";
  for (std::size_t i = 0; i < run.docs.size(); ++i)
    count_result(run.summary, run.docs[i], run.results[i]);
  return run;
}

}  // namespace

const Run& fixed_run() {
  static const Run run = build();
  return run;
}

std::string render(const Run& run, std::string_view format, ReportOptions options) {
  if (options.locale_dir.empty()) options.locale_dir = source_dir() + "/locales";
  std::ostringstream out;
  auto writer = make_writer(format, options, out);
  RunInfo info = run.info;
  info.locale = options.locale;
  writer->begin(info);
  for (std::size_t i = 0; i < run.docs.size(); ++i) writer->write(run.docs[i], run.results[i]);
  writer->end(run.summary);
  return out.str();
}

std::string source_dir() {
  return VEILLE_SOURCE_DIR;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << text;
}

namespace {
// Temporary directories made by the tests, removed when the test program ends.
struct TempDirs {
  std::vector<std::string> paths;
  ~TempDirs() {
    std::error_code ec;
    for (const auto& p : paths) std::filesystem::remove_all(p, ec);
  }
};
TempDirs temp_dirs;
}  // namespace

std::string temp_dir() {
  std::string tmpl = "/tmp/veille-report-test-XXXXXX";
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  temp_dirs.paths.push_back(tmpl);
  return tmpl;
}

int run_command(const std::string& command) {
  const int status = std::system(command.c_str());
  if (status == -1) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

}  // namespace veille::test
