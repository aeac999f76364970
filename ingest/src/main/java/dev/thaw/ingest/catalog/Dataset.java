package dev.thaw.ingest.catalog;

/** One dataset thaw knows: where it lies under {@code datasets/}, its format, what it is, and its licence. */
public record Dataset(String name, String path, String format, String description, String licence, boolean synthetic) {}
