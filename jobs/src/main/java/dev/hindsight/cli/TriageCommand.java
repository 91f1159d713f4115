package dev.hindsight.cli;

import dev.hindsight.lake.Lake;
import dev.hindsight.triage.TriageJob;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "triage", mixinStandardHelpOptions = true,
    description = "Set a finding's status (acknowledged, false_positive, resolved): a new row in the triage table,"
        + " nothing overwritten. A closed finding that grows on a later rescore is reopened by publish."
        + " With --suppress, also mute the finding's detectors (or --detector) for its credential until --expires.")
final class TriageCommand implements Callable<Integer> {
  @Mixin SparkOptions spark;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FINDING_ID", description = "The finding (24 hex digits; see 'hindsight findings')")
  String findingId;

  @Option(names = "--status", required = true, paramLabel = "STATUS", description = "acknowledged, false_positive or resolved")
  String status;

  @Option(names = "--note", paramLabel = "TEXT", description = "Why (kept with the change)")
  String note;

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who triaged it")
  String by;

  @Option(names = "--suppress", description = "Also add suppression rules for the finding's credential and detectors")
  boolean suppress;

  @Option(names = "--detector", paramLabel = "NAME", description = "With --suppress: only this detector")
  String detector;

  @Option(names = "--expires", paramLabel = "YYYY-MM-DD", description = "With --suppress: the last day the rules apply to")
  LocalDate expires;

  @Override
  public Integer call() {
    TriageJob job = new TriageJob(new TriageJob.Options(findingId, status, note, by, suppress, detector, expires));
    SparkSession session = spark.session("hindsight triage");
    try {
      Lake lake = spark.open(session);
      TriageJob.Result r = spark.runner(lake, spec).run(job);
      Output.summary(spec.commandLine().getOut(), "triage", r.summary());
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
