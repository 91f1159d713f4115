package dev.hindsight.ingest;

import java.io.Serializable;

/** A file found by discovery: its URI, size and modification time (epoch millis) as listed. */
public record InputFile(String path, long size, long modifiedAt) implements Serializable {}
