package dev.hindsight.cli;

import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.ParseLimits;
import dev.hindsight.pipeline.PipelineJob;
import dev.hindsight.job.JobRunner;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.List;
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
  @Mixin LogOptions logging;

  @Option(names = "--chunk-days", paramLabel = "N", defaultValue = "14", description = "Days per chunk (default: ${DEFAULT-VALUE})")
  int chunkDays;

  @Option(names = "--no-resume", description = "Redo chunks that already finished")
  boolean noResume;

  /** One line per chunk: its counts, the days done and, once a chunk ran, the time left at that pace. */
  static final class ChunkProgress implements PipelineJob.Listener {
    private final Progress progress;
    private final long totalDays;
    private long daysDone;
    private long daysRun;
    private long nanosRun;

    ChunkProgress(Progress progress, long totalDays) {
      this.progress = progress;
      this.totalDays = totalDays;
    }

    @Override
    public void chunkStarted(LocalDate from, LocalDate to) {
      progress.start("chunk " + from + ".." + to);
      progress.left(Progress.nanosLeft(daysRun, daysRun + (totalDays - daysDone), nanosRun));
    }

    @Override
    public void chunkFinished(PipelineJob.Chunk chunk) {
      daysDone += chunk.days();
      if (chunk.skipped()) {
        progress.start("chunk " + chunk.from() + ".." + chunk.to());
        progress.done("already done (--no-resume redoes it)", daysDone + "/" + totalDays + " days");
        return;
      }
      long nanos = progress.elapsed();
      daysRun += chunk.days();
      nanosRun += nanos;
      String left = left();
      String rate = Progress.rate(chunk.eventsWritten(), "events", nanos);
      progress.done(String.format(Locale.ROOT, "%,7d files %,9d events %,4d findings", chunk.filesRead(),
          chunk.eventsWritten(), chunk.publish().findings()), daysDone + "/" + totalDays + " days"
          + (rate.isEmpty() ? "" : ", " + rate) + (left.isEmpty() ? "" : ", " + left));
    }

    private String left() {
      return Progress.timeLeft(daysRun, daysRun + (totalDays - daysDone), nanosRun);
    }
  }

  static long days(LocalDate from, LocalDate to) {
    return java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
  }

  @Override
  public Integer call() {
    dates.check();
    logs.check();
    IngestJob.Options ingest = new IngestJob.Options(logs.source, logs.input, new DateRange(dates.from, dates.to),
        false, 0.01, ParseLimits.DEFAULT, logs.sourceOptions());
    PrintWriter out = spec.commandLine().getOut();
    PipelineJob.Options options = new PipelineJob.Options(List.of(ingest), true /* each chunk its own days */,
        dates.from, dates.to, chunkDays, !noResume, scoring.config(), scoring.geo(),
        dev.hindsight.lake.LateData.DEFAULT_DAYS /* a chunk's last day can arrive in the next chunk's files */);
    int chunks = new PipelineJob(options, null).chunkRanges().size();
    boolean terminal = Progress.terminal();
    logging.start("backfill", terminal /* quiet on a terminal; the scheduler's log keeps the lines */, out);
    SparkSession session = spark.session("hindsight backfill");
    try (Progress progress = new Progress(out, terminal, chunks).sparkTasks(session.sparkContext())) {
      JobRunner runner = progress.steps(spark.runner(spark.open(session), spec));
      if (logging.verbose) {
        runner.onFinished((step, result) -> Output.summary(out, step.command(), result.summary()));
      }
      runner.run(new PipelineJob(options, new ChunkProgress(progress, days(dates.from, dates.to))));
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
