#!/usr/bin/env bash
# Issue 2's end-to-end checks: the walking skeleton through every stage.
# usage: foundation.sh VEILLE_BINARY REPO_ROOT
set -uo pipefail
veille=$1
export VEILLE_DATA_DIR=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {  # check DESCRIPTION CONDITION...
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; fail=1; fi
}

text="Macron 65,8 %, Le Pen 34,2 % selon les premières estimations"

echo "$text" | "$veille" check --format jsonl --at 2017-05-07T19:30:00+02:00 - >"$tmp/before.jsonl"
code=$?
check "19:30 exits 1" test "$code" -eq 1
check "19:30 cites L52-2" grep -q '"fr:code-electoral:L52-2"' "$tmp/before.jsonl"
check "19:30 window ends 20:00 Paris" grep -q '"until":"2017-05-07T20:00:00+02:00"' "$tmp/before.jsonl"
check "19:30 lawful from 20:00 Paris" grep -q '"lawful_from":"2017-05-07T20:00:00+02:00"' "$tmp/before.jsonl"

echo "$text" | "$veille" check --at 2017-05-07T19:30:00+02:00 - >"$tmp/before.txt"
check "text report names the rule and citation" grep -q 'L52-2' "$tmp/before.txt"

echo "$text" | "$veille" check --format jsonl --at 2017-05-07T20:30:00+02:00 - >"$tmp/after.jsonl"
code=$?
check "20:30 exits 0" test "$code" -eq 0
check "20:30 has no finding" grep -q '"findings":\[\]' "$tmp/after.jsonl"

cat >"$tmp/three.jsonl" <<'JSONL'
{"id":"a","text":"Macron 65,8 %, Le Pen 34,2 % selon les premières estimations","published_at":"2017-05-07T19:30:00+02:00"}
{"id":"b","text":"Belle victoire du PSG ce soir, 3 buts à 1 !","published_at":"2017-05-07T19:30:00+02:00"}
{"id":"c","text":"Les résultats arrivent","published_at":"yesterday"}
JSONL
"$veille" check --format jsonl "$tmp/three.jsonl" >"$tmp/three.out"
check "3 records -> 3 lines" test "$(wc -l <"$tmp/three.out")" -eq 3
check "line 1 is a, with L52-2" bash -c "sed -n 1p '$tmp/three.out' | grep -q '\"id\":\"a\".*L52-2'"
check "line 2 is b, clean" bash -c "sed -n 2p '$tmp/three.out' | grep -q '\"id\":\"b\",\"status\":\"ok\"'"
check "line 3 is c, an error naming the field and value" \
  bash -c "sed -n 3p '$tmp/three.out' | grep -q '\"id\":\"c\",\"status\":\"error\".*published_at.*yesterday'"

"$veille" check --at "dimanche soir" - </dev/null 2>"$tmp/err.txt"
code=$?
check "bad --at exits 2" test "$code" -eq 2
check "bad --at quotes the value" grep -q 'dimanche soir' "$tmp/err.txt"
check "bad --at lists accepted forms" grep -qi 'ISO 8601' "$tmp/err.txt"

"$veille" check --no-such-flag - </dev/null 2>"$tmp/err2.txt"
check "unknown flag exits 2" test $? -eq 2
check "unknown flag is named" grep -q 'no-such-flag' "$tmp/err2.txt"

"$veille" check "$tmp/missing-file.txt" 2>"$tmp/err3.txt"
check "missing file exits 2" test $? -eq 2
check "missing file is named" grep -q 'missing-file.txt' "$tmp/err3.txt"

"$veille" --version >"$tmp/version.txt"
check "--version names rules and calendar versions" \
  bash -c "grep -q '^veille ' '$tmp/version.txt' && grep -q '^rules: fr ' '$tmp/version.txt' && grep -q '^calendar: ' '$tmp/version.txt'"

exit $fail
