package dev.hindsight.cli;

import dev.hindsight.error.Errors;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the logs are and what they are: shared by the commands that ingest on the way (run, backfill). */
public class SourceOptions {
  @Option(names = "--source", required = true, paramLabel = "NAME", description = "Log source, e.g. cloudtrail")
  String source;

  @Option(names = "--input", required = true, paramLabel = "URI",
      description = "Folder or file to read: local path, file:// or s3a://bucket/prefix")
  String input;

  @Option(names = "--source-option", paramLabel = "KEY=VALUE",
      description = "A setting of the source (repeatable), e.g. mapping=litellm for --source proxy")
  Map<String, String> options = new LinkedHashMap<>();

  @Option(names = "--mapping", paramLabel = "NAME|FILE",
      description = "Field mapping of --source proxy: litellm, apigateway or a mapping JSON file"
          + " (same as --source-option mapping=...)")
  String mapping;

  /** Refuses an unknown source, an unknown source option or a bad mapping before any work (exit 2). */
  void check() {
    dev.hindsight.ingest.Sources.byName(source, sourceOptions());
  }

  Map<String, String> sourceOptions() {
    return merged(options, mapping);
  }

  static Map<String, String> merged(Map<String, String> options, String mapping) {
    Map<String, String> m = new LinkedHashMap<>(options == null ? Map.of() : options);
    if (mapping != null) {
      String before = m.put("mapping", mapping);
      if (before != null && !before.equals(mapping)) {
        throw Errors.usage("--mapping " + mapping + " contradicts --source-option mapping=" + before);
      }
    }
    return m;
  }
}
