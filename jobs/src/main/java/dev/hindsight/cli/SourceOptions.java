package dev.hindsight.cli;

import picocli.CommandLine.Option;

/** Where the logs are and what they are: shared by the commands that ingest on the way (run, backfill). */
public class SourceOptions {
  @Option(names = "--source", required = true, paramLabel = "NAME", description = "Log source, e.g. cloudtrail")
  String source;

  @Option(names = "--input", required = true, paramLabel = "URI",
      description = "Folder or file to read: local path, file:// or s3a://bucket/prefix")
  String input;

  /** Refuses an unknown source before any work (exit 2). */
  void check() {
    dev.hindsight.ingest.Sources.byName(source);
  }
}
