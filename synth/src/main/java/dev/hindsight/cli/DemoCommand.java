package dev.hindsight.cli;

import dev.hindsight.audit.ReportJob;
import dev.hindsight.error.Errors;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.ParseLimits;
import dev.hindsight.job.JobRunner;
import dev.hindsight.lake.Lake;
import dev.hindsight.pipeline.PipelineJob;
import dev.hindsight.publish.Evaluation;
import dev.hindsight.score.geo.GeoIp;
import dev.hindsight.synth.SyntheticSource;
import dev.hindsight.synth.Synthetics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generate a few months of synthetic audit logs of every source with labelled incidents, ingest, score"
        + " and publish them, write the HTML report, and show the top findings and how they compare with the labels.",
        "Quiet: one line per step; every log line goes to a log file named at the start (--verbose: on the console,"
            + " with each step's full summary). Needs the GeoIP databases (bin/fetch-geoip; bin/hindsight fetches them"
            + " for the demo) unless --no-geoip is given."})
final class DemoCommand implements Callable<Integer> {
  /** The top of the ranking the evaluation judges (recall@TOP, precision@TOP). */
  static final int TOP = 20;
  /** Findings listed at the end of a quiet demo. */
  static final int SHOWN = 10;
  /** The one stable line a script checks: "incidents: N of M found, ..." (every incident found when N = M). */
  static final String INCIDENTS = "incidents: ";

  @Mixin
  SparkOptions spark;

  @Mixin
  ScoringOptions scoring;

  @Mixin
  LogOptions logging;

  @Spec
  CommandSpec spec;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Where to write the generated logs and the report (default: a new temp folder)")
  Path workDir;

  @Option(names = "--report", paramLabel = "FILE.html", description = "The HTML report to write (default: report.html in the work dir)")
  Path report;

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
    boolean quiet = logging.quiet(true);
    GeoIp geo = geo(scoring);
    Path work = workDir != null ? workDir : Files.createTempDirectory("hindsight-demo-");
    Path logs = work.resolve("logs");
    Path html = (report != null ? report : work.resolve("report.html")).toAbsolutePath();
    LocalDate end = start.plusDays(days - 1L);
    List<String> sources = Synthetics.names();

    if (quiet) {
      out.println("hindsight demo: " + days + " days from " + start + " of synthetic logs of " + sources.size()
          + " sources with labelled incidents (seed " + seed + "), into " + work);
      logging.start("demo", true, out);
      if (!geo.available()) {
        out.println("GeoIP off (--no-geoip): the geo detectors are skipped; incidents only they find are missed");
      }
    } else {
      out.println("hindsight demo: " + days + " days of synthetic " + String.join(", ", sources)
          + " logs from " + start + " (seed " + seed + ")");
    }
    out.flush();

    // generate, one ingest per source, score, publish, report, evaluate
    Progress progress = new Progress(out, quiet && Progress.terminal(), 1 + sources.size() + 4);
    try (progress) {
      if (quiet) {
        progress.start("generate " + sources.size() + " sources");
      }
      List<SyntheticSource.Generated> generated = GenerateCommand.generateAll(logs, start, days, seed, eventsPerDay);
      List<Evaluation.Label> labels = new ArrayList<>();
      for (SyntheticSource.Generated gen : generated) {
        if (!quiet) {
          Output.summary(out, "generate " + gen.source() + " (" + gen.input() + ")", GenerateCommand.describe(gen));
        }
        labels.addAll(Evaluation.labels(gen.labels()));
      }
      if (quiet) {
        progress.done(String.format(Locale.ROOT, "%,9d files %,11d records",
            generated.stream().mapToLong(SyntheticSource.Generated::files).sum(),
            generated.stream().mapToLong(SyntheticSource.Generated::records).sum()),
            generated.stream().mapToInt(SyntheticSource.Generated::incidents).sum() + " incidents, "
                + generated.stream().mapToInt(SyntheticSource.Generated::confounders).sum() + " look-alikes");
      }

      List<IngestJob.Options> ingests = new ArrayList<>();
      for (SyntheticSource.Generated gen : generated) {
        ingests.add(new IngestJob.Options(gen.source(), gen.input().toString(), DateRange.ALL, false, 0.01,
            ParseLimits.DEFAULT));
      }
      PipelineJob job = new PipelineJob(new PipelineJob.Options(ingests, false /* every generated file */, start, end,
          Math.min(days, 366), false /* no resume */, scoring.config(), geo), null);

      SparkSession session = spark.session("hindsight demo");
      try {
        Lake lake = spark.open(session);
        JobRunner runner = spark.runner(lake, spec);
        if (quiet) {
          progress.sparkTasks(session.sparkContext()).stages(runner);
        } else {
          runner.onFinished((step, result) -> Output.summary(out, step instanceof IngestJob
              ? step.description() + " (lake " + lake.root() + ")" : step.command(), result.summary()));
        }
        runner.run(job);
        runner.run(new ReportJob(new ReportJob.Options(start, end, html.toString(), TOP, 10)));

        if (quiet) {
          progress.start("evaluate");
        }
        Evaluation.Result evaluation = EvaluateCommand.evaluate(lake, start, end, labels, TOP);
        if (quiet) {
          progress.done(String.format(Locale.ROOT, "%,9d labels %,9d findings", labels.size(), evaluation.findings()));
          progress.close();
          printQuiet(out, lake, session, evaluation, html, end, generated.size());
        } else {
          printVerbose(out, lake, session, evaluation, end, generated.size());
        }
        return Hindsight.OK;
      } finally {
        spark.close(session);
      }
    }
  }

  /** The databases the scoring uses; without any the demo refuses unless --no-geoip says so. */
  static GeoIp geo(ScoringOptions scoring) {
    GeoIp geo = scoring.geo();
    if (!geo.available() && !scoring.noGeoip) {
      throw Errors.jobFailed("Cannot run the demo without GeoIP: " + GeoIp.defaultDir() + " holds no databases, so"
          + " the geo detectors would miss their incidents; run bin/fetch-geoip (it needs npm), or give your own"
          + " with --geoip/--asn, or add --no-geoip to run without them");
    }
    return geo;
  }

  private void printQuiet(PrintWriter out, Lake lake, SparkSession session, Evaluation.Result r, Path html,
      LocalDate end, int sources) {
    lake.registerViews();
    List<Row> top = session.sql("SELECT severity, score, first_seen, days, summary FROM findings"
        + " ORDER BY score DESC, first_seen, finding_id LIMIT " + SHOWN).collectAsList();
    out.println();
    out.printf(Locale.ROOT, "top findings (%d of %,d):%n", top.size(), r.findings());
    out.printf(Locale.ROOT, "  %-8s %5s  %-10s %4s  %s%n", "severity", "score", "first_seen", "days", "summary");
    for (Row f : top) {
      out.printf(Locale.ROOT, "  %-8s %5.1f  %-10s %4d  %s%n", f.getString(0), f.getDouble(1), f.get(2),
          ((Number) f.get(3)).intValue(), cut(f.getString(4), 88));
    }
    printEvaluation(out, r, sources);
    out.println();
    out.println("report: " + html);
    out.println("next:");
    String range = " --from " + start + " --to " + end;
    out.println("  bin/hindsight findings --lake " + lake.root() + range + " --format json   # every finding in full");
    out.println("  bin/hindsight sql --lake " + lake.root() + " \"SELECT * FROM runs\"   # any table by name");
    LocalDate week = start.plusDays(6).isAfter(end) ? end : start.plusDays(6);
    out.println("  bin/hindsight report --lake " + lake.root() + " --from " + start + " --to " + week
        + " --out first-week.html   # the report of a shorter period");
    out.println("  bin/hindsight backfill --source cloudtrail --input s3a://your-trail-bucket/AWSLogs" + range
        + "   # your own logs, into ./lake");
    out.flush();
  }

  /** The evaluation, compact: one line per incident (best rank first), the look-alikes in one, the verdict. */
  static void printEvaluation(PrintWriter out, Evaluation.Result r, int sources) {
    List<Evaluation.Match> incidents = r.matches().stream().filter(m -> m.label().malicious())
        .sorted(Comparator.comparingInt((Evaluation.Match m) -> m.rank() == 0 ? Integer.MAX_VALUE : m.rank()))
        .toList();
    List<Evaluation.Match> benign = r.matches().stream().filter(m -> !m.label().malicious()).toList();
    out.println();
    out.printf(Locale.ROOT, "evaluation against the labels of %d sources (%d incidents, %d benign look-alike%s):%n",
        sources, incidents.size(), benign.size(), benign.size() == 1 ? "" : "s");
    out.printf(Locale.ROOT, "  %5s %6s  %s%n", "rank", "score", "incident");
    for (Evaluation.Match m : incidents) {
      out.printf(Locale.ROOT, "  %5s %6s  %s (%s)%s%n", m.rank() == 0 ? "-" : Integer.toString(m.rank()),
          m.finding() == null ? "-" : String.format(Locale.ROOT, "%.1f", m.finding().score()), m.label().id(),
          m.label().kind(), m.rank() == 0 ? "  MISSED: no finding" : "");
    }
    List<String> flagged = benign.stream().filter(m -> m.rank() > 0)
        .sorted(Comparator.comparingInt(Evaluation.Match::rank))
        .map(m -> m.label().id() + " (rank " + m.rank() + ")").toList();
    out.println("  benign look-alikes that are findings: " + (flagged.isEmpty() ? "none" : String.join(", ", flagged)));
    long found = incidents.stream().filter(m -> m.rank() > 0).count();
    long inTop = incidents.stream().filter(m -> m.rank() > 0 && m.rank() <= r.top()).count();
    out.printf(Locale.ROOT, "%s%d of %d found, %d in the top %d (recall@%d %.2f, precision@%d %.2f)%n", INCIDENTS,
        found, incidents.size(), inTop, r.top(), r.top(), r.recallAtTop(), r.top(), r.precisionAtTop());
    out.flush();
  }

  private void printVerbose(PrintWriter out, Lake lake, SparkSession session, Evaluation.Result r, LocalDate end,
      int sources) {
    lake.registerViews();
    out.println("events by source and credential type:");
    Output.print(out, session.sql("SELECT source, credential_type, count(*) AS events, count(DISTINCT credential_id) AS"
        + " credentials, count(DISTINCT region) AS regions FROM events GROUP BY source, credential_type ORDER BY source, events DESC"),
        Output.Format.table, 50);

    out.println("top findings:");
    Output.print(out, session.sql("SELECT severity, round(score, 1) AS score, first_seen, days, summary"
        + " FROM findings ORDER BY score DESC, first_seen, finding_id LIMIT 15"), Output.Format.table, 15);
    out.println("evaluation against the labels of " + sources + " sources:");
    EvaluateCommand.print(out, r);
    out.println("Explore: bin/hindsight findings --lake " + lake.root() + " --from " + start + " --to " + end);
    out.println("         bin/hindsight sql --lake " + lake.root() + " \"SELECT * FROM runs\"");
    out.flush();
  }

  private static String cut(String s, int max) {
    String t = s == null ? "" : s.replace('\n', ' ');
    return t.length() > max ? t.substring(0, max - 3) + "..." : t;
  }
}
