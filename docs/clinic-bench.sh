#!/usr/bin/env bash
# The clinic sync figures of the README: a throwaway cluster, a generated practice pushed and
# pulled, a day of another therapist. Run as root after
# `swift build -c release --static-swift-stdlib` (knead and knead-bench). Usage: docs/clinic-bench.sh [sessions]
set -euo pipefail
cd "$(dirname "$0")/.."
K=$PWD/.build/release/knead
B=$PWD/.build/release/knead-bench
W=$(mktemp -d); chmod 755 "$W"
pg=/usr/lib/postgresql/15/bin
mkdir -p "$W/pg" "$W/sock"; chown postgres "$W/pg" "$W/sock"
trap 'runuser -u postgres -- $pg/pg_ctl -D "$W/pg" stop -m fast >/dev/null; rm -rf "$W"' EXIT
runuser -u postgres -- $pg/initdb -D "$W/pg" -A trust -U knead >/dev/null
runuser -u postgres -- $pg/pg_ctl -D "$W/pg" -o "-p 55471 -k $W/sock -c listen_addresses=''" -l "$W/pg/server.log" start -w >/dev/null
runuser -u postgres -- $pg/createdb -h "$W/sock" -p 55471 -U knead clinic
URL="postgresql://knead@/clinic?host=$W/sock&port=55471"
t() { local s; s=$(date +%s.%N); "$@" || true; echo "  $(echo "$(date +%s.%N) - $s" | bc) s"; }

$B generate "$W/a" --sessions "${1:-1000}"
# Another therapist's day: the generator's ids repeat, so this copy's ids get a prefix.
$B generate "$W/c" --sessions 8 >/dev/null
sqlite3 "$W/c/knead.sqlite" "
  DROP TRIGGER events_signed_no_update; DROP TRIGGER client_changes_no_update;
  DROP TRIGGER sync_outbox_event; DROP TRIGGER sync_outbox_session; DROP TRIGGER sync_outbox_client_version;
  UPDATE sessions SET id='c-'||id, client_id='c-'||client_id; UPDATE events SET session_id='c-'||session_id;
  UPDATE clients SET id='c-'||id; UPDATE client_changes SET client_id='c-'||client_id;
  UPDATE sync_client_versions SET client_id='c-'||client_id;
  UPDATE sync_outbox SET session_id='c-'||session_id WHERE session_id IS NOT NULL;"

echo "first push (A):";            t $K sync --server "$URL" --data-dir "$W/a" --therapist A
echo "first pull (B, empty):";     t $K sync --server "$URL" --data-dir "$W/b" --therapist B
echo "C's first sync (push+pull):"; t $K sync --server "$URL" --data-dir "$W/c" --therapist C
echo "a day pulled (A):";          t $K sync --server "$URL" --data-dir "$W/a" --therapist A
echo "nothing to do (A):";         t $K sync --server "$URL" --data-dir "$W/a" --therapist A
psql "$URL" -Atc "select 'server events', count(*), pg_size_pretty(pg_total_relation_size('events')) from events"
