package dev.hindsight.cli;

import dev.hindsight.audit.ReportJob;
import dev.hindsight.lake.Lake;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write the auditor's report for a period: one self-contained HTML file (opens offline) with the"
        + " findings by severity and account, a timeline, the top findings with their evidence, the period's coverage"
        + " and the Delta version of every table read.")
final class ReportCommand implements Callable<Integer> {
  @Mixin SparkOptions spark;
  @Mixin DateOptions dates;
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "HTML file to write (local or s3a://); replaced if it exists")
  String out;

  @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Findings shown in full (default: ${DEFAULT-VALUE})")
  int top;

  @Option(names = "--evidence", paramLabel = "N", defaultValue = "10", description = "Evidence events shown per finding (default: ${DEFAULT-VALUE})")
  int evidence;

  @Override
  public Integer call() {
    dates.check();
    ReportJob.Options options = new ReportJob.Options(dates.from, dates.to, out, top, evidence);
    SparkSession session = spark.session("hindsight report");
    try {
      Lake lake = spark.open(session);
      ReportJob.Result r = spark.runner(lake, spec).run(new ReportJob(options));
      Output.summary(spec.commandLine().getOut(), "report", r.summary());
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
