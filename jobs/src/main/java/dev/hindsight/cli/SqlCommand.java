package dev.hindsight.cli;

import dev.hindsight.error.Errors;
import dev.hindsight.lake.Lake;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run Spark SQL over the lake; every table is available by its name (events, quarantine, ingest_files, runs, ...).")
final class SqlCommand implements Callable<Integer> {
  @Mixin
  SparkOptions spark;

  @Spec
  CommandSpec spec;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  Output.Format format;

  @Option(names = "--limit", paramLabel = "N",
      description = "Print at most N rows (default: every row for csv and json; the first 1000 for table, which"
          + " says how many it did not show)")
  Integer limit;

  @Parameters(index = "0", paramLabel = "QUERY", description = "A Spark SQL query, e.g. \"SELECT count(*) FROM events\"")
  String query;

  @Override
  public Integer call() {
    if (limit != null && limit < 1) {
      throw Errors.usage("--limit must be at least 1 (got " + limit + ")");
    }
    if (query.isBlank()) {
      throw Errors.usage("QUERY is empty");
    }
    SparkSession session = spark.session("hindsight sql");
    try {
      Lake lake = spark.open(session);
      List<String> tables = lake.registerViews();
      try {
        Output.print(spec.commandLine().getOut(), session.sql(query), format, limit);
      } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes but not declared
        if (e instanceof ParseException) {
          throw Errors.usage("QUERY does not parse: " + firstLine(e.getMessage()));
        }
        if (!(e instanceof org.apache.spark.sql.AnalysisException)) {
          throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
        throw Errors.jobFailed("query failed: " + firstLine(e.getMessage())
            + (tables.isEmpty() ? " (the lake at " + lake.root() + " has no tables yet)"
                : " (tables: " + String.join(", ", tables) + ")"));
      }
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }
}
