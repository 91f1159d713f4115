package dev.hindsight.notify;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;

import dev.hindsight.error.Errors;
import dev.hindsight.job.Job;
import dev.hindsight.job.JobContext;
import dev.hindsight.lake.Commits;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.RunLog;
import dev.hindsight.lake.tables.Findings;
import dev.hindsight.lake.tables.Notifications;
import dev.hindsight.lake.tables.Triage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.expressions.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * findings -> messages: one message per finding at or above the threshold that is new, reopened or escalated for
 * this destination ({@link Eligibility}), posted by a {@link Sender}; each delivered message is a row of the
 * notifications table, so a rerun (or a retry of the DAG's task) sends only what was not delivered yet. Reads
 * findings, triage and notifications; writes only notifications. A message that cannot be delivered fails the
 * run (exit 1) after what was delivered before it is recorded.
 */
public final class NotifyJob implements Job<NotifyJob.Result> {
  private static final Logger LOG = LoggerFactory.getLogger(NotifyJob.class);
  /** The findings column publish adds with findings schema version 2; read only when the table has it. */
  public static final String ATTACK_TECHNIQUES = "attack_techniques";
  /** Delivered messages are recorded at least every this many (and always at the end, also of a failed run). */
  static final int RECORD_EVERY = 10;

  /**
   * @param destination where to post
   * @param minScore findings scoring at least this are considered (0..100)
   * @param seenSince when not null, only findings last seen on or after this day
   * @param dryRun build the messages and return them; send nothing, write nothing
   * @param delivery timeouts and retries
   */
  public record Options(Destination destination, double minScore, LocalDate seenSince, boolean dryRun,
      Sender.Settings delivery) {
    public Options {
      if (destination == null) {
        throw Errors.usage("Cannot notify: a destination (--webhook or --slack) is required");
      }
      if (!(minScore >= 0 && minScore <= 100)) {
        throw Errors.outOfRange("--min-score", "0..100", minScore);
      }
      if (delivery == null) {
        delivery = Sender.Settings.defaults();
      }
    }
  }

  /**
   * What a run did. {@code messages} holds the bodies of a dry run (empty otherwise); {@code failed} is 0 in a
   * result, since a run with a failed message ends in a JobFailedException instead.
   */
  public record Result(String runId, String status, String destination, double minScore, boolean dryRun,
      long aboveThreshold, long eligible, long sentNew, long sentReopened, long sentEscalated,
      long skippedAlreadySent, long skippedTriaged, long failed, List<String> messages) implements Job.Result {
    public Result {
      messages = List.copyOf(messages);
    }

    public long sent() {
      return sentNew + sentReopened + sentEscalated;
    }

    public long skipped() {
      return skippedAlreadySent + skippedTriaged;
    }

    @Override
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("run_id", runId);
      m.put("destination", destination);
      m.put("min_score", Messages.score(minScore));
      m.put("above_threshold", aboveThreshold);
      m.put("eligible", eligible);
      if (dryRun) {
        m.put("sent", "0 (dry run: " + eligible + " would be sent)");
      } else {
        m.put("sent", sent() + " (new " + sentNew + ", reopened " + sentReopened + ", escalated " + sentEscalated
            + ")");
      }
      m.put("skipped", skipped() + " (already sent " + skippedAlreadySent + ", triaged " + skippedTriaged + ")");
      m.put("failed", failed);
      return m;
    }
  }

  private final Options options;
  private Lake lake;
  private RunLog run;

  public NotifyJob(Options options) {
    if (options == null) {
      throw Errors.usage("Cannot notify: options are required");
    }
    this.options = options;
  }

  @Override
  public String command() {
    return "notify";
  }

  @Override
  public String description() {
    return "notify " + options.destination() + " (min score " + Messages.score(options.minScore()) + ")"
        + (options.dryRun() ? " dry run" : "");
  }

  @Override
  public Result execute(JobContext ctx) {
    if (run != null) {
      throw new IllegalStateException("NotifyJob " + run.runId() + " was already executed; build a new one");
    }
    this.lake = ctx.lake();
    this.run = ctx.run();
    Destination dest = options.destination();
    if (!lake.exists(Findings.TABLE)) {
      throw Errors.tableMissing("notify", lake.root(), Findings.TABLE,
          "run 'hindsight score' and 'hindsight publish' first");
    }
    if (!options.dryRun() || lake.exists(Notifications.TABLE)) {
      lake.ensure(Notifications.TABLE); // refuses a table of another schema version before anything is sent
    }

    Dataset<Row> findings = lake.read(Findings.TABLE).where(col(Findings.SCORE).geq(lit(options.minScore())));
    if (options.seenSince() != null) {
      findings = findings.where(col(Findings.LAST_SEEN).geq(lit(options.seenSince())));
    }
    boolean hasTechniques = Arrays.asList(findings.columns()).contains(ATTACK_TECHNIQUES);
    List<Row> candidates = findings
        .orderBy(col(Findings.SCORE).desc(), col(Findings.FIRST_SEEN), col(Findings.FINDING_ID)).collectAsList();
    Dataset<Row> ids = findings.select(Findings.FINDING_ID);
    Map<String, Eligibility.Sent> sent = sent(dest, ids);
    Map<String, Triage> triage = latestTriage(ids);
    run.read(Findings.TABLE, candidates.size());

    List<Notice> notices = new ArrayList<>();
    long alreadySent = 0;
    long triaged = 0;
    for (Row r : candidates) {
      Findings f = Findings.fromRow(r);
      Triage t = triage.get(f.findingId());
      Eligibility.Decision d = Eligibility.decide(f.score(), sent.get(f.findingId()), t);
      if (!d.send()) {
        if (Eligibility.SKIP_TRIAGED.equals(d.skipped())) {
          triaged++;
        } else {
          alreadySent++;
        }
        continue;
      }
      List<String> techniques = List.of();
      if (hasTechniques) {
        int i = r.fieldIndex(ATTACK_TECHNIQUES);
        techniques = r.isNullAt(i) ? List.of() : r.<String>getList(i);
      }
      notices.add(new Notice(Notice.id(f.findingId(), d.kind(), f.score(), dest.sha256(), t), d.kind(),
          d.previousScore(), f, techniques, t));
    }
    LOG.info("notify: {} findings score at least {}; {} to send to {}, {} already sent, {} held back by triage",
        candidates.size(), Messages.score(options.minScore()), notices.size(), dest, alreadySent, triaged);

    Messages.Context mctx = new Messages.Context(lake.root(), run.runId());
    if (options.dryRun()) {
      List<String> bodies = notices.stream().map(n -> Messages.body(dest.kind(), n, mctx)).toList();
      if (notices.isEmpty()) {
        run.noop();
      }
      return result(candidates.size(), notices.size(), new long[3], alreadySent, triaged, bodies);
    }
    if (notices.isEmpty()) {
      run.noop();
      run.wrote(Notifications.TABLE, 0).version(Notifications.TABLE, lake.version(Notifications.TABLE));
      return result(candidates.size(), 0, new long[3], alreadySent, triaged, List.of());
    }
    return send(dest, notices, mctx, candidates.size(), alreadySent, triaged);
  }

  private Result send(Destination dest, List<Notice> notices, Messages.Context mctx, long above, long alreadySent,
      long triaged) {
    Sender sender = new Sender(dest, options.delivery());
    List<Notifications> unrecorded = new ArrayList<>();
    long[] byKind = new long[3];
    long delivered = 0;
    List<String> failures = new ArrayList<>();
    int notAttempted = 0;
    RuntimeException thrown = null;
    try {
      for (int i = 0; i < notices.size(); i++) {
        Notice n = notices.get(i);
        String what = "finding " + n.finding().findingId() + " (" + n.kind() + ")";
        Sender.Outcome o = sender.post(Messages.body(dest.kind(), n, mctx), what);
        if (o.delivered()) {
          delivered++;
          byKind[kindIndex(n.kind())]++;
          unrecorded.add(new Notifications()
              .notificationId(n.notificationId())
              .findingId(n.finding().findingId())
              .kind(n.kind())
              .findingScore(n.finding().score())
              .target(dest.kind().name())
              .targetSha256(dest.sha256())
              .httpStatus(o.status())
              .attempts(o.attempts())
              .sentAt(Instant.now())
              .runId(run.runId()));
          if (unrecorded.size() >= RECORD_EVERY) {
            record(unrecorded);
          }
        } else {
          failures.add(what + ": " + o.error());
          LOG.warn("notify {} to {} failed: {}", what, dest, o.error());
          if (!o.refused()) {
            notAttempted = notices.size() - i - 1; // the receiver is down or unreachable: stop here
            break;
          }
        }
      }
    } catch (RuntimeException e) {
      thrown = e;
    } finally {
      try {
        record(unrecorded);
      } catch (RuntimeException e) {
        if (thrown != null) {
          thrown.addSuppressed(e);
        } else {
          thrown = e;
        }
      }
    }
    if (thrown != null) {
      throw thrown;
    }
    run.wrote(Notifications.TABLE, delivered).version(Notifications.TABLE, lake.version(Notifications.TABLE));
    if (!failures.isEmpty()) {
      throw Errors.jobFailed("Cannot notify " + dest + ": " + delivered + " of " + notices.size()
          + " messages delivered (recorded in notifications); " + failures.size() + " failed: "
          + String.join("; ", failures)
          + (notAttempted > 0 ? "; " + notAttempted + " not attempted after it" : "")
          + "; run notify again to send what was not delivered (nothing delivered is sent twice)");
    }
    return result(above, notices.size(), byKind, alreadySent, triaged, List.of());
  }

  private Result result(long above, long eligible, long[] byKind, long alreadySent, long triaged,
      List<String> messages) {
    return new Result(run.runId(), run.status(), options.destination().toString(), options.minScore(),
        options.dryRun(), above, eligible, byKind[0], byKind[1], byKind[2], alreadySent, triaged, 0, messages);
  }

  private static int kindIndex(String kind) {
    return switch (kind) {
      case Eligibility.NEW -> 0;
      case Eligibility.REOPENED -> 1;
      case Eligibility.ESCALATED -> 2;
      default -> throw new IllegalArgumentException("unknown notification kind " + kind);
    };
  }

  /** Appends the delivered messages not recorded yet, and forgets them. */
  private void record(List<Notifications> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<Row> out = rows.stream().map(Notifications::toRow).toList();
    Commits.retrying("record notifications", () -> {
      lake.spark().createDataFrame(out, Notifications.schema()).write().format("delta").mode(SaveMode.Append)
          .save(lake.path(Notifications.TABLE));
      return null;
    });
    LOG.info("notify: recorded {} delivered message{}", rows.size(), rows.size() == 1 ? "" : "s");
    rows.clear();
  }

  /** Per finding (of {@code ids}): the highest score and the last time a message was delivered to {@code dest}. */
  private Map<String, Eligibility.Sent> sent(Destination dest, Dataset<Row> ids) {
    Map<String, Eligibility.Sent> out = new HashMap<>();
    if (!lake.exists(Notifications.TABLE)) {
      return out;
    }
    List<Row> rows = lake.read(Notifications.TABLE)
        .where(col(Notifications.TARGET_SHA256).equalTo(dest.sha256()))
        .join(ids, Notifications.FINDING_ID, "left_semi")
        .groupBy(Notifications.FINDING_ID)
        .agg(max(Notifications.FINDING_SCORE).as("max_score"), max(Notifications.SENT_AT).as("last_sent_at"))
        .collectAsList();
    for (Row r : rows) {
      out.put(r.getString(0), new Eligibility.Sent(r.getDouble(1), r.<Instant>getAs("last_sent_at")));
    }
    return out;
  }

  /** Per finding (of {@code ids}): its latest triage row (max changed_at, then triage_id); none without a table. */
  private Map<String, Triage> latestTriage(Dataset<Row> ids) {
    Map<String, Triage> out = new HashMap<>();
    if (!lake.exists(Triage.TABLE)) {
      return out;
    }
    String rank = "_hindsight_rank";
    List<Row> rows = lake.read(Triage.TABLE)
        .join(ids, Triage.FINDING_ID, "left_semi")
        .withColumn(rank, row_number().over(Window.partitionBy(Triage.FINDING_ID)
            .orderBy(col(Triage.CHANGED_AT).desc(), col(Triage.TRIAGE_ID).desc())))
        .where(col(rank).equalTo(1))
        .collectAsList();
    for (Row r : rows) {
      Triage t = Triage.fromRow(r);
      out.put(t.findingId(), t);
    }
    return out;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "NotifyJob[%s]", description());
  }
}
