package dev.hindsight.inventory;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import dev.hindsight.error.Errors;
import dev.hindsight.job.Job;
import dev.hindsight.job.JobContext;
import dev.hindsight.lake.Commits;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.RunLog;
import dev.hindsight.lake.tables.CredentialDaily;
import dev.hindsight.lake.tables.Credentials;
import dev.hindsight.lake.tables.Events;
import dev.hindsight.lake.tables.Findings;
import dev.hindsight.lake.tables.Triage;
import dev.hindsight.score.Families;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * {@code hindsight credentials}: the inventory of every credential the lake has seen up to a day, the "review all
 * keys and service accounts" step of an incident. One row per credential ({@code credentials} table, partition
 * {@code as_of}): from {@code credential_daily} (sources, accounts, regions, countries, networks, days, model
 * use), {@code events} (its logged creation: who created it and when), {@code findings} first seen by the day and
 * {@code triage} changed by its end (open findings), and a recommendation: {@code investigate} with open findings,
 * else for a long-lived credential {@code delete} when unused for {@code unusedDays}, {@code rotate} when first
 * seen (or created) more than {@code rotateDays} before, else {@code keep}. Reads nothing after the day, so an
 * inventory as of a disclosure date is what a responder would have had then. Rerunning a day replaces its rows.
 */
public final class CredentialsJob implements Job<CredentialsJob.Result> {
  /** Sources that only log LLM use: a credential they name reached an LLM endpoint. */
  public static final List<String> LLM_SOURCES = List.of("bedrock-invocations", "llm-audit", "anthropic-usage",
      "openai-usage", "proxy");

  /**
   * @param rotateDays a long-lived credential older than this is to be rotated
   * @param unusedDays a long-lived credential unused for this long is to be deleted
   */
  public record Options(LocalDate asOf, int rotateDays, int unusedDays) {
    public Options {
      if (asOf == null) {
        throw Errors.usage("Cannot list credentials: --as-of is required");
      }
      if (rotateDays < 1 || rotateDays > 3650) {
        throw Errors.outOfRange("--rotate-days", "1..3650", rotateDays);
      }
      if (unusedDays < 1 || unusedDays > 3650) {
        throw Errors.outOfRange("--unused-days", "1..3650", unusedDays);
      }
    }
  }

  public record Result(String runId, String status, LocalDate asOf, long credentials, long llmCredentials,
      long investigate, long rotate, long delete, long version) implements Job.Result {
    @Override
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("run_id", runId);
      m.put("status", status);
      m.put("as_of", asOf);
      m.put("credentials", credentials);
      m.put("with_llm_access", llmCredentials);
      m.put("investigate", investigate);
      m.put("rotate", rotate);
      m.put("delete", delete);
      m.put("credentials_version", version);
      return m;
    }
  }

  private final Options options;

  public CredentialsJob(Options options) {
    this.options = options;
  }

  @Override
  public String command() {
    return "credentials";
  }

  @Override
  public String description() {
    return "credentials as of " + options.asOf();
  }

  @Override
  public Result execute(JobContext ctx) {
    Lake lake = ctx.lake();
    RunLog run = ctx.run();
    LocalDate d = options.asOf();
    run.dates(d, d);
    if (!lake.exists(CredentialDaily.TABLE)) {
      throw Errors.tableMissing("list credentials", lake.root(), CredentialDaily.TABLE,
          "run 'hindsight score' for the days up to " + d + " first");
    }
    lake.ensure(Credentials.TABLE);
    Dataset<Row> rows = inventory(lake, options, run.runId());
    Commits.retrying("write credentials", () -> {
      rows.write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", "as_of = '" + d + "'")
          .save(lake.path(Credentials.TABLE));
      return null;
    });
    long version = lake.version(Credentials.TABLE);
    run.version(Credentials.TABLE, version);
    List<Row> counts = lake.read(Credentials.TABLE).where(col(Credentials.AS_OF).equalTo(lit(d)))
        .agg(expr("count(*)"), expr("count_if(llm_access)"), expr("count_if(recommendation = 'investigate')"),
            expr("count_if(recommendation = 'rotate')"), expr("count_if(recommendation = 'delete')"))
        .collectAsList();
    Row c = counts.get(0);
    run.wrote(Credentials.TABLE, c.getLong(0));
    run.succeeded();
    return new Result(run.runId(), run.status(), d, c.getLong(0), c.getLong(1), c.getLong(2), c.getLong(3),
        c.getLong(4), version);
  }

  /** The inventory rows as of the day, in the table's column order. */
  static Dataset<Row> inventory(Lake lake, Options o, String runId) {
    LocalDate d = o.asOf();
    Dataset<Row> daily = lake.read(CredentialDaily.TABLE).where(col(Events.EVENT_DATE).leq(lit(d)));
    Dataset<Row> perCredential = daily.groupBy(CredentialDaily.CREDENTIAL_ID).agg(
        expr("mode(credential_type, true)").as(Credentials.CREDENTIAL_TYPE),
        expr("mode(principal, true)").as(Credentials.PRINCIPAL),
        expr("array_sort(collect_set(account_id))").as(Credentials.ACCOUNT_IDS),
        expr("array_sort(collect_set(source))").as(Credentials.SOURCES),
        expr("min(event_date)").as(Credentials.FIRST_SEEN),
        expr("max(event_date)").as(Credentials.LAST_SEEN),
        expr("cast(count(DISTINCT event_date) AS int)").as(Credentials.ACTIVE_DAYS),
        expr("array_sort(filter(collect_set(region), r -> r <> ''))").as(Credentials.REGIONS),
        expr("array_sort(array_distinct(flatten(collect_list(coalesce(countries, array())))))")
            .as(Credentials.COUNTRIES),
        expr("array_sort(array_distinct(flatten(collect_list(coalesce(asns, array())))))").as(Credentials.ASNS),
        expr("coalesce(sum(model_invocations), 0)").as(Credentials.MODEL_INVOCATIONS),
        expr("coalesce(sum(coalesce(tokens_in, 0) + coalesce(tokens_out, 0)), 0)").as(Credentials.TOKENS));

    // its logged creation: the earliest credential-creation event naming it as the new credential
    Dataset<Row> created = lake.read(Events.TABLE)
        .where(col(Events.EVENT_DATE).leq(lit(d)).and(expr(Families.credentialCreation())))
        .select(expr(Families.createdKeyId()).as("new_id"), col(Events.EVENT_TIME), col(Events.CREDENTIAL_ID))
        .where(col("new_id").isNotNull())
        .groupBy("new_id").agg(expr("min_by(struct(event_time, credential_id), event_time)").as("c"))
        .select(col("new_id"), col("c.event_time").as(Credentials.CREATED_AT),
            col("c.credential_id").as(Credentials.CREATED_BY));

    // findings first seen by the day whose status at the end of the day is open
    Dataset<Row> open;
    if (lake.exists(Findings.TABLE)) {
      Dataset<Row> f = lake.read(Findings.TABLE).where(col(Findings.FIRST_SEEN).leq(lit(d)));
      Dataset<Row> status;
      if (lake.exists(Triage.TABLE)) {
        status = lake.read(Triage.TABLE)
            .where(col(Triage.CHANGED_AT).lt(lit(java.sql.Timestamp.from(d.plusDays(1).atStartOfDay(
                java.time.ZoneOffset.UTC).toInstant()))))
            .groupBy(Triage.FINDING_ID)
            .agg(expr("max_by(status, struct(changed_at, triage_id))").as("status"));
        f = f.join(status, scala(List.of(Findings.FINDING_ID)), "left");
      } else {
        f = f.withColumn("status", lit(null).cast("string"));
      }
      open = f.where(col("status").isNull().or(col("status").isin("acknowledged", "reopened")))
          .groupBy(Findings.CREDENTIAL_ID)
          .agg(expr("cast(count(*) AS int)").as(Credentials.OPEN_FINDINGS),
              expr("max(score)").as(Credentials.MAX_OPEN_SCORE),
              expr("transform(array_sort(collect_list(struct(-score AS s, finding_id AS id))), x -> x.id)")
                  .as(Credentials.FINDING_IDS));
    } else {
      open = lake.spark().sql("SELECT CAST(NULL AS STRING) AS credential_id, 0 AS open_findings,"
          + " CAST(NULL AS DOUBLE) AS max_open_score, CAST(array() AS array<string>) AS finding_ids WHERE false");
    }

    String llmSources = LLM_SOURCES.stream().map(s -> "'" + s + "'").reduce((a, b) -> a + ", " + b).orElseThrow();
    Dataset<Row> joined = perCredential
        .join(created, perCredential.col(CredentialDaily.CREDENTIAL_ID).equalTo(created.col("new_id")), "left")
        .drop("new_id")
        .join(open, scala(List.of(CredentialDaily.CREDENTIAL_ID)), "left")
        .withColumn(Credentials.OPEN_FINDINGS, expr("coalesce(open_findings, 0)"))
        .withColumn(Credentials.FINDING_IDS, expr("coalesce(finding_ids, CAST(array() AS array<string>))"))
        .withColumn(Credentials.LIFETIME, expr(lifetime()))
        .withColumn(Credentials.LLM_ACCESS, expr("model_invocations > 0 OR tokens > 0 OR arrays_overlap(sources,"
            + " array(" + llmSources + "))"))
        .withColumn("_age", expr("datediff(DATE'" + d + "', coalesce(to_date(created_at), first_seen))"))
        .withColumn("_idle", expr("datediff(DATE'" + d + "', last_seen)"));
    String rec = "CASE WHEN open_findings > 0 THEN 'investigate'"
        + " WHEN lifetime = 'long_lived' AND _idle >= " + o.unusedDays() + " THEN 'delete'"
        + " WHEN lifetime = 'long_lived' AND _age >= " + o.rotateDays() + " THEN 'rotate' ELSE 'keep' END";
    String reason = "CASE WHEN open_findings > 0 THEN concat(open_findings, ' open finding',"
        + " IF(open_findings = 1, '', 's'), ', the highest scoring ', format_number(max_open_score, 1))"
        + " WHEN lifetime = 'long_lived' AND _idle >= " + o.unusedDays() + " THEN concat('long lived and unused for ',"
        + " _idle, ' days (last seen ', last_seen, ')')"
        + " WHEN lifetime = 'long_lived' AND _age >= " + o.rotateDays() + " THEN concat('long lived and ', _age,"
        + " ' days old (', IF(created_at IS NULL, 'first seen ', 'created '), coalesce(to_date(created_at), first_seen),"
        + " ')') ELSE concat(lifetime, ', last seen ', last_seen) END";
    joined = joined.withColumn(Credentials.RECOMMENDATION, expr(rec)).withColumn(Credentials.REASON, expr(reason))
        .withColumn(Credentials.AS_OF, lit(d)).withColumn(Credentials.RUN_ID, lit(runId));
    List<Column> ordered = new ArrayList<>();
    for (org.apache.spark.sql.types.StructField f : Credentials.schema().fields()) {
      ordered.add(col(f.name()).cast(f.dataType()).as(f.name()));
    }
    return joined.select(ordered.toArray(Column[]::new));
  }

  /** long_lived | temporary | session | service | unknown, from credential_type. */
  static String lifetime() {
    return "CASE WHEN credential_type IN ('access_key', 'api_key', 'service_account_key', 'root', 'aws_account')"
        + " THEN 'long_lived'"
        + " WHEN credential_type IN ('role_session', 'federated_session', 'web_identity', 'saml', 'identity_center',"
        + " 'service_principal', 'managed_identity', 'service_account', 'federated') THEN 'temporary'"
        + " WHEN credential_type IN ('user_session', 'console_session', 'console', 'user') THEN 'session'"
        + " WHEN credential_type IN ('aws_service', 'gcp_service') THEN 'service' ELSE 'unknown' END";
  }

  private static scala.collection.immutable.Seq<String> scala(List<String> cols) {
    return scala.jdk.javaapi.CollectionConverters.asScala(cols).toList();
  }
}
