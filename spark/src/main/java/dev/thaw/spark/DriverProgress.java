package dev.thaw.spark;

import dev.thaw.cli.ScaleOut;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Turns the driver's view of the job (jobs, tasks finished, rows the tasks read) into thaw's progress display.
 * Rows arrive with each finished task (its share of the rows accumulator).
 */
final class DriverProgress extends SparkListener {
    private final long rowsAccumulatorId;
    private final ScaleOut.Progress progress;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong taskRunMs = new AtomicLong();
    private volatile String unit = "rows";
    private final AtomicInteger jobs = new AtomicInteger(), tasksDone = new AtomicInteger(), tasksTotal = new AtomicInteger();

    DriverProgress(long rowsAccumulatorId, ScaleOut.Progress progress) {
        this.rowsAccumulatorId = rowsAccumulatorId;
        this.progress = progress;
    }

    @Override public void onJobStart(SparkListenerJobStart job) {
        jobs.incrementAndGet();
        int tasks = 0;
        for (var s : CollectionConverters.asJava(job.stageInfos())) tasks += s.numTasks();
        tasksTotal.addAndGet(tasks);
        report();
    }

    @Override public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskInfo().successful()) {
            tasksDone.incrementAndGet();
            if (end.taskMetrics() != null) taskRunMs.addAndGet(end.taskMetrics().executorRunTime());
            for (AccumulableInfo a : CollectionConverters.asJava(end.taskInfo().accumulables()))
                if (a.id() == rowsAccumulatorId && a.update().isDefined() && a.update().get() instanceof Long n) rows.addAndGet(n);
        }
        report();
    }

    /** What the counter counts: rows an analysis read, or items (plans, shards) a map or two-round job processed. */
    void countingItems() { unit = "items"; }

    /** One line for the log: what the cluster did, and the rows per task-second a capacity estimate starts from. */
    String totals() {
        double taskS = taskRunMs.get() / 1e3;
        String line = String.format(java.util.Locale.ROOT, "thaw spark: %d jobs, %d tasks, %.1f task-seconds", jobs.get(), tasksDone.get(), taskS);
        if (rows.get() == 0) return line;
        return line + String.format(java.util.Locale.ROOT, ", %,d %s (%,.0f %s per task-second)", rows.get(), unit, taskS > 0 ? rows.get() / taskS : 0.0, unit);
    }

    private void report() {
        progress.update(rows.get(), "spark job " + jobs.get() + ", tasks " + tasksDone.get() + "/" + tasksTotal.get());
    }
}
