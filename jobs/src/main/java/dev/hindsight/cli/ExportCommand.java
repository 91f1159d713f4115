package dev.hindsight.cli;

import dev.hindsight.export.ExportJob;
import dev.hindsight.lake.Lake;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write the findings that overlap a period for a SIEM or a case tool: OCSF 1.3.0 Detection"
        + " Finding (JSON lines), AWS Security Hub ASFF (BatchImportFindings requests, one per line), SARIF 2.1.0,"
        + " CSV or JSON lines; with triage status, ATT&CK techniques and evidence events.")
final class ExportCommand implements Callable<Integer> {
  @Mixin SparkOptions spark;
  @Mixin DateOptions dates;
  @Spec CommandSpec spec;

  @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "ocsf, asff, sarif, csv or jsonl")
  ExportJob.Format format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write (local or s3a://); replaced if it exists")
  String out;

  @Option(names = "--min-score", paramLabel = "X", defaultValue = "0", description = "Only findings scoring at least X (default: all)")
  double minScore;

  @Option(names = "--aws-account", paramLabel = "ID", description = "asff: the 12-digit account importing into Security Hub")
  String awsAccount;

  @Option(names = "--aws-region", paramLabel = "REGION", defaultValue = "us-east-1", description = "asff: Security Hub's region (default: ${DEFAULT-VALUE})")
  String awsRegion;

  @Override
  public Integer call() {
    dates.check();
    ExportJob job = new ExportJob(new ExportJob.Options(format, dates.from, dates.to, minScore, out, awsAccount,
        awsRegion));
    SparkSession session = spark.session("hindsight export");
    try {
      Lake lake = spark.open(session);
      ExportJob.Result r = spark.runner(lake, spec).run(job);
      Output.summary(spec.commandLine().getOut(), "export", r.summary());
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
