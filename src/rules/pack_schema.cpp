// The rule-pack schema, compiled in (a copy of rules/schema/pack.rng; tests/rules checks that
// both are identical, so edit the .rng file and regenerate this one).
#include "veille/rules.hpp"

namespace veille {

std::string_view pack_schema() {
  static constexpr std::string_view text = R"RNG(<?xml version="1.0" encoding="UTF-8"?>
<!-- veille rule-pack format v1 (docs/rules-guide.md). Policy checks that a schema cannot express
     (declared citations, both messages, both example kinds, unique ids, known windows, RE2
     patterns that compile ...) are done by the loader after validation. -->
<grammar xmlns="http://relaxng.org/ns/structure/1.0"
         datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start>
    <element name="pack">
      <attribute name="id"><data type="string"><param name="pattern">[a-z][a-z0-9-]*</param></data></attribute>
      <optional><attribute name="version"><data type="string"><param name="pattern">[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?</param></data></attribute></optional>
      <optional><attribute name="jurisdiction"><data type="string"><param name="pattern">[a-z]{2}(-[a-z0-9]+)?</param></data></attribute></optional>
      <zeroOrMore>
        <choice><ref name="law"/><ref name="lexicon"/><ref name="rule"/></choice>
      </zeroOrMore>
    </element>
  </start>

  <define name="law">
    <element name="law">
      <attribute name="id"><data type="string"><param name="pattern">[a-z]{2}:[a-z0-9-]+:[A-Za-z0-9.-]+</param></data></attribute>
      <optional><attribute name="confidence"><choice><value>verified</value><value>partly-verified</value><value>unverified</value></choice></attribute></optional>
      <interleave>
        <element name="title"><text/></element>
        <optional><element name="url"><data type="anyURI"/></element></optional>
        <zeroOrMore><element name="penalty"><attribute name="lang"><choice><value>fr</value><value>en</value></choice></attribute><text/></element></zeroOrMore>
        <optional><element name="source"><text/></element></optional>
        <optional><element name="note"><text/></element></optional>
      </interleave>
    </element>
  </define>

  <define name="lexicon">
    <element name="lexicon">
      <attribute name="id"><data type="string"><param name="pattern">[a-z][a-z0-9_-]*</param></data></attribute>
      <optional><attribute name="election"><data type="string"><param name="pattern">[a-z0-9-]+</param></data></attribute></optional>
      <oneOrMore><element name="entry"><text/></element></oneOrMore>
    </element>
  </define>

  <define name="rule">
    <element name="rule">
      <attribute name="id"><data type="string"><param name="pattern">[a-z0-9]+(\.[a-z0-9-]+)+</param></data></attribute>
      <attribute name="severity"><ref name="severity-value"/></attribute>
      <attribute name="windows"><data type="token"/></attribute>
      <optional><attribute name="elections"><data type="token"/></attribute></optional>
      <optional><attribute name="languages"><data type="token"/></attribute></optional>
      <optional><attribute name="scope"><data type="token"/></attribute></optional>
      <optional><attribute name="tags"><data type="token"/></attribute></optional>
      <optional><attribute name="paragraphs"><choice><value>whole</value><value>each</value></choice></attribute></optional>
      <interleave>
        <zeroOrMore><element name="cite"><attribute name="ref"><data type="token"/></attribute><empty/></element></zeroOrMore>
        <zeroOrMore><element name="severity"><attribute name="role"><data type="token"/></attribute><ref name="severity-value"/></element></zeroOrMore>
        <zeroOrMore><element name="message"><attribute name="lang"><choice><value>fr</value><value>en</value></choice></attribute><text/></element></zeroOrMore>
        <zeroOrMore><element name="anchor"><text/></element></zeroOrMore>
        <element name="when"><ref name="condition"/></element>
        <zeroOrMore><ref name="example"/></zeroOrMore>
      </interleave>
    </element>
  </define>

  <define name="severity-value">
    <choice><value>violation</value><value>risk</value><value>notice</value></choice>
  </define>

  <define name="example">
    <element name="example">
      <attribute name="expect"><choice><value>match</value><value>no-match</value></choice></attribute>
      <optional><attribute name="at"><data type="string"/></attribute></optional>
      <optional><attribute name="territory"><data type="string"/></attribute></optional>
      <optional><attribute name="role"><data type="token"/></attribute></optional>
      <optional><attribute name="lang"><data type="token"/></attribute></optional>
      <optional><attribute name="sponsored"><choice><value>true</value><value>false</value></choice></attribute></optional>
      <mixed><optional><element name="m"><text/></element></optional></mixed>
    </element>
  </define>

  <define name="name-attr">
    <optional><attribute name="name"><data type="string"><param name="pattern">[A-Za-z0-9_ .'-]+</param></data></attribute></optional>
  </define>

  <define name="token-test">
    <choice>
      <attribute name="form"><data type="string"><param name="minLength">1</param></data></attribute>
      <attribute name="lemma"><data type="string"><param name="minLength">1</param></data></attribute>
      <attribute name="lexicon"><data type="token"/></attribute>
      <attribute name="shape"><choice><value>capitalized</value></choice></attribute>
      <attribute name="kind">
        <choice><value>word</value><value>number</value><value>percent</value><value>time</value><value>hashtag</value><value>mention</value><value>url</value><value>email</value><value>emoji</value></choice>
      </attribute>
    </choice>
  </define>

  <define name="condition">
    <choice>
      <element name="regex"><ref name="name-attr"/><data type="string"><param name="minLength">1</param></data></element>
      <element name="word"><ref name="name-attr"/><ref name="token-test"/><empty/></element>
      <element name="phrase">
        <ref name="name-attr"/>
        <oneOrMore>
          <choice>
            <element name="t"><ref name="token-test"/><empty/></element>
            <element name="gap"><attribute name="max"><data type="nonNegativeInteger"/></attribute><empty/></element>
          </choice>
        </oneOrMore>
      </element>
      <element name="all"><ref name="name-attr"/><oneOrMore><ref name="condition"/></oneOrMore></element>
      <element name="any"><ref name="name-attr"/><oneOrMore><ref name="condition"/></oneOrMore></element>
      <element name="not"><ref name="name-attr"/><ref name="condition"/></element>
      <element name="near">
        <ref name="name-attr"/>
        <optional><attribute name="distance"><data type="positiveInteger"/></attribute></optional>
        <optional><attribute name="unit"><choice><value>tokens</value><value>sentence</value><value>paragraph</value></choice></attribute></optional>
        <ref name="condition"/>
        <oneOrMore><ref name="condition"/></oneOrMore>
      </element>
      <element name="count">
        <ref name="name-attr"/>
        <attribute name="min"><data type="positiveInteger"/></attribute>
        <ref name="condition"/>
      </element>
      <element name="absent">
        <attribute name="name"><data type="string"><param name="pattern">[A-Za-z0-9_ .'-]+</param></data></attribute>
        <ref name="condition"/>
      </element>
      <element name="meta">
        <optional><attribute name="author_role"><data type="token"/></attribute></optional>
        <optional><attribute name="sponsored"><choice><value>true</value><value>false</value></choice></attribute></optional>
        <optional><attribute name="lang"><data type="token"/></attribute></optional>
        <optional><attribute name="territory"><data type="token"/></attribute></optional>
        <empty/>
      </element>
      <element name="model">
        <attribute name="file"><data type="string"><param name="minLength">1</param></data></attribute>
        <attribute name="cite"><data type="string"><param name="minLength">1</param></data></attribute>
        <optional><attribute name="threshold"><data type="decimal"><param name="minInclusive">0</param><param name="maxInclusive">1</param></data></attribute></optional>
        <empty/>
      </element>
    </choice>
  </define>
</grammar>
)RNG";
  return text;
}

}  // namespace veille
