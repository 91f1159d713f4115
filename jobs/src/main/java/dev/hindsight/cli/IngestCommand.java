package dev.hindsight.cli;

import dev.hindsight.error.Errors;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.ParseLimits;
import dev.hindsight.ingest.Sources;
import dev.hindsight.lake.Lake;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Read audit-log files under --input into the events table (idempotent; files already read are skipped).")
final class IngestCommand implements Callable<Integer> {
  @Mixin
  SparkOptions spark;

  @Spec
  CommandSpec spec;

  @Mixin
  LogOptions logging;

  @Option(names = "--source", required = true, paramLabel = "NAME",
      description = "Log source: ${COMPLETION-CANDIDATES}", completionCandidates = SourceNames.class)
  String source;

  @Option(names = "--input", required = true, paramLabel = "URI",
      description = "Folder or file to read: local path, file:// or s3a://bucket/prefix")
  String input;

  @Option(names = "--source-option", paramLabel = "KEY=VALUE",
      description = "A setting of the source (repeatable), e.g. mapping=litellm for --source proxy")
  java.util.Map<String, String> sourceOptions = new java.util.LinkedHashMap<>();

  @Option(names = "--mapping", paramLabel = "NAME|FILE",
      description = "Field mapping of --source proxy: litellm, apigateway or a mapping JSON file"
          + " (same as --source-option mapping=...)")
  String mapping;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day of files to read (by date in their path)")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day of files to read (inclusive)")
  LocalDate to;

  @Option(names = "--relist-days", paramLabel = "N", defaultValue = "0",
      description = "Also list the folders of the N days before --from that an earlier ingest of this source read,"
          + " for files delivered there late (the nightly DAG and run pass 1; default: ${DEFAULT-VALUE})")
  int relistDays;

  @Option(names = "--reprocess", description = "Read files again even if ingest_files says they were read")
  boolean reprocess;

  @Option(names = "--max-bad-ratio", paramLabel = "R", defaultValue = "0.01",
      description = "Fail (exit 1) when more than this share of records is quarantined (default: ${DEFAULT-VALUE})")
  double maxBadRatio;

  @Option(names = "--max-file-bytes", paramLabel = "N", defaultValue = "536870912",
      description = "Decompressed bytes read from one file at most (default: ${DEFAULT-VALUE})")
  long maxFileBytes;

  @Option(names = "--max-record-bytes", paramLabel = "N", defaultValue = "1048576",
      description = "Bytes of one record at most (default: ${DEFAULT-VALUE})")
  int maxRecordBytes;

  static final class SourceNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Sources.names().iterator();
    }
  }

  @Override
  public Integer call() {
    if (from != null && to == null || from == null && to != null) {
      throw Errors.usage("--from and --to go together: give both, or neither to read everything");
    }
    if (relistDays > 0 && from == null) {
      throw Errors.usage("--relist-days needs --from and --to: the days it lists again are the ones before --from");
    }
    IngestJob.Options options = new IngestJob.Options(source, input, new DateRange(from, to), reprocess,
        maxBadRatio, new ParseLimits(maxFileBytes, maxRecordBytes), SourceOptions.merged(sourceOptions, mapping), relistDays);
    IngestJob job = new IngestJob(options);
    java.io.PrintWriter out = spec.commandLine().getOut();
    boolean terminal = Progress.terminal();
    logging.start("ingest", terminal /* quiet on a terminal; the scheduler's log keeps the lines */, out);
    SparkSession session = spark.session("hindsight ingest");
    try (Progress progress = new Progress(out, terminal, 1).sparkTasks(session.sparkContext())) {
      Lake lake = spark.open(session);
      if (!logging.verbose) {
        progress.start(Progress.label(job));
      }
      IngestJob.Result result = spark.runner(lake, spec).run(job);
      if (!logging.verbose) {
        progress.done(Progress.counts(result), Progress.rate(result.filesRead(), "files", progress.elapsed()));
      }
      Output.summary(out, "ingest", result.summary());
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
