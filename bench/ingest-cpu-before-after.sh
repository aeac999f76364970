#!/usr/bin/env bash
# CPU time of `thaw ingest` for two builds of the CLI, run alternately on the same CSV (issue 13): BASE_CLI_DIR is
# the cli/target folder (thaw.jar and lib/) of an older build, compared with this checkout's. Each build gets its own
# class-data archive and the launcher's JVM flags, as users run it; user+sys CPU (the figure a loaded machine
# distorts least), wall time, peak RSS, Parquet size and the load average are printed per run, medians at the end.
# Make a base build without touching ~/.m2:
#   git worktree add /tmp/thaw-base REF && (cd /tmp/thaw-base && mvn -B -q -DskipTests package -pl cli -am)
# Usage: bench/ingest-cpu-before-after.sh BASE_CLI_DIR [ROWS] [ROUNDS] [THREADS]   (e.g. /tmp/thaw-base/cli/target)
set -euo pipefail
cd "$(dirname "$0")/.."
base=$(cd "$1" && pwd)
rows=${2:-5000000}
rounds=${3:-3}
threads=${4:-2}
data=${THAW_BENCH_DATA:-/tmp/thaw-bench}
csv="$data/coldstart-$rows.csv"
[ -f "$csv" ] || { echo "no $csv: run bench/ingest-vs-duckdb.sh $rows first (it generates the CSV)" >&2; exit 2; }
./thaw --version > /dev/null  # builds this checkout's CLI when sources changed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
arrow="-Darrow.enable_unsafe_memory_access=true -Darrow.enable_null_check_for_get=false --add-opens=java.base/java.nio=ALL-UNNAMED"
train=datasets/huawei-2025-synthetic/cold_start/R1/day_28.csv
declare -A dir=([base]="$base" [new]="$(pwd)/cli/target")
for v in base new; do  # a class-data archive per build, made as the launcher makes it
  java -XX:ArchiveClassesAtExit="$work/$v.jsa" $arrow -jar "${dir[$v]}/thaw.jar" ingest "$train" -o "$work/train-$v.parquet" > /dev/null 2>&1
done
for r in $(seq 1 "$rounds"); do
  order="base new"; [ $((r % 2)) = 0 ] && order="new base"
  for v in $order; do
    rm -f "$work/out.parquet"; sync
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" java -Xmx1g -Dthaw.threads="$threads" -XX:SharedArchiveFile="$work/$v.jsa" \
      -Xlog:cds=off -Xlog:cds+dynamic=off $arrow -jar "${dir[$v]}/thaw.jar" ingest "$csv" -o "$work/out.parquet" > /dev/null 2>&1
    read -r w m u s < "$work/time"
    cpu=$(echo "$u+$s" | bc -l)
    echo "$v $cpu" >> "$work/cpu"
    printf "round %d %-4s cpu %6.2f s  wall %6.2f s  peak RSS %4d MB  parquet %d MB  load %s\n" "$r" "$v" "$cpu" "$w" $((m / 1024)) \
      $(( $(stat -c %s "$work/out.parquet") / 1000000 )) "$load"
  done
done
for v in base new; do
  printf "%-4s median cpu %.2f s over %d runs\n" "$v" "$(grep "^$v " "$work/cpu" | cut -d' ' -f2 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" "$rounds"
done
