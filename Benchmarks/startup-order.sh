#!/bin/bash
# Regenerates Benchmarks/startup-order.txt, the link order of the functions knead runs from its
# start to its first frame and for a key on the treatment screen (Package.swift hands it to lld
# with --symbol-ordering-file). Laid out together, these few MiB of code are paged in as a block
# instead of one 64 KiB fault-around window here and there across 19 MiB of text.
#
#   Benchmarks/startup-order.sh [RELEASE_KNEAD] [OUT]
#
# Needs valgrind and tmux. The list only orders code: a stale list costs speed, never behaviour.
set -euo pipefail
BIN=${1:-.build/x86_64-unknown-linux-gnu/release/knead}
OUT=${2:-Benchmarks/startup-order.txt}
W=$(mktemp -d /var/tmp/knead-order.XXXXXX)
chmod 700 "$W"
trap 'tmux kill-session -t "knead-order-$$" 2>/dev/null || true; rm -rf "$W"' EXIT
strip -g -o "$W/knead" "$BIN"   # valgrind cannot read Swift's DWARF here
mkdir -m 700 "$W/data" "$W/home"

# run NAME MARKER KEYS... -- ARGS: knead under callgrind in a 100x30 tmux pane until MARKER shows,
# then the keys one by one (each redrawn before the next), then Ctrl-C.
run() {
    local name=$1 marker=$2; shift 2
    local keys=()
    while [ "$1" != "--" ]; do keys+=("$1"); shift; done
    shift
    tmux new-session -d -s "knead-order-$$" -x 100 -y 30 \
        "HOME=$W/home valgrind --tool=callgrind --demangle=no --dump-instr=no --callgrind-out-file=$W/$name.cg $W/knead $* 2>$W/$name.log"
    wait_for "$marker"
    for key in "${keys[@]}"; do tmux send-keys -t "knead-order-$$" "$key"; sleep 2; done
    tmux send-keys -t "knead-order-$$" C-c
    sleep 1; tmux send-keys -t "knead-order-$$" C-c 2>/dev/null || true
    for _ in $(seq 1 60); do tmux has-session -t "knead-order-$$" 2>/dev/null || break; sleep 1; done
    tmux kill-session -t "knead-order-$$" 2>/dev/null || true
}
wait_for() {
    for _ in $(seq 1 120); do
        tmux capture-pane -p -t "knead-order-$$" 2>/dev/null | grep -q "$1" && return 0
        sleep 1
    done
    echo "startup-order: \"$1\" never showed" >&2; exit 1
}

run new Today -- --data-dir "$W/data"          # first start: creates the database
run again Today -- --data-dir "$W/data"        # the everyday start
# The demo opens on Today (nothing to resume): a new client, history confirmed, the screening
# answered "no" a group at a time, consent, F2; then moves and a check-in on the treatment screen.
run demo Today n A n a Enter Enter Tab Tab Tab Tab Tab Tab Tab N N N N \
    Tab Tab Tab Tab Tab Tab Space F2 h j l k 5 -- demo

# Functions in the order callgrind first met them, kept when the binary defines them.
nm --defined-only "$BIN" | awk '$2 ~ /^[tTwW]$/ {print $3}' | sort -u > "$W/defined"
cat "$W/new.cg" "$W/again.cg" "$W/demo.cg" \
    | sed -nE 's/^c?fn=\([0-9]+\) (.+)$/\1/p' \
    | awk '!seen[$0]++' \
    | awk 'NR==FNR {d[$0]=1; next} d[$0]' "$W/defined" - > "$OUT"
echo "startup-order: $(wc -l < "$OUT") functions in $OUT"
