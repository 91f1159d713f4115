package dev.hindsight.cli;

import dev.hindsight.lake.Lake;
import dev.hindsight.maintain.MaintainJob;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = "Keep the lake readable and fast for years: set every table's retention (default 400 days, so"
        + " pinned samples and reports stay readable), compact small files (OPTIMIZE) and delete the files no"
        + " version within the retention needs (VACUUM).")
final class MaintainCommand implements Callable<Integer> {
  @Mixin SparkOptions spark;
  @Spec CommandSpec spec;

  @Option(names = "--retention-days", paramLabel = "N", description = "Change the lake's retention (at least 7; kept in <lake>/_hindsight/settings.json)")
  Integer retentionDays;

  @Option(names = "--optimize", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Compact small files (default: yes; --no-optimize to skip)")
  boolean optimize;

  @Option(names = "--vacuum", negatable = true, defaultValue = "true", fallbackValue = "true", description = "VACUUM within the retention (default: yes; --no-vacuum to skip)")
  boolean vacuum;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "With --to: compact only these days of the day-partitioned tables")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day to compact (inclusive)")
  LocalDate to;

  @Option(names = "--table", paramLabel = "NAME", description = "Only this table (repeatable; default: every table)")
  List<String> tables;

  @Override
  public Integer call() {
    MaintainJob job = new MaintainJob(new MaintainJob.Options(retentionDays, optimize, vacuum, from, to, tables));
    SparkSession session = spark.session("hindsight maintain");
    try {
      Lake lake = spark.open(session);
      MaintainJob.Result r = spark.runner(lake, spec).run(job);
      Output.summary(spec.commandLine().getOut(), "maintain", r.summary());
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
