#!/usr/bin/env bash
# Benchmarks a clean faqpress build of an N-article site against Hugo and
# against a floor program (read + pulldown-cmark + write on two threads),
# side by side in one run. Prints a table; numbers are hyperfine medians.
#
# usage: bench/run.sh [N] [RUNS]     (defaults: 10000 articles, 10 runs)
#        SEARCH=false bench/run.sh …  builds without the search index
#        (which Hugo and the floor do not make either)
set -euo pipefail
N=${1:-10000}
RUNS=${2:-10}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
# tmpfs by default: on this project's VMs the disk, not the generators,
# dominates a build written to /tmp (the floor takes seconds there).
# Set BENCH_DIR to measure another disk.
if [ -z "${BENCH_DIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
  BENCH_DIR=/dev/shm/faqpress-bench-$N
fi
WORK=${BENCH_DIR:-/tmp/faqpress-bench-$N}

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || ! need hugo || ! [ -x /usr/bin/time ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq hyperfine hugo time >/dev/null
fi

echo "== building binaries"
(cd "$ROOT" && cargo build --release -q && cargo build --release -q --example floor)
FAQPRESS=$ROOT/target/release/faqpress
FLOOR=$ROOT/target/release/examples/floor

echo "== generating $N articles in $WORK"
rm -rf "$WORK"
python3 "$HERE/gen_site.py" "$N" "$WORK"
if [ "${SEARCH:-true}" = false ]; then
  echo "search: false" >>"$WORK/faqpress/site.yaml"
fi

FP_CMD="$FAQPRESS build --root $WORK/faqpress --output $WORK/out-faqpress"
HUGO_CMD="hugo --quiet --source $WORK/hugo --destination $WORK/out-hugo --cleanDestinationDir"
FLOOR_CMD="$FLOOR $WORK/faqpress/content $WORK/out-floor"

echo "== timing ($RUNS runs each, 2 warm-ups)"
hyperfine --warmup 2 --runs "$RUNS" --export-json "$WORK/times.json" \
  -n faqpress "$FP_CMD" -n hugo "$HUGO_CMD" -n floor "$FLOOR_CMD" >/dev/null

peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
FP_RSS=$(peak $FP_CMD)
HUGO_RSS=$(peak $HUGO_CMD)
FLOOR_RSS=$(peak $FLOOR_CMD)
OUT_SIZE=$(du -sk "$WORK/out-faqpress" | cut -f1)
PAGES=$(find "$WORK/out-faqpress" -name index.html | wc -l)

python3 - "$WORK/times.json" "$N" "$FP_RSS" "$HUGO_RSS" "$FLOOR_RSS" "$OUT_SIZE" "$PAGES" <<'PY'
import json, sys
times = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
n = int(sys.argv[2])
rss = dict(zip(["faqpress", "hugo", "floor"], map(int, sys.argv[3:6])))
print(f"\n{n} articles; faqpress output {int(sys.argv[6]) / 1024:.1f} MiB, {sys.argv[7]} HTML pages\n")
print(f"| tool | median s | min–max s | CPU s (user+sys, mean) | pages/s | peak RSS MB |")
print(f"|---|---|---|---|---|---|")
for name in ["faqpress", "hugo", "floor"]:
    r = times[name]
    med = r["median"]
    cpu = r["user"] + r["system"]
    print(f"| {name} | {med:.3f} | {r['min']:.3f}–{r['max']:.3f} | {cpu:.3f} | {n / med:,.0f} | {rss[name] / 1024:.0f} |")
fp, hugo, floor = (times[k]["median"] for k in ["faqpress", "hugo", "floor"])
cpu = {k: times[k]["user"] + times[k]["system"] for k in times}
print(f"\nfaqpress/hugo = {fp / hugo:.3f} (Hugo is {hugo / fp:.1f}x slower); faqpress/floor = {fp / floor:.2f} in wall time, {cpu['faqpress'] / cpu['floor']:.2f} in CPU time")
PY

echo
echo "== serve: one article edited on the $N-article site"
python3 "$HERE/serve_edit.py" "$FAQPRESS" "$WORK/faqpress" 10
