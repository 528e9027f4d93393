#!/usr/bin/env bash
# 1 M JSON-lines records, about 1 in 1000 seeded broken, through `veille check --format jsonl
# --jobs 2`: exactly 1 M output lines, in input order, the broken ones as status:"error".
# Usage: bash batch_million.sh VEILLE_BINARY REPO_ROOT
set -euo pipefail
VEILLE=${1:?veille binary}
ROOT=${2:?repo root}
export VEILLE_DATA_DIR=${VEILLE_DATA_DIR:-$ROOT}
N=${BATCH_MILLION_N:-1000000}
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$PY" - "$tmp/in.jsonl" "$tmp/broken.txt" "$N" <<'PY'
import sys
out, broken_path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = ["Bonjour à tous, il fait beau à Lyon #météo", "Match nul ce soir 🙄 @ami",
         "Recette du jour : tarte aux pommes", "L’équipe s’entraîne demain à 18h",
         "Rendez-vous au marché, bonne journée ☀️", "Nice weather in Paris today"]
bad = ['{"id":"p%d","text":', '[1,2,3]', '{"id":"p%d"}', '{"id":"p%d","text":42}',
       '{"id":"p%d","text":"x","author_role":"ceo"}', 'not json at all']
state = 88172645463325252
broken = []
with open(out, "w", encoding="utf-8") as f:
    for i in range(1, n + 1):
        state ^= (state << 13) & 0xFFFFFFFFFFFFFFFF
        state ^= state >> 7
        state ^= (state << 17) & 0xFFFFFFFFFFFFFFFF
        if state % 1000 == 0:
            b = bad[(state >> 10) % len(bad)]
            f.write((b % i if "%d" in b else b) + "\n")
            broken.append(i)
        else:
            t = texts[i % len(texts)]
            f.write('{"id":"p%d","text":"%s","published_at":"2022-03-0%dT1%d:00:00+01:00"}\n'
                    % (i, t, 1 + i % 9, i % 10))
with open(broken_path, "w") as f:
    f.write("\n".join(map(str, broken)) + "\n")
PY

start=$(date +%s)
rc=0
"$VEILLE" check --format jsonl --jobs 2 --progress never ${VEILLE_BATCH_ARGS:-} "$tmp/in.jsonl" >"$tmp/out.jsonl" \
  2>"$tmp/err.txt" || rc=$?
end=$(date +%s)
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
  echo "FAIL: veille exited $rc"; head -5 "$tmp/err.txt"; exit 1
fi

"$PY" - "$tmp/out.jsonl" "$tmp/broken.txt" "$N" <<'PY'
import json, sys
out, broken_path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
broken = set(int(x) for x in open(broken_path).read().split())
count = 0
with open(out, encoding="utf-8") as f:
    for i, line in enumerate(f, start=1):
        rec = json.loads(line)
        count += 1
        if rec["id"] not in ("p%d" % i, str(i)):
            sys.exit("FAIL: output line %d has id %r (order lost)" % (i, rec["id"]))
        is_err = rec["status"] == "error"
        if is_err != (i in broken):
            sys.exit("FAIL: line %d status %s, seeded broken: %s (%s)"
                     % (i, rec["status"], i in broken, rec.get("error", "")))
        if is_err and (":%d:" % i) not in rec["error"]:
            sys.exit("FAIL: line %d error does not name its line: %s" % (i, rec["error"]))
if count != n:
    sys.exit("FAIL: %d output lines for %d records" % (count, n))
print("ok: %d records in order, %d seeded errors" % (count, len(broken)))
PY
echo "veille check took $((end - start)) s"
