package dev.hindsight.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Compute credential_daily and scores for a range of days, each day as if scored on that day.")
final class ScoreCommand implements Callable<Integer> {
  @Mixin SparkOptions spark;
  @Mixin DateOptions dates;
  @Mixin ScoringOptions scoring;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    dates.check();
    var config = scoring.config();
    var geo = scoring.geo();
    SparkSession session = spark.session("hindsight score");
    try {
      var lake = spark.open(session);
      Output.summary(spec.commandLine().getOut(), "score", Pipeline.score(lake, config, geo, dates.from, dates.to,
          spec.commandLine().getParseResult().originalArgs(), spark.masterOrDefault()));
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
