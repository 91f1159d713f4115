package dev.hindsight.cli;

import dev.hindsight.ingest.IngestJob;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Ingest, score and publish one logical date: what the nightly schedule calls.")
final class RunCommand implements Callable<Integer> {
  @Mixin SparkOptions spark;
  @Mixin ScoringOptions scoring;
  @Spec CommandSpec spec;

  @Mixin SourceOptions logs;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The logical date")
  LocalDate date;

  @Override
  public Integer call() {
    logs.check();
    var config = scoring.config();
    var geo = scoring.geo();
    SparkSession session = spark.session("hindsight run");
    try {
      var lake = spark.open(session);
      var args = spec.commandLine().getParseResult().originalArgs();
      IngestJob.Result r = Pipeline.ingest(lake, logs.source, logs.sourceOptions(), logs.input, date, date, args, spark.masterOrDefault());
      Output.summary(spec.commandLine().getOut(), "ingest", IngestJob.describe(r));
      Output.summary(spec.commandLine().getOut(), "score",
          Pipeline.score(lake, config, geo, date, date, args, spark.masterOrDefault()));
      Output.summary(spec.commandLine().getOut(), "publish",
          Pipeline.publish(lake, config, date, date, args, spark.masterOrDefault()));
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
