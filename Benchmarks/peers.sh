#!/bin/bash
# Side by side, one run: ptyprobe at 80x24, medians of three runs each.
# first frame = marker (or settled start), key settle median/p95, resize settle median, VmHWM.
cd "${KNEAD_PERF:-/var/tmp/knead-perf}"  # holds before/knead and after/knead
P="python3 /work/shared/tools/ptyprobe.py --size 80x24 --runs 3 --repeat 60 --compact"
seq 1 400 > peers-file.txt
mkdir -p cal
summ() { python3 -c "
import json,sys
d=json.load(sys.stdin); s=d['summary']
ff=s.get('startup.marker_ms') or s.get('startup.settled_ms')
print('%-22s first %7.2f  key med %6.3f p95 %6.3f  resize %6.3f  hwm %5.1f MiB' % ('$1', ff, s['keys.settle_ms.median'], s['keys.settle_ms.p95'], s['resize.settle_ms.median'], s['memory.vmhwm_kb']/1024))"; }
uptime
$P --fresh-home --keys j --keys k --quit ':q!<ENTER>' -- vim -u NONE -N peers-file.txt | summ vim
$P --fresh-home --keys '<DOWN>' --keys '<UP>' --quit '<C-x>' --quit 'n' -- nano -I peers-file.txt | summ nano
$P --fresh-home --keys '<DOWN>' --keys '<UP>' --quit 'q' -- htop | summ htop
$P --fresh-home --keys '<DOWN>' --keys '<UP>' --quit 'q' -- calcurse -D /var/tmp/knead-perf/cal | summ calcurse
# The demo opens on Today (no session in treatment since the lived-in demo practice): a key here
# moves the selection on Today. Keys on the treatment screen and check-ins are knead-bench's rows.
for b in before after; do
  $P --fresh-home --env KNEAD_DEV_CLOCK=2026-11-29T15:00:00Z --marker Today --keys j --keys k --quit '<C-c>' --quit '<C-c>' -- $b/knead demo | summ "knead $b (demo, Today)"
done
