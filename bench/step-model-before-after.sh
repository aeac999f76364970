#!/bin/bash
# ServingBench and PlanSearchBench of an earlier commit (default d0460db: the roofline step model before the measured
# kernel databases) and of this worktree, side by side in one run. Usage, from the repository root:
#   bench/step-model-before-after.sh [BASE_COMMIT] [AZURE_CONV_CSV]
# The base is exported with git archive into a temporary folder and built there (never installed).
set -euo pipefail
BASE_COMMIT=${1:-d0460db}
TRACE=${2:-datasets/llm-traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv}
ROOT=$(pwd)
TMP=$(mktemp -d /tmp/thaw-before-after.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
git archive "$BASE_COMMIT" | tar -x -C "$TMP"
(cd "$TMP" && mvn -B -q -o -Pbench -DskipTests package -pl bench -am)
mvn -B -q -o -Pbench -DskipTests package -pl bench -am
JVM="-Darrow.enable_unsafe_memory_access=true -Darrow.enable_null_check_for_get=false --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx3g"
BEFORE="$TMP/bench/target/thaw-bench-0.1.0-SNAPSHOT.jar:$TMP/bench/target/lib/*"
AFTER="$ROOT/bench/target/thaw-bench-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*"
uptime
for who in before after; do
  CP=$BEFORE; [ $who = after ] && CP=$AFTER
  echo "=== $who ServingBench"; java $JVM -cp "$CP" dev.thaw.bench.serving.ServingBench "$TRACE" 2>&1 | grep -v SLF4J
done
for who in before after; do
  CP=$BEFORE; [ $who = after ] && CP=$AFTER
  echo "=== $who PlanSearchBench"; taskset -c 0,1 java $JVM -cp "$CP" dev.thaw.bench.search.PlanSearchBench . 2>&1 | grep -v SLF4J
done
uptime
