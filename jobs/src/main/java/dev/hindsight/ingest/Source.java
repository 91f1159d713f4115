package dev.hindsight.ingest;

import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A kind of audit log. A Source knows its files and its records; nothing else in ingest knows a source exists.
 * Implementations are serializable: parse runs on executors.
 */
public interface Source extends Serializable {
  /** The name used by --source and stored in events.source. */
  String name();

  /**
   * Lists the files under root that belong to the range. Uses the source's folder layout to list only the
   * prefixes the range needs; files whose path carries no date are always returned.
   */
  Discovery discover(FileSystem fs, Path root, DateRange range) throws IOException;

  /**
   * Parses one file's bytes into events and quarantine rows.
   *
   * @return the detected shape of the file (stored in ingest_files.format)
   */
  String parse(String inputFile, FileBytes bytes, ParseLimits limits, RecordSink sink);
}
