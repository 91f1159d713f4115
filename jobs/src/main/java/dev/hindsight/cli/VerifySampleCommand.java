package dev.hindsight.cli;

import dev.hindsight.error.Errors;
import dev.hindsight.audit.SampleVerifier;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify-sample", mixinStandardHelpOptions = true,
    description = "Check a sample folder: the export against its manifest's sha256 and size, then (unless"
        + " --no-redraw) draw it again from the lake at the manifest's Delta version and compare. Exit 1 if any check fails.")
final class VerifySampleCommand implements Callable<Integer> {
  @Mixin SparkOptions spark;
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "The sample's folder (holds manifest.json)")
  String out;

  @Option(names = "--no-redraw", negatable = false, description = "Only check the export's bytes; do not read the lake")
  boolean noRedraw;

  @Override
  public Integer call() {
    SparkSession session = spark.session("hindsight verify-sample");
    try {
      List<SampleVerifier.Check> checks = SampleVerifier.verify(spark.open(session), out, !noRedraw);
      PrintWriter pw = spec.commandLine().getOut();
      boolean ok = true;
      for (SampleVerifier.Check c : checks) {
        pw.println((c.ok() ? "ok    " : "FAIL  ") + c.name() + ": " + c.detail());
        ok &= c.ok();
      }
      if (!ok) {
        throw Errors.jobFailed("sample at " + out + " does not verify");
      }
      pw.println("verified: " + out);
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
