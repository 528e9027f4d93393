#!/usr/bin/env bash
# Report formats end to end: `veille check --format F -o FILE` for every format on the demo
# corpus, the outputs validated against their schemas (SARIF 2.1.0, docs/schemas/*.json), a
# second run with --baseline of the first reports nothing (exit 0), and moving a paragraph keeps
# the findings' fingerprints.
# usage: report_formats.sh VEILLE_BINARY REPO_ROOT
set -u
BIN=${1:?usage: report_formats.sh VEILLE_BINARY REPO_ROOT}
ROOT=${2:?usage: report_formats.sh VEILLE_BINARY REPO_ROOT}
PY=/usr/bin/python3
VALIDATE="$PY $ROOT/tests/report/validate_json.py"
SCHEMAS=$ROOT/docs/schemas
export VEILLE_DATA_DIR=$ROOT
TMP=$(mktemp -d /tmp/veille-report-formats-XXXXXX)
trap 'rm -rf "$TMP"' EXIT

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# The demo corpus when it is there (its records carry their own times), else a small fixture
# checked as if published on 7 May 2017 at 19:30, before the polls closed.
if [ -f "$ROOT/corpora/demo/weekend.jsonl" ]; then
  INPUT=("$ROOT/corpora/demo/weekend.jsonl" "$ROOT/corpora/demo/dimanche-soir.md")
  AT=()
else
  INPUT=("$ROOT/tests/report/fixtures/demo.jsonl")
  AT=(--at 2017-05-07T19:30:00+02:00)
fi

# run EXPECTED_CODES ARGS...: runs veille check, fails unless its exit code is in EXPECTED_CODES.
run() {
  local expected=$1
  shift
  "$BIN" check "$@" 2>"$TMP/stderr"
  local rc=$?
  case " $expected " in
    *" $rc "*) return 0 ;;
  esac
  fail "veille check $* exited $rc (expected $expected): $(head -c 2000 "$TMP/stderr")"
  return 1
}

# 1. Every format, to a file.
for f in text json jsonl sarif html csv; do
  out="$TMP/first.$f"
  if run "0 1" "${INPUT[@]}" "${AT[@]}" --locale fr --format "$f" -o "$out"; then
    if [ -s "$out" ]; then pass "format $f written"; else fail "format $f: empty output $out"; fi
  fi
done

# 2. Schemas.
$VALIDATE "$SCHEMAS/sarif-schema-2.1.0.json" "$TMP/first.sarif" && pass "sarif valid" ||
  fail "sarif does not validate against SARIF 2.1.0"
$VALIDATE "$SCHEMAS/veille-report.schema.json" "$TMP/first.json" && pass "json valid" ||
  fail "json does not validate against veille-report.schema.json"
$VALIDATE "$SCHEMAS/veille-jsonl.schema.json" "$TMP/first.jsonl" --lines && pass "jsonl valid" ||
  fail "jsonl does not validate against veille-jsonl.schema.json"

# 3. Contents: findings exist, one jsonl line per record, html highlights and law links, csv.
$PY - "$TMP" <<'PYEOF' && pass "contents consistent" || fail "contents"
import json, sys
tmp = sys.argv[1]
report = json.load(open(f"{tmp}/first.json", encoding="utf-8"))
lines = [json.loads(l) for l in open(f"{tmp}/first.jsonl", encoding="utf-8") if l.strip()]
ok = True
def check(cond, what):
    global ok
    if not cond:
        print("  " + what, file=sys.stderr)
        ok = False
check(report["summary"]["findings"] > 0, "no finding on the demo input")
check(len(lines) == len(report["records"]) == report["summary"]["records"],
      f"jsonl lines {len(lines)} / json records {len(report['records'])} / summary differ")
check([l["id"] for l in lines] == [r["id"] for r in report["records"]], "record order differs")
fps = [f["fingerprint"] for r in report["records"] for f in r["findings"]]
check(all(fps), "a finding without fingerprint")
sarif = json.load(open(f"{tmp}/first.sarif", encoding="utf-8"))
check(len(sarif["runs"][0]["results"]) == report["summary"]["findings"], "sarif result count")
html = open(f"{tmp}/first.html", encoding="utf-8").read()
check("<mark " in html, "html without <mark>")
check('class="law" href="https://www.legifrance.gouv.fr/' in html, "html without citation links")
csv = open(f"{tmp}/first.csv", "rb").read()
check(csv.startswith(b"status,source,id,record_line,"), "csv header")
check(csv.count(b"\r\n") >= 1 + report["summary"]["findings"], "csv rows / CRLF")
sys.exit(0 if ok else 1)
PYEOF

# 4. Baseline: a second run with --baseline of the first reports no finding and exits 0.
for f in json jsonl; do
  if run "0" "${INPUT[@]}" "${AT[@]}" --format json --fail-on notice --baseline "$TMP/first.$f" \
      -o "$TMP/second-$f.json"; then
    $PY - "$TMP/first.json" "$TMP/second-$f.json" <<'PYEOF' && pass "baseline ($f): nothing new" ||
import json, sys
first, second = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
s1, s2 = first["summary"], second["summary"]
bad = [f for r in second["records"] for f in r["findings"]]
if bad or s2["findings"] != 0 or s2["suppressed"] != s1["findings"] + s1["suppressed"]:
    print(f"  second run: findings {s2['findings']}, suppressed {s2['suppressed']}, "
          f"first run: findings {s1['findings']}, suppressed {s1['suppressed']}", file=sys.stderr)
    sys.exit(1)
PYEOF
      fail "baseline ($f): second run still reports findings"
  fi
done

# 5. Moving a paragraph keeps fingerprints (content, not position).
mkdir -p "$TMP/move"
P1="Bonjour à tous, voici notre point sur la journée."
P2="Selon les premières estimations qui circulent à Bruxelles, Emmanuel Macron obtiendrait près de 65 % des suffrages."
P3="La participation atteignait 65,3 % à 17 heures, un chiffre publié par le ministère."
printf '%s\n\n%s\n\n%s\n' "$P1" "$P2" "$P3" >"$TMP/move/article.txt"
run "0 1" "$TMP/move/article.txt" --at 2017-05-07T19:30:00+02:00 --format json -o "$TMP/move1.json"
printf '%s\n\n%s\n\n%s\n\n\n%s\n' "$P3" "$P1" "Un paragraphe ajouté avant." "$P2" \
  >"$TMP/move/article.txt"
run "0 1" "$TMP/move/article.txt" --at 2017-05-07T19:30:00+02:00 --format json -o "$TMP/move2.json"
$PY - "$TMP/move1.json" "$TMP/move2.json" <<'PYEOF' && pass "moved paragraph keeps fingerprints" ||
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
def fps(report):
    return sorted((f["rule"], f["fingerprint"]) for r in report["records"] for f in r["findings"])
def lines(report):
    return sorted(f["line"] for r in report["records"] for f in r["findings"])
if not fps(a):
    print("  no finding in the paragraph test: nothing to compare", file=sys.stderr); sys.exit(1)
if lines(a) == lines(b):
    print("  the findings did not move: the test proves nothing", file=sys.stderr); sys.exit(1)
if fps(a) != fps(b):
    print(f"  fingerprints changed: {fps(a)} -> {fps(b)}", file=sys.stderr); sys.exit(1)
PYEOF
  fail "moving a paragraph changed fingerprints"
if run "0" "$TMP/move/article.txt" --at 2017-05-07T19:30:00+02:00 --format jsonl --fail-on notice \
    --baseline "$TMP/move1.json" -o "$TMP/move3.jsonl"; then
  pass "baseline after moving a paragraph: exit 0"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all report format checks passed"
