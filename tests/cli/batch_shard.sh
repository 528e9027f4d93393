#!/usr/bin/env bash
# --shard K/N: the N shards of one input partition it (each record in exactly one shard, in
# input order within a shard); stdin input; exit codes; a directory with a dangling link.
# Usage: bash batch_shard.sh VEILLE_BINARY REPO_ROOT
set -euo pipefail
VEILLE=${1:?veille binary}
ROOT=${2:?repo root}
export VEILLE_DATA_DIR=${VEILLE_DATA_DIR:-$ROOT}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq 1 3000); do
  printf '{"id":"s%d","text":"Bonne journée à tous n°%d","published_at":"2022-03-01T10:00:00Z"}\n' "$i" "$i"
done >"$tmp/in.jsonl"

check() { "$VEILLE" check --format jsonl --progress never ${VEILLE_BATCH_ARGS:-} "$@" || [ $? -eq 1 ]; }
ids() { sed -E 's/^\{"id":"([^"]*)".*/\1/'; }

check "$tmp/in.jsonl" | ids >"$tmp/all.txt"
[ "$(wc -l <"$tmp/all.txt")" -eq 3000 ] || { echo "FAIL: whole run lost records"; exit 1; }
: >"$tmp/union.txt"
for k in 1 2 3; do
  check --shard "$k/3" --jobs 2 "$tmp/in.jsonl" | ids >"$tmp/shard$k.txt"
  n=$(wc -l <"$tmp/shard$k.txt")
  [ "$n" -gt 700 ] && [ "$n" -lt 1300 ] || { echo "FAIL: shard $k/3 has $n records"; exit 1; }
  # Input order within a shard.
  sort -t s -k2,2n -c "$tmp/shard$k.txt" 2>/dev/null || { echo "FAIL: shard $k not in order"; exit 1; }
  cat "$tmp/shard$k.txt" >>"$tmp/union.txt"
done
sort "$tmp/union.txt" >"$tmp/u.sorted"
sort "$tmp/all.txt" >"$tmp/a.sorted"
sort -u "$tmp/union.txt" | cmp -s - "$tmp/u.sorted" || { echo "FAIL: a record is in two shards"; exit 1; }
cmp -s "$tmp/u.sorted" "$tmp/a.sorted" || { echo "FAIL: shards do not cover the input"; exit 1; }

# stdin gives the same output as the file.
check - <"$tmp/in.jsonl" | ids | cmp -s - "$tmp/all.txt" || { echo "FAIL: stdin differs"; exit 1; }

# A directory with a dangling link: a stderr line naming it, the rest is read.
mkdir "$tmp/dir"
head -5 "$tmp/in.jsonl" >"$tmp/dir/a.jsonl"
ln -s "$tmp/nowhere.jsonl" "$tmp/dir/b.jsonl"
check "$tmp/dir" >"$tmp/dir.out" 2>"$tmp/dir.err"
[ "$(wc -l <"$tmp/dir.out")" -eq 5 ] || { echo "FAIL: directory run lost records"; exit 1; }
grep -q "b.jsonl" "$tmp/dir.err" || { echo "FAIL: no stderr line naming the unreadable file"; cat "$tmp/dir.err"; exit 1; }
echo ok
