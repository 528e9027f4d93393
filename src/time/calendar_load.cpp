// Calendar::load: libxml2 parse, RelaxNG validation (rules/schema/calendar.rng), then the checks a
// schema cannot express. Every error names file:line and the fact at fault.
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include "veille/build_config.hpp"
#include "veille/time.hpp"

namespace veille {
namespace {

using namespace std::chrono;

// The schema: $VEILLE_DATA_DIR/rules/schema, else next to the first calendar file
// (rules/calendars/../schema, which also holds for an installed data dir), else the source tree.
std::string default_schema(const std::vector<std::string>& files) {
  namespace fs = std::filesystem;
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("VEILLE_DATA_DIR"); env && *env)
    candidates.push_back(fs::path(env) / "rules" / "schema" / "calendar.rng");
  if (!files.empty())
    candidates.push_back(fs::path(files.front()).parent_path() / ".." / "schema" / "calendar.rng");
  candidates.push_back(fs::path(VEILLE_SOURCE_DATA_DIR) / "rules" / "schema" / "calendar.rng");
  for (const auto& p : candidates) {
    std::error_code ec;
    if (fs::exists(p, ec)) return p.lexically_normal().string();
  }
  return candidates.back().string();
}

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct SchemaFree {
  void operator()(xmlRelaxNG* s) const { xmlRelaxNGFree(s); }
};
struct ParserCtxtFree {
  void operator()(xmlRelaxNGParserCtxt* c) const { xmlRelaxNGFreeParserCtxt(c); }
};
struct ValidCtxtFree {
  void operator()(xmlRelaxNGValidCtxt* c) const { xmlRelaxNGFreeValidCtxt(c); }
};

struct Errors {
  std::vector<std::string> lines;
};

void collect_error(void* user, xmlErrorPtr err) {
  if (!err) return;
  auto* errors = static_cast<Errors*>(user);
  std::string msg = err->message ? err->message : "unknown error";
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  std::string where = err->file ? err->file : "";
  // libxml2 often says only "failed to validate attributes": quote the element as written so
  // that the fact at fault is visible.
  if (auto* node = static_cast<xmlNode*>(err->node); node && node->type == XML_ELEMENT_NODE) {
    // Built with append: GCC 12 at -O2 warns falsely (-Wrestrict) on chained operator+.
    std::string element = "<";
    element.append(reinterpret_cast<const char*>(node->name));
    for (xmlAttr* a = node->properties; a; a = a->next) {
      xmlChar* v = xmlNodeListGetString(node->doc, a->children, 1);
      element.append(" ").append(reinterpret_cast<const char*>(a->name)).append("=\"");
      if (v) element.append(reinterpret_cast<const char*>(v));
      element.append("\"");
      if (v) xmlFree(v);
    }
    msg.append(" in ").append(element).append(">");
  }
  errors->lines.push_back(where + ":" + std::to_string(err->line) + ": " + msg);
}

std::string attr(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

std::string text_of(xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  // collapse whitespace
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

bool is(xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE &&
         xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

bool boolean(const std::string& v) {
  return v == "true" || v == "1";
}

Confidence confidence(const std::string& v) {
  if (v == "partly-verified") return Confidence::partly_verified;
  if (v == "unverified") return Confidence::unverified;
  return Confidence::verified;
}

year_month_day date(const std::string& v) {  // schema-checked xsd:date, YYYY-MM-DD
  const int y = std::stoi(v.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(v.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(v.substr(8, 2)));
  return year{y} / month{m} / day{d};
}

std::string iso(year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return buf;
}

std::vector<std::string> split_ws(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

[[noreturn]] void fail(const std::string& file, long line, const std::string& what) {
  throw CalendarError(file + ":" + std::to_string(line) + ": " + what);
}

Round read_round(xmlNode* n, const std::string& file, const Election& e) {
  Round r;
  r.file = file;
  r.line = static_cast<int>(xmlGetLineNo(n));
  const std::string fact = "election " + e.id + " round " + attr(n, "number");
  r.number = std::stoi(attr(n, "number"));
  const std::string d = attr(n, "date");
  r.date = date(d);
  if (!r.date.ok()) fail(file, r.line, fact + ": date \"" + d + "\" does not exist");
  const std::string close = attr(n, "close");
  r.close_hour = std::stoi(close.substr(0, 2));
  r.close_minute = std::stoi(close.substr(3, 2));
  if (r.close_hour > 20 || (r.close_hour == 20 && r.close_minute > 0))
    fail(file, r.line,
         fact + ": close=\"" + close +
             "\" is after 20:00, the latest closing time decrees allow (brief 1.24)");
  r.decisive = boolean(attr(n, "decisive"));
  if (auto c = attr(n, "confidence"); !c.empty()) r.confidence = confidence(c);
  std::set<std::string> seen;
  for (xmlNode* c = n->children; c; c = c->next) {
    const int line = static_cast<int>(xmlGetLineNo(c));
    if (is(c, "saturday")) {
      r.saturday_territories = split_ws(attr(c, "territories"));
      if (auto cf = attr(c, "confidence"); !cf.empty()) r.saturday_confidence = confidence(cf);
      for (const auto& t : r.saturday_territories) {
        if (t == "FR")
          fail(file, line, fact + ": metropolitan France (FR) cannot vote on the Saturday");
        if (!seen.insert(t).second) fail(file, line, fact + ": territory " + t + " listed twice");
      }
    } else if (is(c, "vote")) {
      Round::LocalVote v;
      v.territory = attr(c, "territory");
      const std::string vd = attr(c, "date");
      v.date = date(vd);
      if (!v.date.ok()) fail(file, line, fact + ": vote date \"" + vd + "\" does not exist");
      if (sys_days{v.date} > sys_days{r.date} || sys_days{v.date} < sys_days{r.date} - days{14})
        fail(file, line,
             fact + ": territory " + v.territory + " vote date " + vd +
                 " must be on or up to 14 days before the metropolitan date " + iso(r.date));
      if (auto cf = attr(c, "confidence"); !cf.empty()) v.confidence = confidence(cf);
      v.note = attr(c, "note");
      if (v.territory == "FR")
        fail(file, line,
             fact + ": metropolitan France votes on the round's date; no <vote> for FR");
      if (!seen.insert(v.territory).second)
        fail(file, line, fact + ": territory " + v.territory + " listed twice");
      r.local_votes.push_back(std::move(v));
    } else if (is(c, "source")) {
      r.source = text_of(c);
    } else if (is(c, "note")) {
      r.note = text_of(c);
    }
  }
  return r;
}

Election read_election(xmlNode* n, const std::string& file) {
  Election e;
  e.file = file;
  e.line = static_cast<int>(xmlGetLineNo(n));
  e.id = attr(n, "id");
  e.kind = attr(n, "kind");
  e.national_general = boolean(attr(n, "national-general"));
  e.single_constituency = boolean(attr(n, "single-constituency"));
  e.provisional = boolean(attr(n, "provisional"));
  if (auto c = attr(n, "confidence"); !c.empty()) e.confidence = confidence(c);
  const std::string fact = "election " + e.id;
  static const std::set<std::string> local = {"municipales", "departementales", "regionales",
                                              "partielle"};
  if (e.national_general && local.count(e.kind))
    fail(file, e.line,
         fact + ": national-general=\"true\" is not allowed for kind " + e.kind +
             " (L163-1/L163-2 cover national general elections only, brief 1.13)");
  for (xmlNode* c = n->children; c; c = c->next) {
    if (is(c, "title"))
      e.title = text_of(c);
    else if (is(c, "source"))
      e.source = text_of(c);
    else if (is(c, "note"))
      e.note = text_of(c);
    else if (is(c, "round"))
      e.rounds.push_back(read_round(c, file, e));
  }
  int decisive = 0;
  for (std::size_t i = 0; i < e.rounds.size(); ++i) {
    const Round& r = e.rounds[i];
    if (r.number != static_cast<int>(i) + 1)
      fail(file, r.line,
           fact + ": round number " + std::to_string(r.number) + " found where round " +
               std::to_string(i + 1) + " was expected");
    if (i > 0 && sys_days{r.date} <= sys_days{e.rounds[i - 1].date})
      fail(file, r.line,
           fact + " round " + std::to_string(r.number) + ": date " + iso(r.date) +
               " is not after round " + std::to_string(i) + " (" + iso(e.rounds[i - 1].date) + ")");
    if (r.decisive) ++decisive;
  }
  if (decisive > 1) fail(file, e.line, fact + ": more than one round marked decisive");
  if (decisive == 0 && !e.rounds.empty()) e.rounds.back().decisive = true;
  return e;
}

}  // namespace

Calendar Calendar::load(const std::vector<std::string>& files, CalendarOptions options) {
  if (files.empty()) throw CalendarError("no calendar file given");
  if (options.late_campaign_hours < 0 || options.late_campaign_hours > 24 * 30)
    throw CalendarError("late_campaign_hours " + std::to_string(options.late_campaign_hours) +
                        " is out of range (0 to 720)");
  xmlInitParser();
  const std::string schema_path = options.schema.empty() ? default_schema(files) : options.schema;

  {
    std::error_code ec;
    if (!std::filesystem::exists(schema_path, ec))
      throw CalendarError(schema_path + ": calendar schema not found");
  }
  Errors schema_errors;
  std::unique_ptr<xmlRelaxNGParserCtxt, ParserCtxtFree> pctxt(
      xmlRelaxNGNewParserCtxt(schema_path.c_str()));
  if (!pctxt) throw CalendarError(schema_path + ": cannot open the calendar schema");
  xmlRelaxNGSetParserStructuredErrors(pctxt.get(), collect_error, &schema_errors);
  std::unique_ptr<xmlRelaxNG, SchemaFree> schema(xmlRelaxNGParse(pctxt.get()));
  if (!schema) {
    std::string msg = schema_path + ": cannot load the calendar schema";
    if (!schema_errors.lines.empty()) msg += ": " + schema_errors.lines.front();
    throw CalendarError(msg);
  }

  Calendar cal;
  cal.options_ = options;
  std::map<std::string, std::string> defined;  // election id -> file:line
  std::string version;
  for (const auto& file : files) {
    Errors parse_errors;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) throw CalendarError(file + ": cannot create an XML parser");
    xmlSetStructuredErrorFunc(&parse_errors, collect_error);
    std::unique_ptr<xmlDoc, DocFree> doc(
        xmlCtxtReadFile(ctxt, file.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOWARNING));
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    xmlFreeParserCtxt(ctxt);
    if (!doc) {
      std::error_code ec;
      if (!std::filesystem::exists(file, ec)) throw CalendarError(file + ": no such file");
      throw CalendarError(parse_errors.lines.empty() ? file + ": not well-formed XML"
                                                     : parse_errors.lines.front());
    }
    Errors valid_errors;
    std::unique_ptr<xmlRelaxNGValidCtxt, ValidCtxtFree> vctxt(xmlRelaxNGNewValidCtxt(schema.get()));
    xmlRelaxNGSetValidStructuredErrors(vctxt.get(), collect_error, &valid_errors);
    if (xmlRelaxNGValidateDoc(vctxt.get(), doc.get()) != 0) {
      std::string msg = valid_errors.lines.empty() ? file + ": does not match the calendar schema"
                                                   : valid_errors.lines.front();
      msg += " (schema " + schema_path + ")";
      throw CalendarError(msg);
    }
    xmlNode* root = xmlDocGetRootElement(doc.get());
    const std::string v = attr(root, "version");
    version += (version.empty() ? "" : "+") + v;
    if (auto issued = attr(root, "issued"); !issued.empty()) {
      const auto d = date(issued);
      if (sys_days{d} > sys_days{cal.issued_}) cal.issued_ = d;
    }
    for (xmlNode* n = root->children; n; n = n->next) {
      if (!is(n, "election")) continue;
      Election e = read_election(n, file);
      const std::string here = file + ":" + std::to_string(e.line);
      if (auto it = defined.find(e.id); it != defined.end())
        fail(file, e.line, "election " + e.id + " is already defined at " + it->second);
      defined.emplace(e.id, here);
      cal.elections_.push_back(std::move(e));
    }
  }
  cal.version_ = version;
  cal.compute_coverage();
  return cal;
}

}  // namespace veille
