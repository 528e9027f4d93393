#!/usr/bin/env bash
# `veille calendar` end to end: the four "Done when" commands of issue 5.
# Usage: bash calendar.sh <veille-binary> <repo-root>; exit 0 = pass.
set -u
VEILLE=${1:?veille binary}
ROOT=${2:?repo root}
export VEILLE_DATA_DIR="$ROOT"
fail=0
check() {  # check <description> <command...>: the command must succeed
  local what=$1; shift
  if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; fail=1; fi
}
has() { grep -q -- "$2" <<<"$1"; }
hasnt() { ! grep -q -- "$2" <<<"$1"; }
window_with_cite() {  # JSON object of window $2 cites $3
  grep -q "\"window\":\"$2\",\"cites\":\[\"$3\"\]" <<<"$1"
}

# 1. 19:59 Paris on 7 May 2017: L49 silence, loi 77-808 art. 11 blackout, L52-2 embargo.
out=$("$VEILLE" calendar --at 2017-05-07T19:59:00+02:00 --format json); rc=$?
check "--at 19:59 exits 0" test "$rc" -eq 0
check "--at 19:59 JSON head" has "$out" '^{"at":"2017-05-07T19:59:00+02:00","territory":"FR","active":\['
check "--at 19:59 silence (L49)" window_with_cite "$out" silence 'fr:code-electoral:L49'
check "--at 19:59 poll-blackout (77-808 art. 11)" window_with_cite "$out" poll-blackout 'fr:loi-77-808:art-11'
check "--at 19:59 results-embargo (L52-2)" window_with_cite "$out" results-embargo 'fr:code-electoral:L52-2'
check "--at 19:59 silence until 20:00" has "$out" '"window":"silence","cites":\["fr:code-electoral:L49"\],"from":"2017-05-06T00:00:00+02:00","until":"2017-05-07T20:00:00+02:00"'
check "--at 19:59 election and round" has "$out" '{"election":"fr-presidentielle-2017","round":2,"window":"silence"'
if command -v python3 >/dev/null; then
  check "--at 19:59 output is JSON" python3 -c 'import json,sys; json.loads(sys.argv[1])' "$out" 2>/dev/null
fi

out=$("$VEILLE" calendar --at 2017-05-07T20:01:00+02:00 --format json)
check "--at 20:01 no silence" hasnt "$out" '"window":"silence"'
check "--at 20:01 no poll-blackout" hasnt "$out" '"window":"poll-blackout"'
check "--at 20:01 no results-embargo" hasnt "$out" '"window":"results-embargo"'

# 2. Guadeloupe voted on Saturday 6 May 2017: its silence is on at noon local.
out=$("$VEILLE" calendar --at 2017-05-06T12:00:00-04:00 --territory GP); rc=$?
check "--territory GP exits 0" test "$rc" -eq 0
check "GP text lists the L49 silence" has "$out" 'silence (L49)'
check "GP silence started Friday 00:00 local" has "$out" 'silence (L49) depuis le vendredi 5 mai 2017 00:00'
check "GP silence ends at 14:00 local" has "$out" "silence (L49) .*jusqu'au dimanche 7 mai 2017 14:00"
out=$("$VEILLE" calendar --at 2017-05-06T12:00:00-04:00 --territory GP --format json)
check "GP JSON silence" window_with_cite "$out" silence 'fr:code-electoral:L49'
check "GP JSON territory" has "$out" '"territory":"GP"'

# 3. Six-month windows before the 2027 presidential election, then the L163 windows.
out=$("$VEILLE" calendar --at 2026-11-28T12:00:00+01:00 --format json)
check "Nov 2026 L50-1" window_with_cite "$out" free-number-ban 'fr:code-electoral:L50-1'
check "Nov 2026 L52-1 al. 1" window_with_cite "$out" paid-advertising-ban 'fr:code-electoral:L52-1'
check "Nov 2026 L52-1 al. 2" window_with_cite "$out" institutional-promotion-ban 'fr:code-electoral:L52-1'
check "Nov 2026 from 1 Oct 2026" has "$out" '"from":"2026-10-01T00:00:00+02:00"'
check "Nov 2026 election 2027" has "$out" '"election":"fr-presidentielle-2027"'
check "Nov 2026 no L163-1" hasnt "$out" 'L163-1'
check "Nov 2026 no L163-2" hasnt "$out" 'L163-2'
out=$("$VEILLE" calendar --at 2026-11-28T12:00:00+01:00)
check "Nov 2026 text names L50-1" has "$out" 'free-number-ban (L50-1)'
out=$("$VEILLE" calendar --at 2027-01-15T12:00:00+01:00 --format json)
check "Jan 2027 L163-1" window_with_cite "$out" platform-transparency 'fr:code-electoral:L163-1'
check "Jan 2027 L163-2" window_with_cite "$out" false-news-injunction 'fr:code-electoral:L163-2'
check "Jan 2027 still L50-1" window_with_cite "$out" free-number-ban 'fr:code-electoral:L50-1'
check "Jan 2027 L163 from 1 Jan 2027" has "$out" '"window":"platform-transparency","cites":\["fr:code-electoral:L163-1"\],"from":"2027-01-01T00:00:00+01:00"'

# 4. ICS export of the 2017 presidential election, parsed back.
ics=$(mktemp); trap 'rm -f "$ics"' EXIT
"$VEILLE" calendar --format ics --election fr-presidentielle-2017 >"$ics"; rc=$?
check "ICS exits 0" test "$rc" -eq 0
check "ICS starts with BEGIN:VCALENDAR" test "$(head -c 17 "$ics" | tr '\r\n' 'RN')" = "BEGIN:VCALENDARRN"
check "ICS ends with END:VCALENDAR" test "$(tail -c 15 "$ics" | tr '\r\n' 'RN')" = "END:VCALENDARRN"
lines=$(wc -l <"$ics")
crlf=$(grep -c $'\r$' "$ics")
check "ICS every line ends with CRLF" test "$lines" -eq "$crlf"
long=$(LC_ALL=C awk '{ sub(/\r$/, ""); if (length($0) > 75) n++ } END { print n+0 }' "$ics")
check "ICS no line over 75 octets" test "$long" -eq 0
begins=$(grep -c '^BEGIN:VEVENT' "$ics"); ends=$(grep -c '^END:VEVENT' "$ics")
check "ICS has events" test "$begins" -gt 0
check "ICS BEGIN/END balanced" test "$begins" -eq "$ends"
check "ICS one UID per event" test "$(grep -c '^UID:' "$ics")" -eq "$begins"
check "ICS unique UIDs" test "$(grep '^UID:' "$ics" | sort -u | wc -l)" -eq "$begins"
check "ICS has DTSTAMP" grep -q '^DTSTAMP:[0-9]\{8\}T[0-9]\{6\}Z' "$ics"
unfolded=$(sed -e ':a' -e 'N' -e '$!ba' -e 's/\r\n[ \t]//g' "$ics" | tr -d '\r')
check "ICS FR round-2 silence start (UTC)" has "$unfolded" $'UID:fr-presidentielle-2017-r2-silence-FR@veille\nDTSTAMP:[0-9TZ]*\nDTSTART:20170505T220000Z\nDTEND:20170507T180000Z'
check "ICS GP round-2 silence start (UTC)" has "$(grep -A3 'UID:fr-presidentielle-2017-r2-silence-GP@veille' <<<"$unfolded")" 'DTSTART:20170505T040000Z'
check "ICS reproducible" cmp -s "$ics" <("$VEILLE" calendar --format ics --election fr-presidentielle-2017)

# Errors are usage errors (exit 2) that name the value.
err=$("$VEILLE" calendar --election fr-nope-2099 2>&1 >/dev/null); rc=$?
check "unknown election exits 2" test "$rc" -eq 2
check "unknown election is quoted" has "$err" 'fr-nope-2099'
err=$("$VEILLE" calendar --at 'le 7 mai' 2>&1 >/dev/null); rc=$?
check "bad --at exits 2" test "$rc" -eq 2
check "bad --at is quoted" has "$err" '"le 7 mai"'

exit $fail
