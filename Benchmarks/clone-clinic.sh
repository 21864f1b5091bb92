#!/bin/sh
# Makes a clinic-sized database from a generated one: copies its sessions (all signed, each
# decided by the session machine) whole 33-week blocks back in time until it holds 100,000
# sessions. Ids get a -K suffix; event times move by K*231 days; note index rows follow.
# Projections are then rebuilt by knead's own migration (see README, Performance).
DB=$1
for k in $(seq 1 16); do
  limit=6000; [ $k = 16 ] && limit=4000
  shift=$((k * 231 * 86400))
  sqlite3 "$DB" <<SQL
BEGIN;
CREATE TEMP TABLE pick AS SELECT id FROM sessions WHERE id LIKE 'gen-%' AND id NOT LIKE 'gen-%-%-%' ORDER BY started_at DESC LIMIT $limit;
INSERT INTO sessions (id, client_id, client_name, started_at, planned_minutes, phase, updated_at)
  SELECT id || '-$k', client_id, client_name, started_at - $shift, planned_minutes, phase, updated_at
  FROM sessions WHERE id IN (SELECT id FROM pick);
INSERT INTO events (session_id, seq, at, type, payload)
  SELECT session_id || '-$k', seq, at - $shift, type, payload FROM events
  WHERE session_id IN (SELECT id FROM pick) ORDER BY session_id, seq;
INSERT INTO note_search (session_id, seq, text)
  SELECT session_id || '-$k', seq, text FROM note_search WHERE session_id IN (SELECT id FROM pick);
DROP TABLE pick;
COMMIT;
SQL
  echo "block $k done $(date +%T)"
done
