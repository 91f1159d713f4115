package dev.hindsight.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.TestSpark;
import dev.hindsight.error.Errors;
import dev.hindsight.error.JobFailedException;
import dev.hindsight.lake.Lake;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunnerTest {
  static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = TestSpark.get();
  }

  record Done(String runId, String status, long n) implements Job.Result {
    @Override
    public Map<String, Object> summary() {
      return Map.of("n", n);
    }
  }

  /** A job whose body is given by the test. */
  record Step(String command, java.util.function.Function<JobContext, Done> body) implements Job<Done> {
    @Override
    public Done execute(JobContext ctx) {
      return body.apply(ctx);
    }
  }

  static List<Row> runs(Lake lake) {
    return lake.read("runs").orderBy("started_at").collectAsList();
  }

  @Test
  void aSucceededRunIsRecordedWithWhatTheJobSaidAndTheListenersHearOfIt(@TempDir Path tmp) {
    Lake lake = new Lake(spark, tmp.toString());
    List<String> heard = new ArrayList<>();
    JobRunner runner = new JobRunner(lake, List.of("ingest", "--conf", "fs.s3a.secret.key=hunter2"), "local[2]")
        .onFinished((job, r) -> heard.add(job.command() + ":" + r.status()));

    Done d = runner.run(new Step("ingest", ctx -> {
      ctx.run().wrote("events", 7).dates(java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2026, 1, 2));
      return new Done(ctx.run().runId(), ctx.run().status(), 7);
    }));
    Done noop = runner.run(new Step("ingest", ctx -> {
      ctx.run().noop();
      return new Done(ctx.run().runId(), ctx.run().status(), 0);
    }));

    assertThat(d.status()).as("the job's own view while it ran").isEqualTo("running");
    assertThat(heard).containsExactly("ingest:running", "ingest:noop");
    List<Row> rows = runs(lake);
    assertThat(rows).hasSize(2);
    Row first = rows.get(0);
    assertThat(first.<String>getAs("run_id")).isEqualTo(d.runId());
    assertThat(first.<String>getAs("status")).isEqualTo("succeeded");
    assertThat(first.<String>getAs("arguments")).as("secrets masked").isEqualTo("ingest --conf fs.s3a.secret.key=*****");
    assertThat(first.<String>getAs("spark_master")).isEqualTo("local[2]");
    assertThat(first.<scala.collection.Map<String, Long>>getAs("rows_written").get("events").get()).isEqualTo(7L);
    assertThat(first.<java.time.LocalDate>getAs("date_from").toString()).isEqualTo("2026-01-01");
    assertThat(rows.get(1).<String>getAs("status")).isEqualTo("noop");
    assertThat(spark.sparkContext().getLocalProperty("spark.jobGroup.id")).as("job group cleared after the run").isNull();
  }

  @Test
  void aFailedRunIsRecordedAndTheSameExceptionReachesTheCaller(@TempDir Path tmp) {
    Lake lake = new Lake(spark, tmp.toString());
    List<String> heard = new ArrayList<>();
    JobRunner runner = new JobRunner(lake, List.of("publish"), "local[2]").onFinished((j, r) -> heard.add("x"));
    JobFailedException boom = Errors.jobFailed("Cannot publish: the input is gone");
    String[] group = new String[1];

    assertThatThrownBy(() -> runner.run(new Step("publish", ctx -> {
      group[0] = spark.sparkContext().getLocalProperty("spark.jobGroup.id");
      throw boom;
    }))).isSameAs(boom);

    assertThat(heard).as("listeners hear only of finished runs").isEmpty();
    Row row = runs(lake).get(0);
    assertThat(row.<String>getAs("status")).isEqualTo("failed");
    assertThat(row.<String>getAs("error")).isEqualTo("Cannot publish: the input is gone");
    assertThat(group[0]).as("the Spark UI names the run").isEqualTo("hindsight-publish-" + row.<String>getAs("run_id"));
  }

  @Test
  void aComposedJobRecordsEachStepAndStopsAtTheFirstFailure(@TempDir Path tmp) {
    Lake lake = new Lake(spark, tmp.toString());
    JobRunner runner = new JobRunner(lake, List.of("run"), "local[2]");
    ComposedJob<List<String>> chain = r -> {
      List<String> done = new ArrayList<>();
      for (String step : List.of("ingest", "score", "publish")) {
        Done d = r.run(new Step(step, ctx -> {
          if (step.equals("score")) {
            throw new IllegalStateException("a bug in score");
          }
          return new Done(ctx.run().runId(), ctx.run().status(), 1);
        }));
        done.add(d.runId());
      }
      return done;
    };

    assertThatThrownBy(() -> runner.run(chain)).isInstanceOf(IllegalStateException.class).hasMessage("a bug in score");

    assertThat(runs(lake)).extracting(r -> r.getAs("command") + "/" + r.getAs("status"))
        .containsExactly("ingest/succeeded", "score/failed");
  }
}
