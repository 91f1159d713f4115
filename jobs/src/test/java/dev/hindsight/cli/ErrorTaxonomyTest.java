package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.TestSpark;
import dev.hindsight.ingest.LogFixtures;
import dev.hindsight.job.Job;
import dev.hindsight.job.JobContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The exit code comes from the project's error types only: usage 2, job failed / lake state 1, anything else a bug (1). */
class ErrorTaxonomyTest {

  /** A command whose job fails the way a bug inside Spark or Jackson does: an IllegalArgumentException mid-job. */
  @Command(name = "boom")
  static final class BoomCommand implements Callable<Integer> {
    @Mixin SparkOptions spark;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      var lake = spark.open(spark.session("hindsight boom"));
      spark.runner(lake, spec).run(new Job<Job.Result>() {
        @Override
        public String command() {
          return "boom";
        }

        @Override
        public Job.Result execute(JobContext ctx) {
          throw new IllegalArgumentException("requirement failed: a column that cannot be resolved");
        }
      });
      return Hindsight.OK;
    }
  }

  static CliRunner.Result runWithBoom(String... args) {
    TestSpark.get();
    CommandLine cl = Hindsight.commandLine();
    cl.addSubcommand("boom", new BoomCommand());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new CliRunner.Result(code, out.toString(), err.toString());
  }

  @Test
  void aUsageErrorExitsTwoWithAHelpHint(@TempDir Path tmp) throws Exception {
    Path config = Files.writeString(tmp.resolve("scoring.json"), "{\"finding_scor\": 60}");
    CliRunner.Result r = CliRunner.run("score", "--lake", tmp.resolve("lake").toString(), "--from", "2026-01-01",
        "--to", "2026-01-02", "--config", config.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("hindsight score: Cannot use scoring config " + config + ": unknown key 'finding_scor'")
        .contains("Try 'hindsight score --help'.").doesNotContain("\tat ");

    CliRunner.Result chunk = CliRunner.run("backfill", "--lake", tmp.resolve("lake").toString(), "--source",
        "cloudtrail", "--input", "x", "--from", "2026-01-01", "--to", "2026-01-02", "--chunk-days", "0");
    assertThat(chunk.code()).isEqualTo(2);
    assertThat(chunk.err()).startsWith("hindsight backfill: --chunk-days must be within 1..366 (got 0)");
  }

  @Test
  void aLakeStateErrorExitsOneSayingWhatToRunWithoutAStackTrace(@TempDir Path tmp) throws Exception {
    String lake = tmp.resolve("lake").toString();
    CliRunner.Result publish = CliRunner.run("publish", "--lake", lake, "--from", "2026-01-05", "--to", "2026-01-07");
    assertThat(publish.code()).isEqualTo(1);
    assertThat(publish.err()).isEqualTo("hindsight publish: Cannot publish: the lake at " + new dev.hindsight.lake.Lake(
        TestSpark.get(), lake).root() + " has no scores table yet; run 'hindsight score --from 2026-01-05 --to"
        + " 2026-01-07' first\n");

    // A table written by a newer schema version of hindsight (an older one with only appended columns migrates:
    // MigrationTest).
    Path logs = LogFixtures.smallTree(tmp.resolve("logs"));
    assertThat(CliRunner.run("ingest", "--lake", lake, "--source", "cloudtrail", "--input", logs.toString()).code())
        .isZero();
    String events = new dev.hindsight.lake.Lake(TestSpark.get(), lake).path("events");
    TestSpark.get().sql("ALTER TABLE delta.`" + events + "` SET TBLPROPERTIES ('hindsight.schema.version' = '9')");
    CliRunner.Result again = CliRunner.run("ingest", "--lake", lake, "--source", "cloudtrail", "--input",
        logs.toString(), "--reprocess");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).startsWith("hindsight ingest: Cannot use table events at " + events
        + ": it has schema version 9 but this hindsight reads version 1").doesNotContain("\tat ").doesNotContain("Try");
    CliRunner.Result runs = CliRunner.run("sql", "--lake", lake, "--format", "csv",
        "SELECT status, coalesce(error LIKE '%schema version 9%', false) AS said FROM runs ORDER BY started_at");
    assertThat(runs.out()).isEqualTo("status,said\nfailed,false\nsucceeded,false\nfailed,true\n");
  }

  @Test
  void anUnexpectedExceptionInsideAJobIsABugExitOneNotUsage(@TempDir Path tmp) {
    String lake = tmp.resolve("lake").toString();
    CliRunner.Result r = runWithBoom("boom", "--lake", lake);
    assertThat(r.code()).as("an IllegalArgumentException thrown mid-job is not bad usage").isEqualTo(1);
    assertThat(r.err()).startsWith("hindsight boom: internal error, this is a bug in hindsight: "
        + "java.lang.IllegalArgumentException: requirement failed: a column that cannot be resolved\n")
        .doesNotContain("Try 'hindsight").doesNotContain("\tat ");
    CliRunner.Result runs = CliRunner.run("sql", "--lake", lake, "--format", "csv", "SELECT command, status, error FROM runs");
    assertThat(runs.out()).isEqualTo("command,status,error\nboom,failed,requirement failed: a column that cannot be resolved\n");
    assertThat(Map.of("exit", dev.hindsight.error.ExitCode.of(new NullPointerException()))).containsEntry("exit", 1);
  }
}
