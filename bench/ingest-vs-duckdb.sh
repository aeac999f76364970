#!/usr/bin/env bash
# Side-by-side ingest benchmark (issues 2, 13): thaw ingest vs DuckDB COPY ... TO parquet (zstd), same CSV, same
# thread count (thaw: -Dthaw.threads=THREADS, the one pool on which it both parses CSV byte ranges and encodes
# columns, its main thread only waiting; DuckDB: SET threads=THREADS), then a one-column scan of thaw's Parquet on
# one thread. Reports wall and CPU time (CPU time is the figure a loaded machine distorts least) and the load
# average before and after.
# Usage: bench/ingest-vs-duckdb.sh [ROWS] [THREADS]. Results: bench/results/; data under $THAW_BENCH_DATA (/tmp).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
threads=${2:-2}
out=bench/results
# Inputs and outputs are gigabytes: they live outside the repository (override with THAW_BENCH_DATA).
data=${THAW_BENCH_DATA:-/tmp/thaw-bench}
mkdir -p "$out" "$data"
[ -f bench/target/thaw-bench-0.1.0-SNAPSHOT.jar ] || mvn -B -q -Pbench -DskipTests package -pl bench -am
./thaw --version > /dev/null  # the launcher builds when sources changed and makes its class-data archive (untimed)
cp="bench/target/thaw-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
jvm="-Darrow.enable_unsafe_memory_access=true -Darrow.enable_null_check_for_get=false --add-opens=java.base/java.nio=ALL-UNNAMED"
csv="$data/coldstart-$rows.csv"
if [ ! -f "$csv" ]; then
  echo "generating $rows rows -> $csv" >&2
  java -cp "$cp" dev.thaw.bench.ingest.ColdStartCsvGenerator "$rows" "$csv" 42
fi
mb=$(( $(stat -c %s "$csv") / 1000000 ))
rm -f "$data/thaw-$rows.parquet" "$data/duckdb-$rows.parquet"
sync
load_thaw=$(cut -d' ' -f1 /proc/loadavg)
# thaw as a user runs it: the launcher (no build check), its JVM flags and class-data archive
THAW_NO_BUILD=1 THAW_JAVA_OPTS="-Xmx1g -Dthaw.threads=$threads" /usr/bin/time -f "%e %M %U %S" -o "$out/thaw.time" ./thaw ingest "$csv" -o "$data/thaw-$rows.parquet" --json > "$out/thaw-ingest-$rows.json"
load_duckdb=$(cut -d' ' -f1 /proc/loadavg)
/usr/bin/time -f "%e %M %U %S" -o "$out/duckdb.time" java -cp "$cp" dev.thaw.bench.ingest.DuckDbCopy "$csv" "$data/duckdb-$rows.parquet" "$threads" > /dev/null
scan=$(java -Xmx1g $jvm -cp "$cp" dev.thaw.bench.ingest.ParquetScanBench "$data/thaw-$rows.parquet" totalCost_cold_start 5 2>/dev/null)
read -r tw trss tu ts < "$out/thaw.time"
read -r dw drss du ds < "$out/duckdb.time"
report="$out/ingest-$rows.txt"
{
  echo "ingest benchmark, $(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "input: $csv ($rows rows, $mb MB)"
  printf "thaw ingest : %7.2f s  %10.0f rows/s  %6.1f MB/s  peak RSS %5d MB  parquet %d MB\n" "$tw" "$(echo "$rows/$tw" | bc -l)" "$(echo "$mb/$tw" | bc -l)" $((trss/1024)) $(( $(stat -c %s "$data/thaw-$rows.parquet") / 1000000 ))
  printf "duckdb copy : %7.2f s  %10.0f rows/s  %6.1f MB/s  peak RSS %5d MB  parquet %d MB\n" "$dw" "$(echo "$rows/$dw" | bc -l)" "$(echo "$mb/$dw" | bc -l)" $((drss/1024)) $(( $(stat -c %s "$data/duckdb-$rows.parquet") / 1000000 ))
  printf "cpu time (user+sys): thaw %.1f s, duckdb %.1f s\n" "$(echo "$tu+$ts" | bc -l)" "$(echo "$du+$ds" | bc -l)"
  printf "load average (1 min): %s before thaw, %s before duckdb, %s after (1/5/15 min); %s threads each\n" "$load_thaw" "$load_duckdb" "$(cut -d' ' -f1-3 /proc/loadavg)" "$threads"
  printf "ratio thaw/duckdb wall time: %.2f (goal <= 1.0)\n" "$(echo "$tw/$dw" | bc -l)"
  echo "one-column scan of thaw's parquet, one thread: $scan"
} | tee "$report"
