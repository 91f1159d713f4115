package dev.hindsight.cli;

import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.ParseLimits;
import dev.hindsight.pipeline.PipelineJob;
import java.io.PrintWriter;
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

  @Option(names = "--chunk-days", paramLabel = "N", defaultValue = "14", description = "Days per chunk (default: ${DEFAULT-VALUE})")
  int chunkDays;

  @Option(names = "--no-resume", description = "Redo chunks that already finished")
  boolean noResume;

  @Override
  public Integer call() {
    dates.check();
    logs.check();
    IngestJob.Options ingest = new IngestJob.Options(logs.source, logs.input, new DateRange(dates.from, dates.to),
        false, 0.01, ParseLimits.DEFAULT, logs.sourceOptions());
    PrintWriter out = spec.commandLine().getOut();
    PipelineJob job = new PipelineJob(new PipelineJob.Options(List.of(ingest), true /* each chunk its own days */,
        dates.from, dates.to, chunkDays, !noResume, scoring.config(), scoring.geo()), chunk -> {
          if (chunk.skipped()) {
            out.println("chunk " + chunk.from() + ".." + chunk.to() + ": already done (use --no-resume to redo)");
          } else {
            out.printf("chunk %s..%s: %d new events, %d score rows, %d findings%n", chunk.from(), chunk.to(),
                chunk.eventsWritten(), chunk.score().scoreRows(), chunk.publish().findings());
          }
          out.flush();
        });
    SparkSession session = spark.session("hindsight backfill");
    try {
      spark.runner(spark.open(session), spec).run(job);
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
