package dev.hindsight.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.hindsight.error.Checks;
import dev.hindsight.error.Errors;
import dev.hindsight.job.Job;
import dev.hindsight.job.JobContext;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.Rows;
import dev.hindsight.lake.RunLog;
import dev.hindsight.lake.TableSchema;
import dev.hindsight.score.ScoringConfig;
import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * scores -> findings: the anomalous days (score >= finding_score) of each credential, consecutive days merged into
 * one episode. finding_id = hash(credential, first day), so a rerun updates a finding in place (and only when its
 * content changed); findings of the range that the scores no longer support are removed.
 */
public final class PublishJob implements Job<PublishJob.Result> {
  private static final Logger LOG = LoggerFactory.getLogger(PublishJob.class);
  /** Scores are read this far before the range so an episode that started earlier is rebuilt whole. */
  static final int EPISODE_LOOKBEHIND_DAYS = 30;

  /** What a run did: the findings that overlap the range after the merge, and the table's version after. */
  public record Result(String runId, String status, LocalDate from, LocalDate to, long findings, long version)
      implements Job.Result {
    @Override
    public java.util.Map<String, Object> summary() {
      java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("run_id", runId);
      m.put("days", from + ".." + to);
      m.put("findings", findings);
      return m;
    }
  }

  private final ScoringConfig config;
  private final LocalDate from;
  private final LocalDate to;
  private Lake lake;
  private RunLog run;

  /** Findings from the anomalous days of {@code from..to} (inclusive) in scores. */
  public PublishJob(ScoringConfig config, LocalDate from, LocalDate to) {
    if (config == null) {
      throw Errors.usage("Cannot publish: a scoring configuration is required");
    }
    Checks.range("publish", from, to);
    this.config = config;
    this.from = from;
    this.to = to;
  }

  @Override
  public String command() {
    return "publish";
  }

  @Override
  public String description() {
    return "publish " + from + ".." + to;
  }

  @Override
  public Result execute(JobContext ctx) {
    if (run != null) {
      throw new IllegalStateException("PublishJob was already executed; build a new one");
    }
    this.lake = ctx.lake();
    this.run = ctx.run();
    run.dates(from, to);
    long findings = write(from, to);
    long version = lake.version("findings");
    run.wrote("findings", findings).version("findings", version);
    return new Result(run.runId(), run.status(), from, to, findings, version);
  }

  private long write(LocalDate from, LocalDate to) {
    if (!lake.exists("scores")) {
      throw Errors.tableMissing("publish", lake.root(), "scores",
          "run 'hindsight score --from " + from + " --to " + to + "' first");
    }
    lake.ensure("findings");
    Dataset<Row> anomalous = lake.read("scores")
        .where(col("event_date").between(lit(from.minusDays(EPISODE_LOOKBEHIND_DAYS)), lit(to))
            .and(col("score").geq(config.findingScore())));
    TableSchema schema = TableSchema.of("findings");
    String runId = run.runId();
    int maxEvidence = config.maxEvidence();
    LocalDate first = from;
    LocalDate last = to;
    FlatMapGroupsFunction<String, Row, Row> episodes = (credential, it) -> {
      List<Row> rows = new ArrayList<>();
      it.forEachRemaining(rows::add);
      rows.sort(Comparator.comparing((Row r) -> r.<LocalDate>getAs("event_date"))
          .thenComparing(r -> r.<String>getAs("region")));
      List<LocalDate> days = new ArrayList<>(new TreeSet<>(rows.stream().map(r -> r.<LocalDate>getAs("event_date"))
          .toList()));
      List<Row> out = new ArrayList<>();
      for (List<LocalDate> ep : Episodes.split(days, 1)) {
        LocalDate start = ep.get(0);
        LocalDate end = ep.get(ep.size() - 1);
        if (end.isBefore(first) || start.isAfter(last)) {
          continue;
        }
        List<Row> epRows = rows.stream().filter(r -> {
          LocalDate d = r.getAs("event_date");
          return !d.isBefore(start) && !d.isAfter(end);
        }).sorted(Comparator.comparing((Row r) -> -r.<Double>getAs("score"))
            .thenComparing(r -> r.<LocalDate>getAs("event_date")).thenComparing(r -> r.<String>getAs("region")))
            .toList();
        Row top = epRows.get(0);
        TreeSet<String> regions = new TreeSet<>();
        TreeSet<String> sources = new TreeSet<>();
        boolean cold = false;
        Map<String, Row> bestSignal = new LinkedHashMap<>();
        List<String> evidence = new ArrayList<>();
        for (Row r : epRows) {
          regions.add(r.getAs("region"));
          sources.add(r.getAs("source"));
          cold |= Boolean.TRUE.equals(r.getAs("cold_start"));
          for (Row s : r.<Row>getList(r.fieldIndex("signals"))) {
            Row prev = bestSignal.get(s.getString(0));
            if (prev == null || s.getDouble(4) > prev.getDouble(4)) {
              bestSignal.put(s.getString(0), s);
            }
          }
          for (String id : r.<String>getList(r.fieldIndex("evidence_event_ids"))) {
            if (evidence.size() < maxEvidence && !evidence.contains(id)) {
              evidence.add(id);
            }
          }
        }
        List<Row> reasons = new ArrayList<>(bestSignal.values());
        reasons.sort(Comparator.comparing((Row s) -> -s.getDouble(4)).thenComparing(s -> s.getString(0)));
        List<String> detectors = reasons.stream().map(s -> s.getString(0)).toList();
        List<String> clauses = reasons.stream().map(s -> s.getString(5)).filter(c -> c != null && !c.isBlank())
            .toList();
        String subject = Episodes.subject(credential, top.getAs("credential_type"), top.getAs("principal"));
        String summary = Episodes.summary(subject, clauses, ep, new ArrayList<>(regions))
            + (cold ? " (new credential: compared with its peers)" : "");
        double score = top.getAs("score");
        out.add(RowFactory.create(Episodes.findingId(credential, start), credential, top.getAs("credential_type"),
            top.getAs("principal"), top.getAs("account_id"), Rows.seq(new ArrayList<>(sources)),
            Rows.seq(new ArrayList<>(regions)), start, end, ep.size(), score, Episodes.severity(score),
            Rows.seq(detectors), summary, Rows.seq(reasons), cold, Rows.seq(evidence), runId,
            top.getAs("config_version")));
      }
      return out.iterator();
    };
    Dataset<Row> findings = anomalous
        .groupByKey((MapFunction<Row, String>) r -> r.getAs("credential_id"), Encoders.STRING())
        .flatMapGroups(episodes, ExpressionEncoder.apply(schema.schema()));

    String changed = "NOT (t.score <=> s.score AND t.last_seen <=> s.last_seen AND t.days <=> s.days"
        + " AND t.summary <=> s.summary AND t.regions <=> s.regions AND t.detectors <=> s.detectors"
        + " AND t.evidence_event_ids <=> s.evidence_event_ids AND t.config_version <=> s.config_version"
        + " AND t.cold_start <=> s.cold_start)";
    DeltaTable.forPath(lake.spark(), lake.path("findings")).as("t")
        .merge(findings.as("s"), "t.finding_id = s.finding_id")
        .whenMatched(changed).updateAll()
        .whenNotMatched().insertAll()
        .whenNotMatchedBySource("t.first_seen >= DATE'" + from + "' AND t.first_seen <= DATE'" + to + "'").delete()
        .execute();
    long n = lake.read("findings").where(col("last_seen").geq(lit(from)).and(col("first_seen").leq(lit(to)))).count();
    LOG.info("findings: {} episodes overlap {}..{}", n, from, to);
    return n;
  }
}
