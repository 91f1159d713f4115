package dev.hindsight.cli;

import dev.hindsight.audit.SampleJob;
import dev.hindsight.lake.Lake;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sample", mixinStandardHelpOptions = true,
    description = {"Draw a reproducible sample of events or findings over a period for an auditor: the same seed"
        + " against the same Delta version gives the same rows, byte for byte.",
        "Writes <out>/sample.csv (or .jsonl) and <out>/manifest.json (period, table version, seed, strata, sha256),"
        + " and records the drawn rows in the samples table. Check a sample later with 'hindsight verify-sample'."})
final class SampleCommand implements Callable<Integer> {
  @Mixin SparkOptions spark;
  @Mixin DateOptions dates;
  @Spec CommandSpec spec;

  @Option(names = "--table", required = true, paramLabel = "TABLE", description = "events or findings")
  SampleJob.Table table;

  @Option(names = "--size", required = true, paramLabel = "N", description = "Rows to draw")
  int size;

  @Option(names = "--seed", required = true, paramLabel = "S", description = "Seed of the draw (write it down: it is the sample's key)")
  long seed;

  @Option(names = "--stratify-by", split = ",", paramLabel = "COL[,COL...]",
      description = "Draw within strata of these columns (e.g. account_id,region): every stratum gets at least one row, the rest in proportion")
  List<String> stratifyBy = new ArrayList<>();

  @Option(names = "--as-of-version", paramLabel = "V", description = "Delta version of the table to read (default: the latest, which is recorded)")
  Long asOfVersion;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "Folder for the export and manifest.json (local or s3a://); never overwritten")
  String out;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "csv or json (JSON lines) (default: ${DEFAULT-VALUE})")
  SampleJob.Format format;

  @Option(names = "--include-raw", negatable = false, description = "Keep the events' raw record in the export (large)")
  boolean includeRaw;

  @Override
  public Integer call() {
    dates.check();
    SampleJob.Options options = new SampleJob.Options(table, dates.from, dates.to, size, seed, stratifyBy,
        asOfVersion, out, format, includeRaw);
    SparkSession session = spark.session("hindsight sample");
    try {
      Lake lake = spark.open(session);
      SampleJob.Result r = spark.runner(lake, spec).run(new SampleJob(options));
      PrintWriter pw = spec.commandLine().getOut();
      Output.summary(pw, "sample", r.summary());
      pw.println("allocation:");
      Output.rows(pw, List.of("stratum", "population", "sampled"), r.allocationTable());
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
