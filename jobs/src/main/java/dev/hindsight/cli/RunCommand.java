package dev.hindsight.cli;

import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.ParseLimits;
import dev.hindsight.pipeline.PipelineJob;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Ingest, score and publish one logical date: what the nightly schedule calls. Late data is"
        + " caught: the day before is listed again for late files, and earlier days whose events arrived after"
        + " they were scored are scored and published again (the runs table lists them as restated_dates).")
final class RunCommand implements Callable<Integer> {
  @Mixin SparkOptions spark;
  @Mixin ScoringOptions scoring;
  @Spec CommandSpec spec;

  @Mixin SourceOptions logs;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The logical date")
  LocalDate date;

  @Option(names = "--relist-days", paramLabel = "N", defaultValue = "1",
      description = "Also list the folders of the N days before --date that were ingested already, for files"
          + " delivered there late (default: ${DEFAULT-VALUE})")
  int relistDays;

  @Option(names = "--late-days", paramLabel = "N", defaultValue = "7",
      description = "Score and publish again the days among the N before --date whose events arrived after they"
          + " were scored, and the days after them (0: off; default: ${DEFAULT-VALUE})")
  int lateDays;

  @Override
  public Integer call() {
    logs.check();
    IngestJob.Options ingest = new IngestJob.Options(logs.source, logs.input, new DateRange(date, date), false,
        0.01, ParseLimits.DEFAULT, logs.sourceOptions(), relistDays);
    PipelineJob job = new PipelineJob(new PipelineJob.Options(List.of(ingest), true /* ingest the day only */,
        date, date, 1, false /* no resume: a rerun redoes the day */, scoring.config(), scoring.geo(), lateDays),
        null);
    SparkSession session = spark.session("hindsight run");
    try {
      var lake = spark.open(session);
      PrintWriter out = spec.commandLine().getOut();
      spark.runner(lake, spec)
          .onFinished((step, result) -> Output.summary(out, step.command(), result.summary()))
          .run(job);
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
