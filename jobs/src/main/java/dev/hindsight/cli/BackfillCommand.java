package dev.hindsight.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.hindsight.ingest.IngestJob;
import dev.hindsight.lake.Lake;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "Ingest, score and publish a range in date order, a chunk of days at a time; a rerun resumes after the last finished chunk.")
final class BackfillCommand implements Callable<Integer> {
  @Mixin SparkOptions spark;
  @Mixin DateOptions dates;
  @Mixin ScoringOptions scoring;
  @Spec CommandSpec spec;

  @Mixin SourceOptions logs;

  @Option(names = "--chunk-days", paramLabel = "N", defaultValue = "14", description = "Days per chunk (default: ${DEFAULT-VALUE})")
  int chunkDays;

  @Option(names = "--no-resume", description = "Redo chunks that already finished")
  boolean noResume;

  @Override
  public Integer call() {
    dates.check();
    logs.check();
    if (chunkDays < 1 || chunkDays > 366) {
      throw new IllegalArgumentException("--chunk-days must be within 1..366 (got " + chunkDays + ")");
    }
    var config = scoring.config();
    var geo = scoring.geo();
    SparkSession session = spark.session("hindsight backfill");
    try {
      Lake lake = spark.open(session);
      var args = spec.commandLine().getParseResult().originalArgs();
      var out = spec.commandLine().getOut();
      for (LocalDate start = dates.from; !start.isAfter(dates.to); start = start.plusDays(chunkDays)) {
        LocalDate end = start.plusDays(chunkDays - 1).isAfter(dates.to) ? dates.to : start.plusDays(chunkDays - 1);
        if (!noResume && finished(lake, start, end, config.version())) {
          out.println("chunk " + start + ".." + end + ": already done (use --no-resume to redo)");
          continue;
        }
        IngestJob.Result r = Pipeline.ingest(lake, logs.source, logs.sourceOptions(), logs.input, start, end, args, spark.masterOrDefault());
        var s = Pipeline.score(lake, config, geo, start, end, args, spark.masterOrDefault());
        var p = Pipeline.publish(lake, config, start, end, args, spark.masterOrDefault());
        out.printf("chunk %s..%s: %d new events, %s score rows, %s findings%n", start, end, r.eventsWritten(),
            s.get("score_rows"), p.get("findings"));
        out.flush();
      }
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }

  /** A chunk is done when a publish run for exactly its dates succeeded after a score run with this config. */
  private static boolean finished(Lake lake, LocalDate from, LocalDate to, String configVersion) {
    if (!lake.exists("runs") || !lake.exists("scores")) {
      return false;
    }
    boolean published = !lake.read("runs").where(col("command").equalTo("publish").and(col("status").equalTo("succeeded"))
        .and(col("date_from").equalTo(lit(from))).and(col("date_to").equalTo(lit(to)))).isEmpty();
    boolean scoredWithConfig = !lake.read("scores").where(col("event_date").between(lit(from), lit(to))
        .and(col("config_version").equalTo(configVersion))).isEmpty();
    return published && scoredWithConfig;
  }
}
