package dev.hindsight.cli;

import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.ParseLimits;
import dev.hindsight.lake.Lake;
import dev.hindsight.pipeline.PipelineJob;
import dev.hindsight.publish.Evaluation;
import dev.hindsight.synth.SyntheticSource;
import dev.hindsight.synth.Synthetics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate a few months of synthetic audit logs of every source with labelled incidents, ingest, score and publish it, and show the top findings and how they compare with the labels.")
final class DemoCommand implements Callable<Integer> {
  @Mixin
  SparkOptions spark;

  @Mixin
  ScoringOptions scoring;

  @Spec
  CommandSpec spec;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Where to write the generated logs (default: a new temp folder)")
  Path workDir;

  @Option(names = "--start", paramLabel = "YYYY-MM-DD", defaultValue = "2026-01-01", description = "First day (default: ${DEFAULT-VALUE})")
  LocalDate start;

  @Option(names = "--days", paramLabel = "N", defaultValue = "90", description = "Days to generate (default: ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--events-per-day", paramLabel = "N", defaultValue = "2000",
      description = "Approximate records per day (default: ${DEFAULT-VALUE})")
  int eventsPerDay;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = workDir != null ? workDir : Files.createTempDirectory("hindsight-demo-");
    Path logs = work.resolve("logs");
    out.println("hindsight demo: " + days + " days of synthetic " + String.join(", ", Synthetics.names())
        + " logs from " + start + " (seed " + seed + ")");
    List<SyntheticSource.Generated> generated = GenerateCommand.generateAll(logs, start, days, seed, eventsPerDay);
    List<Evaluation.Label> labels = new ArrayList<>();
    for (SyntheticSource.Generated gen : generated) {
      Output.summary(out, "generate " + gen.source() + " (" + gen.input() + ")", GenerateCommand.describe(gen));
      labels.addAll(Evaluation.labels(gen.labels()));
    }

    LocalDate end = start.plusDays(days - 1L);
    List<IngestJob.Options> ingests = new ArrayList<>();
    for (SyntheticSource.Generated gen : generated) {
      ingests.add(new IngestJob.Options(gen.source(), gen.input().toString(), DateRange.ALL, false, 0.01,
          ParseLimits.DEFAULT));
    }
    PipelineJob job = new PipelineJob(new PipelineJob.Options(ingests, false /* every generated file */, start, end,
        Math.min(days, 366), false /* no resume */, scoring.config(), scoring.geo()), null);

    SparkSession session = spark.session("hindsight demo");
    try {
      Lake lake = spark.open(session);
      spark.runner(lake, spec)
          .onFinished((step, result) -> Output.summary(out, step instanceof IngestJob
              ? step.description() + " (lake " + lake.root() + ")" : step.command(), result.summary()))
          .run(job);

      lake.registerViews();
      out.println("events by source and credential type:");
      Output.print(out, session.sql("SELECT source, credential_type, count(*) AS events, count(DISTINCT credential_id) AS"
          + " credentials, count(DISTINCT region) AS regions FROM events GROUP BY source, credential_type ORDER BY source, events DESC"),
          Output.Format.table, 50);

      out.println("top findings:");
      Output.print(out, session.sql("SELECT severity, round(score, 1) AS score, first_seen, days, summary"
          + " FROM findings ORDER BY score DESC, first_seen, finding_id LIMIT 15"), Output.Format.table, 15);
      out.println("evaluation against the labels of " + generated.size() + " sources:");
      EvaluateCommand.print(out, EvaluateCommand.evaluate(lake, start, end, labels, 20));
      out.println("Explore: bin/hindsight findings --lake " + lake.root() + " --from " + start + " --to " + end);
      out.println("         bin/hindsight sql --lake " + lake.root() + " \"SELECT * FROM runs\"");
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }
}
