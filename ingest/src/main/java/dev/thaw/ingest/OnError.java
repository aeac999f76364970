package dev.thaw.ingest;

/** What to do with a malformed row: stop with a clear error (the default), or skip it and report it. */
public enum OnError { FAIL, SKIP }
