#!/usr/bin/env bash
# Local thaw vs thaw on Spark local[2], same machine, same run (issue 12): thaw analyze (cold starts, per-request
# arrivals, pod utility, fits) over ROWS generated rows (PodTraceGenerator, seed 42: about 1 cold start per 25
# requests, 5 regions x DAYS days, CSV written under /tmp and deleted afterwards). Prints wall and CPU times (user +
# system: on a machine shared with other builds the wall time swings with their load, the CPU time much less), the
# load average around each run, the overhead ratios, peak RSS, and checks that both runs wrote the same summary.json.
# Usage: bench/spark-vs-local.sh [ROWS] [DAYS] [REPEATS]   (from the repository root; REPEATS pairs, default 1)
set -euo pipefail
rows="${1:-50000000}"
days="${2:-10}"
repeats="${3:-1}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/thaw-spark-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$here"
[ -f bench/target/thaw-bench-0.1.0-SNAPSHOT.jar ] || mvn -B -q -Pbench -DskipTests package -pl bench -am
[ -f spark/target/thaw-spark.jar ] || mvn -B -q -DskipTests package -pl spark -am
./thaw --version > /dev/null                              # builds now, not inside a timed run
./thaw analyze --help --spark 'local[1]' > /dev/null
export THAW_NO_BUILD=1                                    # no rebuild inside a timed run, whatever changes meanwhile
export THAW_JAVA_OPTS="${THAW_JAVA_OPTS:--Xmx6g}"
java -cp "bench/target/thaw-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" dev.thaw.bench.spark.PodTraceGenerator "$rows" "$work/data" "$days" 42
echo "input: $(du -sh "$work/data" | cut -f1) of CSV, $(nproc) cores, THAW_JAVA_OPTS=$THAW_JAVA_OPTS"

load() { cut -d' ' -f1 /proc/loadavg; }
run() {  # name, then thaw arguments; prints wall and CPU seconds, load average before/after, peak RSS
  local name="$1"; shift
  local before; before="$(load)"
  rm -rf "$work/$name"
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" ./thaw analyze "$@" -o "$work/$name" --quiet 2> "$work/$name.log" || { cat "$work/$name.log"; exit 1; }
  read -r wall user sys rss < "$work/$name.time"
  local cpu; cpu="$(python3 -c "print(f'{$user + $sys:.1f}')")"
  printf '%-22s wall %8.1f s  cpu %8.1f s  load %s -> %s  peak RSS %6.0f MB  %s\n' "$name" "$wall" "$cpu" "$before" "$(load)" "$((rss / 1024))" "$(grep -h 'thaw spark:' "$work/$name.log" || true)"
  echo "$wall" > "$work/$name.wall"
  echo "$cpu" > "$work/$name.cpu"
}
same() {  # the two summary.json files without wall_s
  python3 - "$work/$1/summary.json" "$work/$2/summary.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b): d.pop("wall_s", None)
print("summary.json identical" if a == b else "summary.json DIFFERS"); sys.exit(0 if a == b else 1)
PY
}
ratio() { python3 -c "import sys; r=lambda a,b: float(open(b).read())/float(open(a).read()); print(f'overhead ratio spark/local: wall {r(sys.argv[1],sys.argv[2]):.2f}x, cpu {r(sys.argv[3],sys.argv[4]):.2f}x')" "$work/$1.wall" "$work/$2.wall" "$work/$1.cpu" "$work/$2.cpu"; }

echo "== thaw analyze DATA (cold starts, per-request arrivals, pod utility, fits): $(find "$work/data/cold_start" -name '*.csv' | wc -l) cold-start files, $(find "$work/data/per_request" -name '*.csv' | wc -l) request files"
for i in $(seq 1 "$repeats"); do
  run local "$work/data"
  run spark "$work/data" --spark 'local[2]'
  same local spark; ratio local spark
done
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('rows', d['rows'], 'cold starts', d['coldstarts']['count'], 'pods', d.get('pod_utility',{}).get('pods'))" "$work/local/summary.json"
