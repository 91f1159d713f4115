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

  @picocli.CommandLine.Option(names = "--late-days", paramLabel = "N", defaultValue = "7",
      description = "Also score again the days among the N before --from whose events arrived after they were"
          + " scored, and the days after them (0: off; default: ${DEFAULT-VALUE})")
  int lateDays;

  @Override
  public Integer call() {
    dates.check();
    var job = new dev.hindsight.score.ScoringJob(scoring.config(), scoring.geo(), dates.from, dates.to,
        lateDays);
    SparkSession session = spark.session("hindsight score");
    try {
      var lake = spark.open(session);
      Output.summary(spec.commandLine().getOut(), "score", spark.runner(lake, spec).run(job).summary());
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
