#!/usr/bin/env bash
# `veille rules lint`: bad packs exit 2 with file:line:col and the rule id; a good pack exits 0.
# Usage: rules_lint.sh VEILLE_BINARY REPO_ROOT
set -u
veille=$1
root=$2
fixtures=$root/tests/rules/fixtures
status=0

expect_error() {  # file line rule
  local file=$fixtures/bad/$1 out rc
  out=$("$veille" rules lint "$file" 2>&1)
  rc=$?
  if [[ $rc -ne 2 ]]; then
    echo "FAIL: rules lint $1: exit $rc, expected 2"; echo "$out"; status=1; return
  fi
  if ! grep -qE "^$file:$2:[0-9]+: error: \[$3\] " <<<"$out"; then
    echo "FAIL: rules lint $1: no '$file:$2:COL: error: [$3]' in:"; echo "$out"; status=1; return
  fi
  echo "ok: $1 -> exit 2, $(grep -m1 -oE "^[^ ]+:$2:[0-9]+:" <<<"$out")"
}

expect_error schema-error.xml 16 bad.schema
expect_error bad-regex.xml 14 bad.regex
expect_error no-examples.xml 9 bad.no-examples
expect_error undeclared-cite.xml 10 bad.cite

out=$("$veille" rules lint "$fixtures/good/pack.xml" 2>&1)
rc=$?
if [[ $rc -ne 0 ]]; then
  echo "FAIL: rules lint good/pack.xml: exit $rc, expected 0"; echo "$out"; status=1
else
  echo "ok: good/pack.xml -> exit 0"
fi

# a missing file is an error too, not a silent pass
"$veille" rules lint "$fixtures/does-not-exist.xml" >/dev/null 2>&1
rc=$?
if [[ $rc -ne 2 ]]; then echo "FAIL: missing file: exit $rc, expected 2"; status=1; fi
exit $status
