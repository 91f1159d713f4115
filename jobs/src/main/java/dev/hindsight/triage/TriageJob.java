package dev.hindsight.triage;

import static org.apache.spark.sql.functions.col;

import dev.hindsight.error.Errors;
import dev.hindsight.job.Job;
import dev.hindsight.job.JobContext;
import dev.hindsight.lake.Commits;
import dev.hindsight.lake.Ids;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.RunLog;
import dev.hindsight.lake.tables.Findings;
import dev.hindsight.lake.tables.Suppressions;
import dev.hindsight.lake.tables.Triage;
import dev.hindsight.score.Detectors;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * {@code hindsight triage}: sets a finding's status (acknowledged, false_positive, resolved) by appending a row to
 * {@code triage}; nothing is overwritten, so the table is the finding's whole history (who, when, why). With
 * {@code suppress}, it also appends suppression rules for the finding's credential and its detectors (or the one
 * named) until an expiry day: later scoring mutes them on the days up to it (see {@link SuppressionRules}).
 */
public final class TriageJob implements Job<TriageJob.Result> {
  /**
   * @param detector with suppress: the one detector to mute (default: every detector of the finding)
   * @param expires with suppress: the last day the rules apply to
   */
  public record Options(String findingId, String status, String note, String by, boolean suppress, String detector,
      LocalDate expires) {
    public Options {
      if (findingId == null || !findingId.matches("[0-9a-f]{24}")) {
        throw Errors.usage("a finding id is 24 hex digits (got " + findingId + "); see 'hindsight findings'");
      }
      if (!TriageStatus.SETTABLE.contains(status)) {
        throw Errors.usage("--status must be one of " + String.join(", ", TriageStatus.SETTABLE) + " (got " + status
            + ")");
      }
      if (by == null || by.isBlank()) {
        throw Errors.usage("--by is required: who triaged it (it is kept with the change)");
      }
      if (!suppress && (detector != null || expires != null)) {
        throw Errors.usage("--detector and --expires go with --suppress");
      }
      if (suppress) {
        if (expires == null) {
          throw Errors.usage("--suppress needs --expires YYYY-MM-DD: the last day the suppression applies to");
        }
        if (note == null || note.isBlank()) {
          throw Errors.usage("--suppress needs --note: why the detector is muted for this credential (kept for"
              + " the auditor)");
        }
        if (detector != null && !Detectors.names().contains(detector)) {
          throw Errors.usage("--detector: unknown detector '" + detector + "'; known: " + Detectors.names());
        }
      }
    }
  }

  public record Result(String runId, String status, String findingId, String previous, String now,
      List<String> suppressionIds) implements Job.Result {
    @Override
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("finding_id", findingId);
      m.put("previous_status", previous);
      m.put("status", now);
      m.put("suppressions", suppressionIds);
      return m;
    }
  }

  private final Options o;
  private boolean executed;

  public TriageJob(Options options) {
    if (options == null) {
      throw Errors.usage("Cannot triage: no options");
    }
    this.o = options;
  }

  @Override
  public String command() {
    return "triage";
  }

  @Override
  public String description() {
    return "triage " + o.findingId() + " " + o.status();
  }

  @Override
  public Result execute(JobContext ctx) {
    if (executed) {
      throw new IllegalStateException("TriageJob was already executed; build a new one");
    }
    executed = true;
    Lake lake = ctx.lake();
    RunLog run = ctx.run();
    if (!lake.exists(Findings.TABLE)) {
      throw Errors.tableMissing("triage", lake.root(), Findings.TABLE, "run 'hindsight publish' first");
    }
    List<Row> found = lake.read(Findings.TABLE).where(col(Findings.FINDING_ID).equalTo(o.findingId()))
        .collectAsList();
    if (found.isEmpty()) {
      throw Errors.usage("no finding " + o.findingId() + " in " + lake.path(Findings.TABLE)
          + "; see 'hindsight findings'");
    }
    Findings f = Findings.fromRow(found.get(0));
    List<Row> prev = TriageStatus.latest(lake).where(col(Triage.FINDING_ID).equalTo(o.findingId())).collectAsList();
    String previous = prev.isEmpty() ? TriageStatus.OPEN : prev.get(0).getAs(Triage.STATUS);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    List<String> ids = new ArrayList<>();
    if (o.suppress()) {
      List<String> detectors = o.detector() != null ? List.of(o.detector()) : f.detectors();
      List<Row> rules = new ArrayList<>();
      for (String d : detectors) {
        String id = Ids.of(24, d, f.credentialId(), now.toString());
        ids.add(id);
        rules.add(new Suppressions().suppressionId(id).detector(d).credentialId(f.credentialId()).reason(o.note())
            .expires(o.expires()).findingId(o.findingId()).createdBy(o.by()).createdAt(now).runId(run.runId())
            .toRow());
      }
      append(lake, Suppressions.TABLE, rules);
      run.wrote(Suppressions.TABLE, rules.size());
    }
    Triage t = new Triage()
        .triageId(Ids.of(24, o.findingId(), now.toString(), o.status(), o.by()))
        .findingId(o.findingId())
        .status(o.status())
        .note(o.note())
        .changedBy(o.by())
        .changedAt(now)
        .findingScore(f.score())
        .findingLastSeen(f.lastSeen())
        .findingDays(f.days())
        .suppressionId(ids.isEmpty() ? null : String.join(",", ids))
        .runId(run.runId());
    append(lake, Triage.TABLE, List.of(t.toRow()));
    run.wrote(Triage.TABLE, 1);
    return new Result(run.runId(), run.status(), o.findingId(), previous, o.status(), ids);
  }

  static void append(Lake lake, String table, List<Row> rows) {
    lake.ensure(table);
    Commits.retrying("append " + table, () -> {
      lake.spark().createDataFrame(rows, dev.hindsight.lake.TableSchema.of(table).schema()).write().format("delta")
          .mode(SaveMode.Append).save(lake.path(table));
      return null;
    });
  }
}
