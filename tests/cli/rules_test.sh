#!/usr/bin/env bash
# `veille rules test`: the fixture packs' examples pass (exit 0); a pack whose examples are wrong
# fails with file:line, expected vs got, and exit 1. Usage: rules_test.sh VEILLE_BINARY REPO_ROOT
set -u
veille=$1
root=$2
fixtures=$root/tests/rules/fixtures
export VEILLE_DATA_DIR=$root
status=0

out=$("$veille" rules test --no-builtin --rules "$fixtures/conditions" 2>&1)
rc=$?
if [[ $rc -ne 0 ]] || ! grep -qE '^rules test: [0-9]+ passed, 0 failed$' <<<"$out"; then
  echo "FAIL: conditions pack: exit $rc"; echo "$out"; status=1
else
  echo "ok: $(tail -n1 <<<"$out")"
fi

out=$("$veille" rules test --no-builtin --rules "$fixtures/failing" 2>&1)
rc=$?
if [[ $rc -ne 1 ]]; then echo "FAIL: failing pack: exit $rc, expected 1"; echo "$out"; status=1; fi
grep -qF "$fixtures/failing/pack.xml:16: [failing.sondage] expected the span «sondage inédit» (bytes 3-18), got «sondage» (bytes 3-10)" <<<"$out" \
  || { echo "FAIL: no span failure line in:"; echo "$out"; status=1; }
grep -qF "$fixtures/failing/pack.xml:17: [failing.sondage] expected no match, got «sondages» (bytes 5-13)" <<<"$out" \
  || { echo "FAIL: no no-match failure line in:"; echo "$out"; status=1; }
grep -qxF "rules test: 0 passed, 2 failed" <<<"$out" || { echo "FAIL: summary line"; echo "$out"; status=1; }
[[ $status -eq 0 ]] && echo "ok: failing pack -> exit 1 with both failures"
exit $status
