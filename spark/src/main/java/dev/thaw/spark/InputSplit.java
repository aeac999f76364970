package dev.thaw.spark;

import dev.thaw.analysis.agg.TraceInputs;
import dev.thaw.ingest.Formats;
import dev.thaw.ingest.TraceFormat;
import dev.thaw.ingest.Traces;
import dev.thaw.ingest.source.PathHints;
import dev.thaw.ingest.source.SourceFile;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One input of an analysis pass as a task receives it: a file, a .gz, or one zip member (a Parquet part file is a
 * file), with the format the driver detected and the hints its path gave. The executor rebuilds the very input the
 * local run reads, so readers, error messages (file, line, column) and results are the same.
 */
record InputSplit(String path, String member, String region, Integer day, String metric, String formatId, boolean columnar)
        implements Serializable {

    static InputSplit of(TraceInputs.Input in) {
        SourceFile f = in.group().files().get(0);
        TraceFormat fmt = in.group().format();
        return new InputSplit(f.path().toString(), f.member(), f.hints().region(), f.hints().day(), f.hints().metric(),
                fmt == null ? null : fmt.id(), in.group().columnar());
    }

    /**
     * The input on this executor. A relative path is read from the driver's working directory when the executor's
     * own does not hold it (cluster executors run in a work folder of their own).
     */
    TraceInputs.Input toInput(String driverDir) {
        Path p = Path.of(path);
        if (!p.isAbsolute() && !Files.exists(p)) p = Path.of(driverDir).resolve(p);
        SourceFile f = new SourceFile(p, member, new PathHints(region, day, metric));
        // thaw's own Parquet/Arrow tables carry their format in the footer: the reader takes it from there
        TraceFormat fmt = columnar || formatId == null ? null : Formats.byId(formatId);
        return new TraceInputs.Input(new Traces.Group(fmt, List.of(f), columnar), f.displayName());
    }
}
