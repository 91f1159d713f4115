package dev.hindsight.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.hindsight.error.Errors;
import dev.hindsight.job.DayRangeJob;
import dev.hindsight.job.Job;
import dev.hindsight.lake.Commits;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.LateData;
import dev.hindsight.lake.tables.Findings;
import dev.hindsight.lake.tables.Scores;
import dev.hindsight.lake.tables.SignalRow;
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
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * scores -> findings: the anomalous days (score >= finding_score) of each credential, consecutive days merged into
 * one episode. finding_id = hash(credential, first day), so a rerun updates a finding in place (and only when its
 * content changed); findings of the range that the scores no longer support are removed.
 */
public final class PublishJob extends DayRangeJob<PublishJob.Result> {
  private static final Logger LOG = LoggerFactory.getLogger(PublishJob.class);
  /** Scores are read this far before the range so an episode that started earlier is rebuilt whole. */
  static final int EPISODE_LOOKBEHIND_DAYS = 30;

  /** What a run did: the findings that overlap the range after the merge, and the table's version after. */
  public record Result(String runId, String status, LocalDate from, LocalDate to, long findings, long version,
      List<LocalDate> restated, List<LocalDate> lateScores) implements Job.Result {
    public Result {
      restated = List.copyOf(restated);
      lateScores = List.copyOf(lateScores);
    }

    @Override
    public java.util.Map<String, Object> summary() {
      java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("run_id", runId);
      m.put("days", from + ".." + to);
      if (!restated.isEmpty()) {
        m.put("restated", restated.get(0) + ".." + restated.get(restated.size() - 1) + " (scored again: "
            + String.join(", ", lateScores.stream().map(LocalDate::toString).toList()) + ")");
      }
      m.put("findings", findings);
      return m;
    }
  }

  private final ScoringConfig config;
  private final int lateDays;

  /** Findings from the anomalous days of {@code from..to} (inclusive) in scores. */
  public PublishJob(ScoringConfig config, LocalDate from, LocalDate to) {
    this(config, from, to, 0);
  }

  /**
   * @param lateDays how many days before {@code from} to look at for days scored again after they were published
   *     (0: none); the run then publishes from the first of them
   */
  public PublishJob(ScoringConfig config, LocalDate from, LocalDate to, int lateDays) {
    super("publish", from, to);
    if (config == null) {
      throw Errors.usage("Cannot publish: a scoring configuration is required");
    }
    this.config = config;
    this.lateDays = LateData.checkDays("--late-days", lateDays);
  }

  @Override
  protected List<LocalDate> lateDays(Lake lake) {
    long t0 = System.nanoTime();
    List<LocalDate> days = LateData.scoresChangedSincePublished(lake, from, lateDays);
    if (lateDays > 0) {
      LOG.info("publish: late-data check of the {} days before {} in {} ms: {}", lateDays, from,
          (System.nanoTime() - t0) / 1_000_000, days.isEmpty() ? "nothing late"
              : days + " were scored again after they were published, publishing from " + days.get(0));
    }
    return days;
  }

  @Override
  public String command() {
    return "publish";
  }

  @Override
  protected String table() {
    return Findings.TABLE;
  }

  @Override
  protected Result result(long rows, long version) {
    return new Result(run.runId(), run.status(), from, to, rows, version, restated, late);
  }

  @Override
  protected long write(LocalDate from, LocalDate to) {
    if (!lake.exists(Scores.TABLE)) {
      throw Errors.tableMissing("publish", lake.root(), "scores",
          "run 'hindsight score --from " + from + " --to " + to + "' first");
    }
    lake.ensure(Findings.TABLE);
    Dataset<Row> anomalous = lake.read(Scores.TABLE)
        .where(col(Scores.EVENT_DATE).between(lit(from.minusDays(EPISODE_LOOKBEHIND_DAYS)), lit(to))
            .and(col(Scores.SCORE).geq(config.findingScore())));
    String runId = run.runId();
    int maxEvidence = config.maxEvidence();
    LocalDate first = from;
    LocalDate last = to;
    FlatMapGroupsFunction<String, Row, Row> episodes = (credential, it) -> {
      List<Row> rows = new ArrayList<>();
      it.forEachRemaining(rows::add);
      rows.sort(Comparator.comparing((Row r) -> r.<LocalDate>getAs(Scores.EVENT_DATE))
          .thenComparing(r -> r.<String>getAs(Scores.REGION)));
      List<LocalDate> days = new ArrayList<>(new TreeSet<>(rows.stream()
          .map(r -> r.<LocalDate>getAs(Scores.EVENT_DATE))
          .toList()));
      List<Row> out = new ArrayList<>();
      for (List<LocalDate> ep : Episodes.split(days, 1)) {
        LocalDate start = ep.get(0);
        LocalDate end = ep.get(ep.size() - 1);
        if (end.isBefore(first) || start.isAfter(last)) {
          continue;
        }
        List<Row> epRows = rows.stream().filter(r -> {
          LocalDate d = r.getAs(Scores.EVENT_DATE);
          return !d.isBefore(start) && !d.isAfter(end);
        }).sorted(Comparator.comparing((Row r) -> -r.<Double>getAs(Scores.SCORE))
            .thenComparing(r -> r.<LocalDate>getAs(Scores.EVENT_DATE))
            .thenComparing(r -> r.<String>getAs(Scores.REGION)))
            .toList();
        Row top = epRows.get(0);
        TreeSet<String> regions = new TreeSet<>();
        TreeSet<String> sources = new TreeSet<>();
        boolean cold = false;
        Map<String, Row> bestSignal = new LinkedHashMap<>();
        List<String> evidence = new ArrayList<>();
        for (Row r : epRows) {
          regions.add(r.getAs(Scores.REGION));
          sources.add(r.getAs(Scores.SOURCE));
          cold |= Boolean.TRUE.equals(r.getAs(Scores.COLD_START));
          for (Row s : r.<Row>getList(r.fieldIndex(Scores.SIGNALS))) {
            Row prev = bestSignal.get(SignalRow.detector(s));
            if (prev == null || SignalRow.score(s) > SignalRow.score(prev)) {
              bestSignal.put(SignalRow.detector(s), s);
            }
          }
          for (String id : r.<String>getList(r.fieldIndex(Scores.EVIDENCE_EVENT_IDS))) {
            if (evidence.size() < maxEvidence && !evidence.contains(id)) {
              evidence.add(id);
            }
          }
        }
        List<Row> reasons = new ArrayList<>(bestSignal.values());
        reasons.sort(Comparator.comparing((Row s) -> -SignalRow.score(s)).thenComparing(SignalRow::detector));
        List<String> detectors = reasons.stream().map(SignalRow::detector).toList();
        List<String> clauses = reasons.stream().map(SignalRow::reason).filter(c -> c != null && !c.isBlank())
            .toList();
        String subject = Episodes.subject(credential, top.getAs(Scores.CREDENTIAL_TYPE),
            top.getAs(Scores.PRINCIPAL));
        String summary = Episodes.summary(subject, clauses, ep, new ArrayList<>(regions))
            + (cold ? " (new credential: compared with its peers)" : "");
        double score = top.getAs(Scores.SCORE);
        out.add(new Findings()
            .findingId(Episodes.findingId(credential, start))
            .credentialId(credential)
            .credentialType(top.getAs(Scores.CREDENTIAL_TYPE))
            .principal(top.getAs(Scores.PRINCIPAL))
            .accountId(top.getAs(Scores.ACCOUNT_ID))
            .sources(new ArrayList<>(sources))
            .regions(new ArrayList<>(regions))
            .firstSeen(start)
            .lastSeen(end)
            .days(ep.size())
            .score(score)
            .severity(Episodes.severity(score))
            .detectors(detectors)
            .attackTechniques(dev.hindsight.score.Attack.of(detectors))
            .summary(summary)
            .reasons(reasons)
            .coldStart(cold)
            .evidenceEventIds(evidence)
            .runId(runId)
            .configVersion(top.getAs(Scores.CONFIG_VERSION))
            .toRow());
      }
      return out.iterator();
    };
    Dataset<Row> findings = anomalous
        .groupByKey((MapFunction<Row, String>) r -> r.getAs(Scores.CREDENTIAL_ID), Encoders.STRING())
        .flatMapGroups(episodes, ExpressionEncoder.apply(Findings.schema()));

    String changed = "NOT (t.score <=> s.score AND t.last_seen <=> s.last_seen AND t.days <=> s.days"
        + " AND t.summary <=> s.summary AND t.regions <=> s.regions AND t.detectors <=> s.detectors"
        + " AND t.evidence_event_ids <=> s.evidence_event_ids AND t.config_version <=> s.config_version"
        + " AND t.cold_start <=> s.cold_start AND t.attack_techniques <=> s.attack_techniques)";
    Commits.retrying("merge findings", () -> DeltaTable.forPath(lake.spark(), lake.path(Findings.TABLE)).as("t")
        .merge(findings.as("s"), "t.finding_id = s.finding_id")
        .whenMatched(changed).updateAll()
        .whenNotMatched().insertAll()
        .whenNotMatchedBySource("t.first_seen >= DATE'" + from + "' AND t.first_seen <= DATE'" + to + "'").delete()
        .execute());
    long reopened = dev.hindsight.triage.Reopen.apply(lake, runId, from, to);
    if (reopened > 0) {
      run.wrote(dev.hindsight.lake.tables.Triage.TABLE, reopened);
      LOG.info("findings: {} closed by triage grew since and are reopened", reopened);
    }
    long n = lake.read(Findings.TABLE)
        .where(col(Findings.LAST_SEEN).geq(lit(from)).and(col(Findings.FIRST_SEEN).leq(lit(to)))).count();
    LOG.info("findings: {} episodes overlap {}..{}", n, from, to);
    return n;
  }
}
