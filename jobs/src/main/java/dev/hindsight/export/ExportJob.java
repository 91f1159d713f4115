package dev.hindsight.export;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.audit.Csv;
import dev.hindsight.audit.HadoopFiles;
import dev.hindsight.error.Errors;
import dev.hindsight.job.Job;
import dev.hindsight.job.JobContext;
import dev.hindsight.lake.Hashes;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.RunLog;
import dev.hindsight.lake.tables.Events;
import dev.hindsight.lake.tables.Findings;
import dev.hindsight.triage.TriageStatus;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code hindsight export}: the findings that overlap a period, for the tools security teams work in: OCSF
 * Detection Finding (JSON lines), AWS Security Hub ASFF (BatchImportFindings requests, one per line), SARIF 2.1.0,
 * CSV or JSON lines for tickets. Each finding goes with its triage status, its ATT&CK techniques and its evidence
 * events (those the finding names, at most its own bound). Findings are episodes, a few per credential: they are
 * gathered on the driver and written as one file; the file's sha256 is in the result and the run.
 */
public final class ExportJob implements Job<ExportJob.Result> {
  public enum Format { ocsf, asff, sarif, csv, jsonl }

  static final ObjectMapper JSON = JsonMapper.builder().disable(SerializationFeature.INDENT_OUTPUT).build();
  static final List<String> CSV_COLUMNS = List.of("finding_id", "severity", "score", "status", "first_seen",
      "last_seen", "days", "credential_id", "credential_type", "principal", "account_id", "sources", "regions",
      "detectors", "attack_techniques", "summary", "evidence_event_ids");

  /**
   * @param awsAccount the Security Hub account importing ASFF findings (their ProductArn's account, and the
   *     AwsAccountId of findings whose own account is not an AWS account)
   * @param awsRegion the Security Hub region of the ProductArn
   */
  public record Options(Format format, LocalDate from, LocalDate to, double minScore, String out, String awsAccount,
      String awsRegion) {
    public Options {
      if (format == null) {
        throw Errors.usage("--format is required: one of ocsf, asff, sarif, csv, jsonl");
      }
      if (from == null || to == null || from.isAfter(to)) {
        throw Errors.usage("--from " + from + " must be on or before --to " + to);
      }
      if (out == null || out.isBlank()) {
        throw Errors.usage("--out is required");
      }
      if (minScore < 0 || minScore > 100) {
        throw Errors.usage("--min-score must be 0..100 (got " + minScore + ")");
      }
      if (format == Format.asff) {
        if (awsAccount == null || !awsAccount.matches("\\d{12}")) {
          throw Errors.usage("--format asff needs --aws-account: the 12-digit account that imports the findings"
              + " into Security Hub (got " + awsAccount + ")");
        }
        if (awsRegion == null || !awsRegion.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
          throw Errors.usage("--format asff needs --aws-region, e.g. us-east-1 (got " + awsRegion + ")");
        }
      }
    }
  }

  public record Result(String runId, String status, String format, String out, long findings, long bytes,
      String sha256, long findingsVersion) implements Job.Result {
    @Override
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("format", format);
      m.put("out", out);
      m.put("findings", findings);
      m.put("bytes", bytes);
      m.put("sha256", sha256);
      m.put("findings_version", findingsVersion);
      return m;
    }
  }

  private final Options o;
  private boolean executed;

  public ExportJob(Options options) {
    if (options == null) {
      throw Errors.usage("Cannot export: no options");
    }
    this.o = options;
  }

  @Override
  public String command() {
    return "export";
  }

  @Override
  public String description() {
    return "export " + o.format() + " " + o.from() + ".." + o.to();
  }

  @Override
  public Result execute(JobContext ctx) {
    if (executed) {
      throw new IllegalStateException("ExportJob was already executed; build a new one");
    }
    executed = true;
    Lake lake = ctx.lake();
    RunLog run = ctx.run();
    run.dates(o.from(), o.to());
    if (!lake.exists(Findings.TABLE)) {
      throw Errors.tableMissing("export", lake.root(), Findings.TABLE,
          "run 'hindsight score' and 'hindsight publish' (or 'hindsight run') first");
    }
    long version = lake.version(Findings.TABLE);
    List<Exported> findings = gather(lake, version);
    String version0 = RunLog.codeVersion();
    byte[] bytes = render(o, findings, version0).getBytes(StandardCharsets.UTF_8);
    String out = Lake.normalize(o.out());
    new HadoopFiles(lake).overwrite(out, bytes);
    run.version(Findings.TABLE, version);
    run.read(Findings.TABLE, findings.size());
    return new Result(run.runId(), run.status(), o.format().name(), out, findings.size(), bytes.length,
        Hashes.sha256Hex(bytes), version);
  }

  private List<Exported> gather(Lake lake, long version) {
    Dataset<Row> f = lake.readVersion(Findings.TABLE, version)
        .where(col(Findings.LAST_SEEN).geq(lit(o.from())).and(col(Findings.FIRST_SEEN).leq(lit(o.to())))
            .and(col(Findings.SCORE).geq(o.minScore())));
    f = TriageStatus.withStatus(lake, f).orderBy(col(Findings.SCORE).desc(), col(Findings.FIRST_SEEN),
        col(Findings.FINDING_ID));
    List<Row> rows = f.collectAsList();
    Map<String, List<Exported.Evidence>> evidence = new HashMap<>();
    if (!rows.isEmpty() && lake.exists(Events.TABLE)) {
      LocalDate first = rows.stream().map(r -> r.<LocalDate>getAs(Findings.FIRST_SEEN)).min(LocalDate::compareTo)
          .orElseThrow();
      LocalDate last = rows.stream().map(r -> r.<LocalDate>getAs(Findings.LAST_SEEN)).max(LocalDate::compareTo)
          .orElseThrow();
      Dataset<Row> wanted = f.select(col(Findings.FINDING_ID), explode(col(Findings.EVIDENCE_EVENT_IDS))
          .as(Events.EVENT_ID));
      // Evidence lies within its finding's days: the date range prunes partitions before the join.
      Dataset<Row> ev = lake.read(Events.TABLE).where(col(Events.EVENT_DATE).between(lit(first), lit(last)))
          .join(broadcast(wanted), Events.EVENT_ID)
          .select(Findings.FINDING_ID, Events.EVENT_ID, Events.EVENT_TIME, Events.SOURCE, Events.SERVICE,
              Events.ACTION, Events.OUTCOME, Events.ERROR_CODE, Events.REGION, Events.SOURCE_IP, Events.USER_AGENT,
              Events.PRINCIPAL)
          .dropDuplicates(Findings.FINDING_ID, Events.EVENT_ID)
          .orderBy(Findings.FINDING_ID, Events.EVENT_TIME, Events.EVENT_ID);
      for (Row e : ev.collectAsList()) {
        evidence.computeIfAbsent(e.getString(0), k -> new ArrayList<>()).add(new Exported.Evidence(e.getString(1),
            e.<Instant>getAs(Events.EVENT_TIME), e.getString(3), e.getString(4), e.getString(5), e.getString(6),
            e.getString(7), e.getString(8), e.getString(9), e.getString(10), e.getString(11)));
      }
    }
    List<Exported> out = new ArrayList<>();
    for (Row r : rows) {
      List<Exported.Reason> reasons = new ArrayList<>();
      for (Row s : r.<Row>getList(r.fieldIndex(Findings.REASONS))) {
        reasons.add(new Exported.Reason(s.getAs("detector"), s.getAs("feature"), s.getAs("value"),
            s.getAs("baseline"), s.<Double>getAs("score"), s.getAs("reason")));
      }
      String id = r.getAs(Findings.FINDING_ID);
      out.add(new Exported(id, r.getAs(Findings.CREDENTIAL_ID), r.getAs(Findings.CREDENTIAL_TYPE),
          r.getAs(Findings.PRINCIPAL), r.getAs(Findings.ACCOUNT_ID), r.getList(r.fieldIndex(Findings.SOURCES)),
          r.getList(r.fieldIndex(Findings.REGIONS)), r.getAs(Findings.FIRST_SEEN), r.getAs(Findings.LAST_SEEN),
          r.<Integer>getAs(Findings.DAYS), r.<Double>getAs(Findings.SCORE), r.getAs(Findings.SEVERITY),
          r.getList(r.fieldIndex(Findings.DETECTORS)),
          r.isNullAt(r.fieldIndex(Findings.ATTACK_TECHNIQUES))
              ? dev.hindsight.score.Attack.of(r.<String>getList(r.fieldIndex(Findings.DETECTORS)))
              : r.getList(r.fieldIndex(Findings.ATTACK_TECHNIQUES)),
          r.getAs(Findings.SUMMARY), reasons, r.<Boolean>getAs(Findings.COLD_START), r.getAs(Findings.CONFIG_VERSION),
          r.getAs("status"), r.getAs("status_note"), evidence.getOrDefault(id, List.of())));
    }
    return out;
  }

  /** The export's text: a pure function of the options, the findings and hindsight's version. */
  public static String render(Options o, List<Exported> findings, String productVersion) {
    StringBuilder b = new StringBuilder();
    switch (o.format()) {
      case ocsf -> findings.forEach(f -> b.append(json(Ocsf.finding(f, productVersion))).append('\n'));
      case asff -> {
        for (int i = 0; i < findings.size(); i += Asff.MAX_PER_REQUEST) {
          ObjectNode request = JsonNodeFactory.instance.objectNode();
          ArrayNode list = request.putArray("Findings");
          for (Exported f : findings.subList(i, Math.min(findings.size(), i + Asff.MAX_PER_REQUEST))) {
            list.add(Asff.finding(f, o.awsAccount(), o.awsRegion(), productVersion));
          }
          b.append(json(request)).append('\n');
        }
      }
      case sarif -> b.append(json(Sarif.log(findings, productVersion))).append('\n');
      case csv -> {
        Csv.line(b, CSV_COLUMNS);
        for (Exported f : findings) {
          Csv.line(b, List.of(f.findingId(), f.severity(), String.format(Locale.ROOT, "%.1f", f.score()), f.status(),
              f.firstSeen().toString(), f.lastSeen().toString(), Integer.toString(f.days()), f.credentialId(),
              nz(f.credentialType()), nz(f.principal()), nz(f.accountId()), String.join(";", f.sources()),
              String.join(";", f.regions()), String.join(";", f.detectors()), String.join(";", f.attackTechniques()),
              f.summary(), String.join(";", f.evidence().stream().map(Exported.Evidence::eventId).toList())));
        }
      }
      case jsonl -> findings.forEach(f -> b.append(json(jsonl(f))).append('\n'));
      default -> throw new IllegalStateException("format " + o.format());
    }
    return b.toString();
  }

  private static ObjectNode jsonl(Exported f) {
    ObjectNode n = JSON.valueToTree(Map.of());
    n.put("finding_id", f.findingId());
    n.put("severity", f.severity());
    n.put("score", f.score());
    n.put("status", f.status());
    n.put("status_note", f.statusNote());
    n.put("first_seen", f.firstSeen().toString());
    n.put("last_seen", f.lastSeen().toString());
    n.put("days", f.days());
    n.put("credential_id", f.credentialId());
    n.put("credential_type", f.credentialType());
    n.put("principal", f.principal());
    n.put("account_id", f.accountId());
    f.sources().forEach(n.putArray("sources")::add);
    f.regions().forEach(n.putArray("regions")::add);
    f.detectors().forEach(n.putArray("detectors")::add);
    f.attackTechniques().forEach(n.putArray("attack_techniques")::add);
    n.put("summary", f.summary());
    n.put("cold_start", f.coldStart());
    n.put("config_version", f.configVersion());
    ArrayNode reasons = n.putArray("reasons");
    for (Exported.Reason r : f.reasons()) {
      reasons.add(JSON.valueToTree(r));
    }
    ArrayNode ev = n.putArray("evidence");
    for (Exported.Evidence e : f.evidence()) {
      ObjectNode x = ev.addObject();
      x.put("event_id", e.eventId());
      x.put("event_time", e.eventTime() == null ? null : e.eventTime().toString());
      x.put("source", e.source());
      x.put("action", e.action());
      x.put("outcome", e.outcome());
      x.put("error_code", e.errorCode());
      x.put("region", e.region());
      x.put("source_ip", e.sourceIp());
      x.put("principal", e.principal());
    }
    return n;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String json(Object node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
