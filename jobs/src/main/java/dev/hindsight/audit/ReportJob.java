package dev.hindsight.audit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import dev.hindsight.error.Errors;
import dev.hindsight.job.Job;
import dev.hindsight.job.JobContext;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.RunLog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The auditor's report for a period: one self-contained HTML file (inline CSS and SVG, no script, nothing
 * fetched) with the findings by severity and account, a timeline, the top findings with their summaries,
 * reasons and evidence events, the period's coverage (days, sources, files, quarantined records) and the Delta
 * version of every table it read. Every table is read at one pinned version, so the report is consistent even
 * while a nightly run writes.
 */
public final class ReportJob implements Job<ReportJob.Result> {
  static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");
  static final List<String> TABLES = List.of("events", "findings", "scores", "ingest_files", "quarantine");

  /**
   * @param top how many findings to show in full
   * @param evidencePerFinding evidence events shown per finding
   */
  public record Options(LocalDate from, LocalDate to, String out, int top, int evidencePerFinding) {
    public Options {
      if (from.isAfter(to)) {
        throw Errors.usage("--from " + from + " is after --to " + to);
      }
      if (top < 1 || top > 1000) {
        throw Errors.usage("--top must be 1..1000 (got " + top + ")");
      }
      if (evidencePerFinding < 0 || evidencePerFinding > 1000) {
        throw Errors.usage("--evidence must be 0..1000 (got " + evidencePerFinding + ")");
      }
    }
  }

  public record Result(String runId, String status, String out, long bytes, long findings, Map<String, Long> versions)
      implements Job.Result {
    public Result {
      versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    @Override
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("report", out);
      m.put("bytes", bytes);
      m.put("findings", findings);
      m.put("table_versions", versions);
      return m;
    }
  }

  /** Everything the page shows, gathered first so rendering is a pure function of it. */
  record Model(LocalDate from, LocalDate to, String lake, Instant generatedAt, String codeVersion,
      Map<String, Long> versions, List<Map<String, Object>> coverage, List<LocalDate> daysWithoutEvents,
      List<Map<String, Object>> files, List<Map<String, Object>> quarantine, long scoredDays,
      Map<String, Long> bySeverity, List<Map<String, Object>> byAccount, Map<LocalDate, Map<String, Long>> timeline,
      List<Map<String, Object>> top, Map<String, List<Map<String, Object>>> evidence, long findings) {}

  private final Options o;
  private Lake lake;
  private RunLog run;

  public ReportJob(Options options) {
    if (options == null) {
      throw Errors.usage("Cannot report: no options");
    }
    this.o = options;
  }

  @Override
  public String command() {
    return "report";
  }

  @Override
  public String description() {
    return "report " + o.from() + ".." + o.to();
  }

  @Override
  public Result execute(JobContext ctx) {
    if (run != null) {
      throw new IllegalStateException("ReportJob was already executed; build a new one");
    }
    this.lake = ctx.lake();
    this.run = ctx.run();
    run.dates(o.from(), o.to());
    Model m = gather();
    byte[] html = ReportHtml.render(m).getBytes(StandardCharsets.UTF_8);
    String out = Lake.normalize(o.out());
    new HadoopFiles(lake).overwrite(out, html);
    m.versions().forEach(run::version);
    run.read("findings", m.findings());
    return new Result(run.runId(), run.status(), out, html.length, m.findings(), m.versions());
  }

  Model gather() {
    if (!lake.exists("events")) {
      throw Errors.tableMissing("report", lake.root(), "events", "ingest logs first ('hindsight ingest')");
    }
    Map<String, Long> versions = new LinkedHashMap<>();
    Map<String, Dataset<Row>> t = new LinkedHashMap<>();
    for (String name : TABLES) {
      if (lake.exists(name)) {
        long v = lake.version(name);
        versions.put(name, v);
        t.put(name, lake.readVersion(name, v));
      }
    }
    LocalDate from = o.from();
    LocalDate to = o.to();

    Dataset<Row> events = t.get("events").where(col("event_date").between(from, to));
    List<Map<String, Object>> coverage = maps(events.groupBy("source")
        .agg(count(lit(1)).as("events"), count_distinct(col("event_date")).as("days"),
            min("event_date").as("first_day"), max("event_date").as("last_day"),
            count_distinct(col("credential_id")).as("credentials"), count_distinct(col("account_id")).as("accounts"))
        .orderBy("source"));
    TreeMap<LocalDate, Boolean> seen = new TreeMap<>();
    for (Row r : events.select("event_date").distinct().collectAsList()) {
      seen.put(r.getLocalDate(0), true);
    }
    List<LocalDate> gaps = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (!seen.containsKey(d)) {
        gaps.add(d);
      }
    }

    List<Map<String, Object>> files = List.of();
    if (t.containsKey("ingest_files")) {
      files = maps(t.get("ingest_files")
          .where(col("max_event_date").geq(lit(from)).and(col("min_event_date").leq(lit(to))))
          .groupBy("source", "status")
          .agg(count(lit(1)).as("files"), sum("records").as("records"), sum("quarantined").as("quarantined"),
              sum("bytes_read").as("bytes"))
          .orderBy("source", "status"));
    }
    List<Map<String, Object>> quarantine = List.of();
    if (t.containsKey("quarantine")) {
      quarantine = maps(t.get("quarantine").where(col("event_date").between(from, to))
          .groupBy("source", "reason").agg(count(lit(1)).as("records"))
          .orderBy(col("records").desc(), col("source"), col("reason")));
    }
    long scoredDays = t.containsKey("scores")
        ? t.get("scores").where(col("event_date").between(from, to)).select("event_date").distinct().count() : 0L;

    Dataset<Row> findings = t.containsKey("findings")
        ? t.get("findings").where(col("last_seen").geq(lit(from)).and(col("first_seen").leq(lit(to))))
        : null;
    Map<String, Long> bySeverity = new LinkedHashMap<>();
    SEVERITIES.forEach(s -> bySeverity.put(s, 0L));
    List<Map<String, Object>> byAccount = new ArrayList<>();
    Map<LocalDate, Map<String, Long>> timeline = new TreeMap<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      timeline.put(d, new LinkedHashMap<>());
    }
    List<Map<String, Object>> top = new ArrayList<>();
    Map<String, List<Map<String, Object>>> evidence = new LinkedHashMap<>();
    long total = 0;
    if (findings != null) {
      // One small aggregate gives both tables: severity totals are the sums over accounts.
      Map<String, Map<String, Object>> accounts = new LinkedHashMap<>();
      for (Row r : findings.groupBy("account_id", "severity").count().collectAsList()) {
        Map<String, Object> a = accounts.computeIfAbsent(String.valueOf(r.get(0)), k -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("account_id", r.get(0));
          SEVERITIES.forEach(s -> m.put(s, 0L));
          m.put("total", 0L);
          return m;
        });
        a.put(r.getString(1), r.getLong(2));
        a.put("total", (Long) a.get("total") + r.getLong(2));
        bySeverity.merge(r.getString(1), r.getLong(2), Long::sum);
        total += r.getLong(2);
      }
      byAccount.addAll(accounts.values());
      byAccount.sort((x, y) -> Long.compare((Long) y.get("total"), (Long) x.get("total")));
      for (Row r : findings.select("first_seen", "last_seen", "severity").collectAsList()) {
        LocalDate a = r.getLocalDate(0).isBefore(from) ? from : r.getLocalDate(0);
        LocalDate b = r.getLocalDate(1).isAfter(to) ? to : r.getLocalDate(1);
        for (LocalDate d = a; !d.isAfter(b); d = d.plusDays(1)) {
          timeline.get(d).merge(r.getString(2), 1L, Long::sum);
        }
      }
      top = maps(findings.orderBy(col("score").desc(), col("first_seen"), col("finding_id")).limit(o.top())
          .select("finding_id", "severity", "score", "credential_id", "credential_type", "principal", "account_id",
              "sources", "regions", "first_seen", "last_seen", "days", "detectors", "summary", "reasons",
              "evidence_event_ids", "config_version", "attack_techniques"));
      if (o.evidencePerFinding() > 0 && !top.isEmpty()) {
        List<Row> ids = findings.orderBy(col("score").desc(), col("first_seen"), col("finding_id")).limit(o.top())
            .select(col("finding_id"), explode(col("evidence_event_ids")).as("event_id")).collectAsList();
        Dataset<Row> wanted = lake.spark().createDataFrame(ids, new org.apache.spark.sql.types.StructType()
            .add("finding_id", "string").add("event_id", "string"));
        LocalDate firstDay = top.stream().map(f -> (LocalDate) f.get("first_seen")).min(LocalDate::compareTo).orElseThrow();
        LocalDate lastDay = top.stream().map(f -> (LocalDate) f.get("last_seen")).max(LocalDate::compareTo).orElseThrow();
        // Evidence lies within its finding's days: the date range prunes partitions before the join.
        Dataset<Row> ev = t.get("events").where(col("event_date").between(firstDay, lastDay))
            .join(org.apache.spark.sql.functions.broadcast(wanted), "event_id")
            .select("finding_id", "event_time", "source", "event_id", "action", "outcome", "region", "source_ip",
                "principal", "user_agent")
            .orderBy("finding_id", "event_time", "event_id");
        for (Map<String, Object> e : maps(ev)) {
          List<Map<String, Object>> list = evidence.computeIfAbsent((String) e.get("finding_id"), k -> new ArrayList<>());
          if (list.size() < o.evidencePerFinding()) {
            list.add(e);
          }
        }
      }
    }
    return new Model(from, to, lake.root(), Instant.now().truncatedTo(ChronoUnit.SECONDS), RunLog.codeVersion(),
        versions, coverage, gaps, files, quarantine, scoredDays, bySeverity, byAccount, timeline, top, evidence,
        total);
  }

  /** Collects a small result as ordered maps (column name to value). */
  private static List<Map<String, Object>> maps(Dataset<Row> df) {
    String[] names = df.columns();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < names.length; i++) {
        m.put(names[i], r.get(i));
      }
      out.add(m);
    }
    return out;
  }
}
