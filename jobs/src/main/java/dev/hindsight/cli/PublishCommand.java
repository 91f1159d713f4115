package dev.hindsight.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Merge the anomalous days of a range into findings (episodes with stable ids).")
final class PublishCommand implements Callable<Integer> {
  @Mixin SparkOptions spark;
  @Mixin DateOptions dates;
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "URI",
      description = "Scoring configuration (finding_score, max_evidence), a path, file: or s3a:// URI")
  String config;

  @Option(names = "--late-days", paramLabel = "N", defaultValue = "7",
      description = "Also publish again from the first of the N days before --from that were scored again after"
          + " they were published (0: off; default: ${DEFAULT-VALUE})")
  int lateDays;

  @Override
  public Integer call() {
    dates.check();
    var cfg = config == null ? dev.hindsight.score.ScoringConfig.defaults()
        : dev.hindsight.score.ScoringConfig.load(config, spark.conf);
    var job = new dev.hindsight.publish.PublishJob(cfg, dates.from, dates.to, lateDays);
    SparkSession session = spark.session("hindsight publish");
    try {
      var lake = spark.open(session);
      Output.summary(spec.commandLine().getOut(), "publish", spark.runner(lake, spec).run(job).summary());
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
