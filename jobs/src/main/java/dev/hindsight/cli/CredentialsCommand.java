package dev.hindsight.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.hindsight.error.Errors;
import dev.hindsight.inventory.CredentialsJob;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.tables.Credentials;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "credentials", mixinStandardHelpOptions = true,
    description = {"Build the credential inventory as of a day into the credentials table and print it: every"
        + " credential any source logged up to that day (AWS keys and roles, Azure service principals and managed"
        + " identities, GCP service accounts and keys, Anthropic and OpenAI API keys, proxy keys) with its type and"
        + " lifetime, creation where logged, first and last day, sources, accounts, regions, countries and networks,"
        + " whether it reached an LLM endpoint, its open findings and a recommendation: investigate, delete, rotate"
        + " or keep.", "Point-in-time: nothing after --as-of is read; rerunning a day replaces its rows."})
final class CredentialsCommand implements Callable<Integer> {
  @Mixin SparkOptions spark;
  @Spec CommandSpec spec;

  @Option(names = "--as-of", required = true, paramLabel = "YYYY-MM-DD", description = "The day (UTC, inclusive)")
  LocalDate asOf;

  @Option(names = "--rotate-days", defaultValue = "90", paramLabel = "N",
      description = "Rotate a long-lived credential older than N days (default ${DEFAULT-VALUE})")
  int rotateDays;

  @Option(names = "--unused-days", defaultValue = "30", paramLabel = "N",
      description = "Delete a long-lived credential unused for N days (default ${DEFAULT-VALUE})")
  int unusedDays;

  @Option(names = "--llm-only", description = "Print only credentials that reached an LLM endpoint")
  boolean llmOnly;

  @Option(names = "--recommendation", paramLabel = "R", description = "Print only investigate, delete, rotate or keep")
  String recommendation;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, csv or json (one object per line, all columns)")
  Output.Format format;

  @Option(names = "--limit", paramLabel = "N", description = "At most N rows (default: all for csv and json, 1,000 for table)")
  Integer limit;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write the rows there instead (csv or json per --format; local or s3a://), e.g. for the ticket")
  String out;

  @Override
  public Integer call() {
    if (recommendation != null && !java.util.List.of("investigate", "delete", "rotate", "keep").contains(recommendation)) {
      throw Errors.outOfRange("--recommendation", "investigate, delete, rotate or keep", recommendation);
    }
    if (out != null && format == Output.Format.table) {
      throw Errors.usage("--out writes csv or json: add --format csv or --format json");
    }
    CredentialsJob.Options options = new CredentialsJob.Options(asOf, rotateDays, unusedDays);
    SparkSession session = spark.session("hindsight credentials");
    try {
      Lake lake = spark.open(session);
      CredentialsJob.Result r = spark.runner(lake, spec).run(new CredentialsJob(options));
      Dataset<Row> rows = lake.read(Credentials.TABLE).where(col(Credentials.AS_OF).equalTo(lit(r.asOf())));
      if (llmOnly) {
        rows = rows.where(col(Credentials.LLM_ACCESS));
      }
      if (recommendation != null) {
        rows = rows.where(col(Credentials.RECOMMENDATION).equalTo(recommendation));
      }
      rows = rows.orderBy(org.apache.spark.sql.functions.expr("CASE recommendation WHEN 'investigate' THEN 0"
          + " WHEN 'delete' THEN 1 WHEN 'rotate' THEN 2 ELSE 3 END"), col(Credentials.MAX_OPEN_SCORE).desc_nulls_last(),
          col(Credentials.CREDENTIAL_ID));
      if (format == Output.Format.table) {
        rows = rows.select(col(Credentials.RECOMMENDATION), col(Credentials.CREDENTIAL_ID),
            col(Credentials.CREDENTIAL_TYPE), col(Credentials.LIFETIME), col(Credentials.FIRST_SEEN),
            col(Credentials.LAST_SEEN), col(Credentials.LLM_ACCESS), col(Credentials.OPEN_FINDINGS),
            col(Credentials.REASON));
      }
      if (out != null) {
        write(lake, rows);
      } else {
        Output.print(spec.commandLine().getOut(), rows, format, limit);
      }
      Output.summary(format == Output.Format.table || out != null ? spec.commandLine().getOut()
          : spec.commandLine().getErr(), "credentials", r.summary());
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }

  private void write(Lake lake, Dataset<Row> rows) {
    Path p = new Path(out);
    try {
      FileSystem fs = p.getFileSystem(lake.spark().sparkContext().hadoopConfiguration());
      try (FSDataOutputStream os = fs.create(p, true);
          PrintWriter pw = new PrintWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8))) {
        Output.print(pw, rows, format, limit);
      }
    } catch (IOException e) {
      throw Errors.jobFailed("Cannot write the credentials to " + out + ": " + e.getMessage(), e);
    }
  }
}
