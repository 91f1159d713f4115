package dev.hindsight.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import dev.hindsight.error.Errors;
import dev.hindsight.job.DayRangeJob;
import dev.hindsight.job.Job;
import dev.hindsight.lake.Commits;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.tables.CredentialDaily;
import dev.hindsight.lake.tables.Scores;
import dev.hindsight.lake.tables.SignalRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * credential_daily (from - baseline_days .. to) -> scores (from .. to).
 *
 * <p>Each credential's rows are grouped together; day D of the range is scored with a {@link Context} built from
 * the rows of days D - baseline_days .. D - 1 (history) and D (today), and the same-day statistics of its peer
 * group: never a later day. The range's rows are replaced, so reruns write the same rows.
 */
public final class ScoreJob extends DayRangeJob<ScoreJob.Result> {
  private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);
  /**
   * Detectors that compare with a baseline (what is new, what is unusual in volume, how long a key slept). In an
   * account's warm-up (fewer than cold_start_days days of history, e.g. the first days of a lake) they have
   * nothing to compare with and are not run; detectors that judge the day's content alone (logging tampering,
   * privilege changes, keys created for others, secret sweeps, model abuse, country switches) still are.
   */
  static final List<String> BASELINE_DETECTORS = List.of("new_origin", "new_region", "region_sweep", "rare_actions",
      "volume_spike", "dormant_return");

  /** What a run wrote: scores rows for the range, and the table's version after. */
  public record Result(String runId, String status, LocalDate from, LocalDate to, long rows, long version)
      implements Job.Result {
    @Override
    public java.util.Map<String, Object> summary() {
      java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("run_id", runId);
      m.put("days", from + ".." + to);
      m.put("score_rows", rows);
      return m;
    }
  }

  private final ScoringConfig config;
  private final boolean geoAvailable;

  /**
   * scores for the days {@code from..to} (inclusive) from credential_daily.
   *
   * @param geoAvailable whether the features were enriched with GeoIP (else the geo detectors say they were skipped)
   */
  public ScoreJob(ScoringConfig config, boolean geoAvailable, LocalDate from, LocalDate to) {
    super("score", from, to);
    if (config == null) {
      throw Errors.usage("Cannot score: a scoring configuration is required");
    }
    this.config = config;
    this.geoAvailable = geoAvailable;
  }

  /** Evidence families that support each detector's reason. */
  static final java.util.Map<String, List<String>> EVIDENCE_FAMILIES = java.util.Map.ofEntries(
      java.util.Map.entry("logging_tampering", List.of("logging_tamper")),
      java.util.Map.entry("privilege_change", List.of("privilege")),
      java.util.Map.entry("key_created_for_other", List.of("key_for_other", "credential_creation")),
      java.util.Map.entry("new_key_used", List.of("new_origin")),
      java.util.Map.entry("mass_secret_retrieval", List.of("secret_read")),
      java.util.Map.entry("model_abuse", List.of("model")),
      java.util.Map.entry("error_burst", List.of("denied")),
      java.util.Map.entry("new_origin", List.of("new_origin")),
      java.util.Map.entry("impossible_travel", List.of("new_origin")),
      java.util.Map.entry("new_region", List.of("new_origin")),
      java.util.Map.entry("region_sweep", List.of("new_origin", "denied")),
      java.util.Map.entry("volume_spike", List.of("data_read")),
      java.util.Map.entry("instance_credentials_outside_aws", List.of("instance_outside", "new_origin")));

  /** The events behind the signals first (strongest signal first), then the row's general evidence. */
  static List<String> evidence(List<Signal> signals, Features today, int max) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    java.util.Map<String, List<String>> byFamily = today.evidenceByFamily();
    if (byFamily != null) {
      for (Signal s : signals) {
        for (String family : EVIDENCE_FAMILIES.getOrDefault(s.detector(), List.of())) {
          if (byFamily.containsKey(family)) {
            out.addAll(byFamily.get(family));
          }
        }
      }
    }
    out.addAll(today.evidenceEventIds());
    return out.stream().limit(max).toList();
  }

  @Override
  public String command() {
    return "scores";
  }

  @Override
  protected String table() {
    return Scores.TABLE;
  }

  @Override
  protected Result result(long rows, long version) {
    return new Result(run.runId(), run.status(), from, to, rows, version);
  }

  @Override
  protected long write(LocalDate from, LocalDate to) {
    // The lake's suppression rules (made from triaged findings) apply with the configuration's own.
    ScoringConfig config = this.config.withSuppressions(dev.hindsight.triage.SuppressionRules.active(lake));
    new Scorer(config, geoAvailable); // checks the config against the detectors before any Spark work
    lake.ensure(Scores.TABLE);
    Dataset<Row> rows = lake.read(CredentialDaily.TABLE)
        .where(col(CredentialDaily.EVENT_DATE).between(lit(from.minusDays(config.baselineDays())), lit(to)));
    // Peer groups: same account and credential type, same day (the credential itself included).
    Dataset<Row> peers = rows.where(col(CredentialDaily.EVENT_DATE).geq(lit(from)))
        .groupBy(CredentialDaily.ACCOUNT_ID, CredentialDaily.CREDENTIAL_TYPE, CredentialDaily.EVENT_DATE)
        .agg(count_distinct(col(CredentialDaily.CREDENTIAL_ID)).cast("int").as("peer_credentials"),
            expr("percentile_approx(events, 0.5)").cast("double").as("peer_median_events"),
            expr("percentile_approx(failures, 0.5)").cast("double").as("peer_median_failures"),
            expr("percentile_approx(data_reads, 0.5)").cast("double").as("peer_median_data_reads"),
            expr("percentile_approx(model_invocations, 0.5)").cast("double").as("peer_median_model_invocations"));
    // Warm-up: an account with fewer than cold_start_days days of history has no baseline to be new against
    // (the first days of a lake): its days are not scored, and the rows say so.
    Dataset<Row> accountDays = rows.select(CredentialDaily.ACCOUNT_ID, CredentialDaily.EVENT_DATE).distinct()
        .withColumn("dnum", org.apache.spark.sql.functions.datediff(col(CredentialDaily.EVENT_DATE),
            lit(LocalDate.of(1970, 1, 1))))
        .withColumn("account_days_before", org.apache.spark.sql.functions.count(lit(1))
            .over(org.apache.spark.sql.expressions.Window.partitionBy(CredentialDaily.ACCOUNT_ID).orderBy("dnum")
                .rangeBetween(-config.baselineDays(), -1)).cast("int"))
        .drop("dnum");
    rows = rows.join(accountDays,
        rows.col(CredentialDaily.ACCOUNT_ID).eqNullSafe(accountDays.col(CredentialDaily.ACCOUNT_ID))
            .and(rows.col(CredentialDaily.EVENT_DATE).equalTo(accountDays.col(CredentialDaily.EVENT_DATE))), "left")
        .select(rows.col("*"), col("account_days_before"));
    Dataset<Row> withPeers = rows.join(peers,
        rows.col(CredentialDaily.ACCOUNT_ID).eqNullSafe(peers.col(CredentialDaily.ACCOUNT_ID))
            .and(rows.col(CredentialDaily.CREDENTIAL_TYPE).eqNullSafe(peers.col(CredentialDaily.CREDENTIAL_TYPE)))
            .and(rows.col(CredentialDaily.EVENT_DATE).equalTo(peers.col(CredentialDaily.EVENT_DATE))), "left")
        .select(rows.col("*"), col("peer_credentials"), col("peer_median_events"), col("peer_median_failures"),
            col("peer_median_data_reads"), col("peer_median_model_invocations"));

    ScoringConfig cfg = config;
    boolean geo = geoAvailable;
    String runId = run.runId();
    String version = config.version();
    LocalDate first = from;
    LocalDate last = to;
    int baseline = config.baselineDays();
    FlatMapGroupsFunction<String, Row, Row> scoreCredential = (credential, it) -> {
      Scorer scorer = new Scorer(cfg, geo);
      Scorer warmUpScorer = new Scorer(cfg, geo, Detectors.all().stream()
          .filter(d -> !BASELINE_DETECTORS.contains(d.name())).toList());
      List<Row> all = new ArrayList<>();
      it.forEachRemaining(all::add);
      List<Features> features = new ArrayList<>(all.size());
      for (Row r : all) {
        features.add(Features.fromRow(r));
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < features.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.comparing((Integer i) -> features.get(i).date()).thenComparing(i -> features.get(i).region()));
      List<Row> out = new ArrayList<>();
      for (int i : order) {
        Features today = features.get(i);
        LocalDate d = today.date();
        if (d.isBefore(first) || d.isAfter(last)) {
          continue;
        }
        List<Features> history = new ArrayList<>();
        List<Features> sameDay = new ArrayList<>();
        for (int j : order) {
          Features f = features.get(j);
          if (f.date().isBefore(d) && !f.date().isBefore(d.minusDays(baseline))) {
            history.add(f);
          } else if (f.date().equals(d)) {
            sameDay.add(f);
          }
        }
        Row r = all.get(i);
        Integer peerCount = r.getAs("peer_credentials");
        Context.PeerStats peer = peerCount == null || peerCount < 2 ? Context.PeerStats.NONE
            : new Context.PeerStats(peerCount - 1, r.<Double>getAs("peer_median_events"),
                r.<Double>getAs("peer_median_failures"), r.<Double>getAs("peer_median_data_reads"),
                r.<Double>getAs("peer_median_model_invocations"));
        Integer historyDays = r.getAs("account_days_before");
        boolean warmUp = historyDays == null || historyDays < cfg.coldStartDays();
        Scorer.ScoredDay scored = (warmUp ? warmUpScorer : scorer)
            .score(new Context(today, sameDay, history, peer, cfg));
        if (warmUp) {
          List<String> skipped = new ArrayList<>(scored.skipped());
          skipped.add(String.join(", ", BASELINE_DETECTORS) + ": warm-up, the account has "
              + (historyDays == null ? 0 : historyDays) + " days of history (cold_start_days " + cfg.coldStartDays()
              + ")");
          scored = new Scorer.ScoredDay(scored.score(), scored.signals(), scored.coldStart(), skipped);
        }
        List<Row> signals = new ArrayList<>();
        for (Signal s : scored.signals()) {
          signals.add(SignalRow.of(s.detector(), s.feature(), s.value(), s.baseline(), s.score(), s.reason()));
        }
        out.add(new Scores()
            .eventDate(d)
            .credentialId(credential)
            .region(today.region())
            .source(today.source())
            .accountId(today.accountId())
            .credentialType(today.credentialType())
            .principal(today.principal())
            .score(Math.round(scored.score() * 100) / 100.0)
            .coldStart(scored.coldStart())
            .signals(signals)
            .skipped(scored.skipped())
            .events(today.events())
            .evidenceEventIds(evidence(scored.signals(), today, cfg.maxEvidence()))
            .configVersion(version)
            .runId(runId)
            .toRow());
      }
      return out.iterator();
    };
    Dataset<Row> scored = withPeers
        .groupByKey((MapFunction<Row, String>) r -> r.getAs(CredentialDaily.CREDENTIAL_ID), Encoders.STRING())
        .flatMapGroups(scoreCredential, ExpressionEncoder.apply(Scores.schema()));
    Commits.retrying("write scores", () -> {
      scored.write().format("delta").mode(SaveMode.Overwrite)
          .option("replaceWhere", "event_date >= '" + from + "' AND event_date <= '" + to + "'")
          .save(lake.path(Scores.TABLE));
      return null;
    });
    long n = lake.lastMetric(Scores.TABLE, "numOutputRows");
    LOG.info("scores: {} rows for {}..{} (config {}, GeoIP {})", n, from, to, version, geoAvailable ? "on" : "off");
    return n;
  }
}
