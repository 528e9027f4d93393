// JSON-lines reader: the record schema, --field mappings, and every bad line -> one error record.
#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace veille;
using namespace veille::test;

TEST_CASE("jsonl: schema fields, ids, raw published_at, unknown fields ignored") {
  TempDir t;
  auto p = t.write("posts.jsonl",
                   "{\"id\":\"p1\",\"text\":\"Bonjour \\u00e9lecteurs\",\"title\":\"T\","
                   "\"published_at\":\"2017-05-07T19:31:00+02:00\",\"territory\":\"gp\","
                   "\"lang\":\"fr-FR\",\"author_role\":\"candidate\",\"sponsored\":true,"
                   "\"url\":\"https://x.example/1\",\"author\":\"@a\",\"extra\":{\"deep\":[1,2]}}\n"
                   "{\"id\":12345678901234567890,\"text\":\"n\",\"published_at\":1494178260}\n"
                   "\n"
                   "{\"text\":\"no id\",\"published_at\":1494178260123,\"sponsored\":null}\r\n");
  auto r = read_all_docs({p});
  REQUIRE(r.docs.size() == 3);
  const auto& a = r.docs[0];
  CHECK(a.error.empty());
  CHECK(a.id == "p1");
  CHECK(a.id_given);
  CHECK(a.text == "Bonjour \xC3\xA9lecteurs");
  CHECK(a.meta.title == "T");
  CHECK(a.meta.published_at == "2017-05-07T19:31:00+02:00");
  CHECK(a.meta.territory == "GP");
  CHECK(a.meta.lang == "fr");
  CHECK(a.meta.author_role == AuthorRole::candidate);
  CHECK(a.meta.sponsored == std::optional<bool>(true));
  CHECK(a.meta.url == "https://x.example/1");
  CHECK(a.meta.author == "@a");
  CHECK(a.line == 1);
  CHECK(a.source == p);
  CHECK(r.docs[1].id == "12345678901234567890");
  CHECK(r.docs[1].meta.territory.empty());  // not given: the CLI default applies
  CHECK(r.docs[1].meta.published_at == "1494178260");
  CHECK(r.docs[2].id == "4");  // absent id -> line number (blank line 3 is not a record)
  CHECK_FALSE(r.docs[2].id_given);
  CHECK(r.docs[2].meta.published_at == "1494178260123");
  CHECK_FALSE(r.docs[2].meta.sponsored.has_value());
  CHECK(r.docs[2].text == "no id");
  for (std::size_t i = 0; i < r.docs.size(); ++i) CHECK(r.docs[i].ordinal == i);
}

TEST_CASE("jsonl: --field mappings with dotted paths (Twitter-like)") {
  TempDir t;
  auto p = t.write(
      "tweets.jsonl",
      "{\"id\":1,\"id_str\":\"860000000000088815\",\"full_text\":\"Votez !\","
      "\"created_at\":\"Sun May 07 17:31:00 +0000 2017\","
      "\"user\":{\"id\":9,\"screen_name\":\"jdupont\",\"lang\":\"fr\"},\"text\":\"short\"}\n");
  InputOptions opt;
  for (const char* f : {"text=full_text", "published_at=created_at", "id=id_str",
                        "author=user.screen_name", "lang=user.lang"})
    opt.fields.push_back(parse_field_mapping(f));
  auto r = read_all_docs({p}, opt);
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].error.empty());
  CHECK(r.docs[0].id == "860000000000088815");
  CHECK(r.docs[0].text == "Votez !");
  CHECK(r.docs[0].meta.published_at == "Sun May 07 17:31:00 +0000 2017");
  CHECK(r.docs[0].meta.author == "jdupont");
  CHECK(r.docs[0].meta.lang == "fr");
}

TEST_CASE("jsonl: --field specs are validated") {
  CHECK(parse_field_mapping("text=full_text") ==
        std::pair<std::string, std::string>{"text", "full_text"});
  CHECK_THROWS_WITH(parse_field_mapping("body=x"), Catch::Contains("unknown field name \"body\""));
  CHECK_THROWS_WITH(parse_field_mapping("text="), Catch::Contains("NAME=PATH"));
  CHECK_THROWS_WITH(parse_field_mapping("text=a..b"), Catch::Contains("NAME=PATH"));
}

TEST_CASE("jsonl: each bad line yields one error record naming source, line, field and value") {
  TempDir t;
  struct Case {
    const char* line;
    const char* expect;
  };
  const Case cases[] = {
      {"[1,2,3]", ":1: not a JSON object (got an array)"},
      {"{\"id\":\"b\",\"text\":\"x\"", ":2: invalid JSON"},
      {"{\"id\":\"c\"}", ":3: missing field \"text\""},
      {"{\"id\":\"d\",\"text\":42}", ":4: field \"text\": expected a string, got a number 42"},
      {"{\"id\":\"e\",\"text\":\"x\",\"author_role\":\"ceo\"}",
       ":5: field \"author_role\": unknown value \"ceo\""},
      {"{\"id\":\"f\",\"text\":\"x\",\"territory\":\"France\"}",
       ":6: field \"territory\": \"France\" is not an ISO 3166-1 alpha-2 code"},
      {"{\"id\":\"g\",\"text\":\"x\",\"sponsored\":\"yes\"}",
       ":7: field \"sponsored\": expected true or false, got a string \"yes\""},
      {"{\"id\":\"h\",\"text\":\"x\"} trailing", ":8: invalid JSON"},
      {"{\"id\":[1],\"text\":\"x\"}", ":9: field \"id\": expected a string or a number"},
      {"{\"id\":\"j\",\"text\":\"\xff\xfe bad utf8\"}", ":10: invalid JSON"},
      {"\"just a string\"", ":11: not a JSON object (got a string)"},
      {"{\"id\":\"l\",\"text\":\"ok\",\"lang\":\"fran\xC3\xA7"
       "ais\"}",
       ":12: field \"lang\": \"fran\xC3\xA7"
       "ais\" is not an ISO 639-1 language code"},
  };
  std::string body;
  for (const auto& c : cases) body += std::string(c.line) + "\n";
  body += "{\"id\":\"last\",\"text\":\"still read\"}\n";
  auto p = t.write("bad.jsonl", body);
  auto r = read_all_docs({p});
  REQUIRE(r.docs.size() == std::size(cases) + 1);
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    INFO(cases[i].line);
    CHECK_THAT(r.docs[i].error, Catch::StartsWith(p) && Catch::Contains(cases[i].expect));
    CHECK(r.docs[i].line == i + 1);
    CHECK(r.docs[i].text.empty());
  }
  CHECK(r.docs[2].id == "c");  // the id is kept when it was read
  CHECK(r.docs[0].id == "1");  // else the line number
  CHECK(r.docs.back().error.empty());
  CHECK(r.docs.back().text == "still read");
}

TEST_CASE("jsonl: a 50 MB single line is read whole; over the cap it is one error record") {
  TempDir t;
  std::string big(50u << 20, 'a');
  for (std::size_t i = 0; i < big.size(); i += 97) big[i] = ' ';
  auto p = t.write("big.jsonl", "{\"id\":\"big\",\"text\":\"" + big +
                                    "\"}\n{\"id\":\"after\",\"text\":\"ok\"}\n");
  {
    auto r = read_all_docs({p});
    REQUIRE(r.docs.size() == 2);
    CHECK(r.docs[0].error.empty());
    CHECK(r.docs[0].text.size() == big.size());
    CHECK(r.docs[1].id == "after");
  }
  InputOptions small;
  small.max_record_bytes = 8u << 20;
  auto r = read_all_docs({p}, small);
  REQUIRE(r.docs.size() == 2);
  CHECK_THAT(
      r.docs[0].error,
      Catch::Contains(":1: line of 52428822 bytes exceeds the record size cap (8388608 bytes"));
  CHECK(r.docs[1].id == "after");
  CHECK(r.docs[1].error.empty());
}

TEST_CASE("jsonl: a gzipped file is read; a truncated one ends with an error record") {
  auto gz = fixture("posts.jsonl.gz");
  auto r = read_all_docs({gz});
  REQUIRE(r.docs.size() == 3);
  CHECK(r.docs[0].id == "gz-1");
  CHECK(r.docs[0].text == "Premier post compress\xC3\xA9");
  CHECK(r.docs[1].id == "2");
  CHECK(r.docs[1].meta.published_at == "1650819600");
  CHECK(r.docs[2].id == "3");

  TempDir t;
  std::string bytes = slurp(gz);
  REQUIRE(bytes.size() > 40);
  auto cut = t.write("cut.jsonl.gz", bytes.substr(0, bytes.size() - 12));
  auto rc = read_all_docs({cut, gz});
  REQUIRE(rc.docs.size() >= 2);
  // Whatever lines were complete come first, then one error record, then the next file.
  std::size_t err = 0;
  while (err < rc.docs.size() && rc.docs[err].error.empty()) ++err;
  REQUIRE(err < rc.docs.size());
  CHECK_THAT(rc.docs[err].error, Catch::Contains(cut) && Catch::Contains("truncated gzip"));
  REQUIRE(rc.docs.size() == err + 1 + 3);
  CHECK(rc.docs[err + 1].id == "gz-1");
}

TEST_CASE("jsonl: content sniffing picks JSON-lines for a file without extension") {
  TempDir t;
  auto p = t.write("dump", "{\"id\":\"s\",\"text\":\"sniffed\"}\n");
  auto r = read_all_docs({p});
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].text == "sniffed");
}
