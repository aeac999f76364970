package dev.thaw.ingest.text;

import dev.thaw.ingest.source.SourceFile;

/** A reader of several source files that tells which one it is in (for progress displays). */
public interface SourceProgress {
    /** The file being read now, or null before the first. */
    SourceFile currentFile();

    /** Files read to their end. */
    int sourcesDone();
}
