package dev.hindsight.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.hindsight.error.Errors;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "findings", mixinStandardHelpOptions = true,
    description = "Print the findings that overlap a range, highest score first.")
final class FindingsCommand implements Callable<Integer> {
  @Mixin SparkOptions spark;
  @Mixin DateOptions dates;
  @Spec CommandSpec spec;

  @Option(names = "--min-score", paramLabel = "X", defaultValue = "0", description = "Only findings scoring at least X")
  double minScore;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, csv or json (one object per line, all columns; dates ISO-8601)")
  Output.Format format;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N findings (default: ${DEFAULT-VALUE})")
  int limit;

  @Override
  public Integer call() {
    dates.check();
    if (limit < 1) {
      throw Errors.usage("--limit must be at least 1 (got " + limit + ")");
    }
    SparkSession session = spark.session("hindsight sql");
    try {
      var lake = spark.open(session);
      if (!lake.exists("findings")) {
        throw Errors.tableMissing("list findings", lake.root(), "findings",
            "run 'hindsight score' and 'hindsight publish' first");
      }
      Dataset<Row> f = lake.read("findings")
          .where(col("last_seen").geq(lit(dates.from)).and(col("first_seen").leq(lit(dates.to)))
              .and(col("score").geq(minScore)))
          .orderBy(col("score").desc(), col("first_seen"), col("finding_id"));
      f = dev.hindsight.triage.TriageStatus.withStatus(lake, f)
          .orderBy(col("score").desc(), col("first_seen"), col("finding_id"));
      if (format == Output.Format.table) {
        f = f.select(col("finding_id"), col("severity"), col("score"), col("status"), col("first_seen"), col("last_seen"),
            col("credential_id"), org.apache.spark.sql.functions.concat_ws(",", col("attack_techniques")).as("attack"),
            col("summary"));
      }
      Output.print(spec.commandLine().getOut(), f, format, limit);
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
