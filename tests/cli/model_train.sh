#!/usr/bin/env bash
# The committed citation model (rules/fr/model/citations.model) is exactly what `make model`
# writes from the committed labeled corpus: retrains into a temporary file and compares bytes.
# A corpus change without a retrain, or a training change without a new model, fails here.
# Skipped in the sanitizer run (LABELED_CORPUS_QUICK=1): training reads 15 000 records.
# Usage: bash tests/cli/model_train.sh <veille-binary> <repo-root>
set -u
bin="${1:?usage: model_train.sh <veille-binary> <repo-root>}"
root="${2:?usage: model_train.sh <veille-binary> <repo-root>}"
if [[ "${LABELED_CORPUS_QUICK:-0}" == 1 ]]; then
  echo "skipped (LABELED_CORPUS_QUICK=1)"
  exit 0
fi
export VEILLE_DATA_DIR="$root"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
status=0
lab="$root/corpora/labeled"
if ! "$bin" model train --out "$tmp/citations.model" "$lab/tuning.jsonl" "$lab"/dev*.jsonl \
    > "$tmp/out.txt" 2>&1; then
  cat "$tmp/out.txt"
  echo "FAIL: veille model train failed"
  exit 1
fi
if cmp -s "$tmp/citations.model" "$root/rules/fr/model/citations.model"; then
  echo "PASS: the committed model is what the labeled corpus trains"
else
  diff <(head -c 3000 "$tmp/citations.model") <(head -c 3000 "$root/rules/fr/model/citations.model") | head -20
  echo "FAIL: rules/fr/model/citations.model differs from a retrain: run \`make model\`"
  status=1
fi

# Bad labeled records: exit 2 and an error naming the file, the line, the field (and value).
expect_error() {  # <name> <line 1> <line 2|""> <grep -E pattern> <what>
  local name=$1 pattern=$4 what=$5
  printf '%s\n' "$2" ${3:+"$3"} > "$tmp/$name"
  "$bin" model train --out "$tmp/bad.model" "$tmp/$name" > "$tmp/err.txt" 2>&1
  local code=$?
  if [[ $code == 2 ]] && grep -Eq "$pattern" "$tmp/err.txt"; then
    echo "PASS: $what"
  else
    cat "$tmp/err.txt"
    echo "FAIL: $what (exit $code, expected 2 and /$pattern/)"
    status=1
  fi
}
expect_error bad.jsonl \
  '{"id":"x1","text":"bonjour","published_at":"2022-04-09T10:00:00+02:00","expect":[]}' \
  '{"id":"x2","text":"bonjour","published_at":"2022-04-09T10:00:00+02:00"}' \
  'bad\.jsonl:2: field expect: missing' "a record without expect names file, line and field"
expect_error bad2.jsonl '{"id":"x1","text":"bonjour","published_at":"hier","expect":[]}' "" \
  'bad2\.jsonl:1: field published_at: .*"hier"' \
  "an unreadable published_at names file, line, field and value"
exit $status
