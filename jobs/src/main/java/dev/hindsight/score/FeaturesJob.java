package dev.hindsight.score;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.hindsight.error.Errors;
import dev.hindsight.job.DayRangeJob;
import dev.hindsight.job.Job;
import dev.hindsight.lake.Commits;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.Rows;
import dev.hindsight.lake.TableSchema;
import dev.hindsight.score.geo.GeoIp;
import dev.hindsight.score.geo.GeoInfo;
import dev.hindsight.lake.tables.CredentialDaily;
import dev.hindsight.lake.tables.Events;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * events (days from..to) + credential_daily (the lookback before from) -> credential_daily (days from..to).
 *
 * <p>A whole range is computed in one pass, and the result is the same as computing it one day at a time in
 * order: a value is new on day D when its previous occurrence (found with a window over the value's dates) is
 * missing or older than the lookback. Nothing after D is ever read for D. The range's rows are replaced
 * (replaceWhere), so a rerun rewrites exactly the same rows.
 *
 * <p>Cost: the range's events plus credential_daily rows of the lookback: never the whole event history.
 */
public final class FeaturesJob extends DayRangeJob<FeaturesJob.Result> {
  private static final Logger LOG = LoggerFactory.getLogger(FeaturesJob.class);
  private static final int MAX_VALUES = 256;
  private static final String[] KINDS = {"ip", "asn", "country", "action", "ua", "region"};

  /** What a run wrote: credential_daily rows for the range, and the table's version after. */
  public record Result(String runId, String status, LocalDate from, LocalDate to, long rows, long version)
      implements Job.Result {
    @Override
    public Map<String, Object> summary() {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("run_id", runId);
      m.put("days", from + ".." + to);
      m.put("credential_daily_rows", rows);
      return m;
    }
  }

  private final ScoringConfig config;
  private final GeoIp geo;

  /** credential_daily for the days {@code from..to} (inclusive), enriched with {@code geo}. */
  public FeaturesJob(ScoringConfig config, GeoIp geo, LocalDate from, LocalDate to) {
    super("compute features", from, to);
    if (config == null || geo == null) {
      throw Errors.usage("Cannot compute features: a scoring configuration and a GeoIp (possibly GeoIp.none()) are required");
    }
    this.config = config;
    this.geo = geo;
  }

  @Override
  public String command() {
    return "features";
  }

  @Override
  protected String table() {
    return CredentialDaily.TABLE;
  }

  @Override
  protected Result result(long rows, long version) {
    return new Result(run.runId(), run.status(), from, to, rows, version);
  }

  /** Computes and writes credential_daily for [from, to]; returns the rows written. */
  @Override
  protected long write(LocalDate from, LocalDate to) {
    SparkSession spark = lake.spark();
    lake.ensure(CredentialDaily.TABLE);
    int lookback = config.lookbackDays();
    LocalDate histFrom = from.minusDays(lookback);

    Dataset<Row> ev = lake.read(Events.TABLE)
        .where(col(Events.EVENT_DATE).between(lit(from), lit(to)).and(col(Events.CREDENTIAL_ID).isNotNull()))
        .select(col(Events.EVENT_ID), col(Events.EVENT_TIME), col(Events.EVENT_DATE), col(Events.SOURCE),
            col(Events.ACCOUNT_ID), coalesce(col(Events.REGION), lit("")).as(Events.REGION), col(Events.SERVICE),
            col(Events.ACTION), col(Events.OUTCOME), col(Events.ERROR_CODE), col(Events.CREDENTIAL_ID),
            col(Events.CREDENTIAL_TYPE), col(Events.PRINCIPAL), col(Events.PRINCIPAL_NAME), col(Events.SESSION_NAME),
            col(Events.SOURCE_IP), col(Events.USER_AGENT), col(Events.REQUEST_JSON), col(Events.RESPONSE_JSON),
            col(Events.RESOURCE), col(Events.TOKENS_IN), col(Events.TOKENS_OUT));
    ev = withGeo(spark, ev);
    ev = ev
        .withColumn("act", concat(coalesce(col(Events.SERVICE), lit("")), lit(":"), coalesce(col(Events.ACTION),
            lit(""))))
        .withColumn("hr", hour(col(Events.EVENT_TIME)))
        .withColumn("f_fail", col(Events.OUTCOME).equalTo("failure"))
        .withColumn("f_denied", expr(Families.accessDenied()))
        .withColumn("f_cred", expr(Families.credentialCreation()))
        .withColumn("f_keyother", expr(Families.keyForOther()))
        .withColumn("f_priv", expr(Families.privilegeChange()))
        .withColumn("f_secret", expr(Families.secretRead()))
        .withColumn("f_disc", expr(Families.discovery()))
        .withColumn("f_tamper", expr(Families.loggingTamper()))
        .withColumn("f_recon", expr(Families.modelRecon()))
        .withColumn("f_invoke", expr(Families.modelInvoke()))
        .withColumn("f_data", expr(Families.dataRead()))
        .withColumn("allowed_asn", col("asn").isin(config.allowAsns().toArray()))
        .withColumn("f_instance", expr("credential_type = 'role_session' AND session_name RLIKE '^i-[0-9a-f]{8,17}$'"
            + " AND (country IS NOT NULL OR asn IS NOT NULL) AND coalesce(asn, '') NOT IN ('AS16509', 'AS14618', 'AS8987')")
            .and(coalesce(col("allowed_asn"), lit(false)).equalTo(false)))
        .persist();
    Dataset<Row> ranked = null;
    try {
      Dataset<Row> hist = lake.read(CredentialDaily.TABLE)
          .where(col(Events.EVENT_DATE).between(lit(histFrom), lit(from.minusDays(1))));

      // --- novelty: (credential, kind, value, day) whose previous occurrence is missing or beyond the lookback
      Dataset<Row> batchValues = values(ev);
      Dataset<Row> histValues = historyValues(hist);
      Dataset<Row> allValues = batchValues.unionByName(histValues);
      WindowSpec byValue = Window.partitionBy(Events.CREDENTIAL_ID, "kind", "value").orderBy(Events.EVENT_DATE);
      Dataset<Row> novel = allValues
          .withColumn("prev", lag("event_date", 1).over(byValue))
          .where(col(Events.EVENT_DATE).geq(lit(from))
              .and(col("prev").isNull().or(datediff(col(Events.EVENT_DATE), col("prev")).gt(lookback))))
          .select(Events.CREDENTIAL_ID, Events.EVENT_DATE, "kind", "value");
      Dataset<Row> accountValues = allValues.where(col("kind").isin("asn", "country", "region"))
          .select(Events.ACCOUNT_ID, Events.EVENT_DATE, "kind", "value").distinct();
      WindowSpec byAccountValue = Window.partitionBy(Events.ACCOUNT_ID, "kind", "value").orderBy(Events.EVENT_DATE);
      Dataset<Row> accountNovel = accountValues
          .withColumn("prev", lag("event_date", 1).over(byAccountValue))
          .where(col(Events.EVENT_DATE).geq(lit(from))
              .and(col("prev").isNull().or(datediff(col(Events.EVENT_DATE), col("prev")).gt(lookback))))
          .select(Events.ACCOUNT_ID, Events.EVENT_DATE, "kind", "value");

      // per row: how many of its values are new, for the credential and for the account
      Dataset<Row> rowValues = ev.select(col(Events.CREDENTIAL_ID), col(Events.REGION), col(Events.EVENT_DATE),
          col(Events.ACCOUNT_ID),
          explode(array(kindValue("ip", col(Events.SOURCE_IP)), kindValue("asn", col("asn")),
              kindValue("country", col("country")), kindValue("action", col("act")),
              kindValue("ua", col(Events.USER_AGENT)))).as("kv"))
          .select(col(Events.CREDENTIAL_ID), col(Events.REGION), col(Events.EVENT_DATE), col(Events.ACCOUNT_ID),
              col("kv.kind").as("kind"), col("kv.value").as("value"))
          .where(col("value").isNotNull().and(col("value").notEqual("")))
          .distinct();
      Dataset<Row> newCounts = rowValues
          .join(novel.withColumn("n", lit(1)), scala(List.of(Events.CREDENTIAL_ID, Events.EVENT_DATE, "kind",
              "value")), "left")
          .join(accountNovel.withColumn("an", lit(1)), scala(List.of(Events.ACCOUNT_ID, Events.EVENT_DATE, "kind",
              "value")),
              "left")
          .groupBy(Events.CREDENTIAL_ID, Events.REGION, Events.EVENT_DATE)
          .agg(count(when(col("kind").equalTo("ip").and(col("n").isNotNull()),
              1)).cast("int").as(CredentialDaily.NEW_IPS),
              count(when(col("kind").equalTo("asn").and(col("n").isNotNull()),
                  1)).cast("int").as(CredentialDaily.NEW_ASNS),
              count(when(col("kind").equalTo("country").and(col("n").isNotNull()),
                  1)).cast("int").as(CredentialDaily.NEW_COUNTRIES),
              count(when(col("kind").equalTo("action").and(col("n").isNotNull()),
                  1)).cast("int").as(CredentialDaily.NEW_ACTIONS),
              count(when(col("kind").equalTo("ua").and(col("n").isNotNull()),
                  1)).cast("int").as(CredentialDaily.NEW_USER_AGENTS),
              count(when(col("kind").equalTo("asn").and(col("an").isNotNull()),
                  1)).cast("int").as(CredentialDaily.NEW_ACCOUNT_ASNS),
              count(when(col("kind").equalTo("country").and(col("an").isNotNull()), 1)).cast("int")
                  .as(CredentialDaily.NEW_ACCOUNT_COUNTRIES));

      Dataset<Row> regionNew = novel.where(col("kind").equalTo("region"))
          .select(col(Events.CREDENTIAL_ID), col(Events.EVENT_DATE), col("value").as(Events.REGION),
              lit(true).as(CredentialDaily.NEW_REGION));
      Dataset<Row> accountRegionNew = accountNovel.where(col("kind").equalTo("region"))
          .select(col(Events.ACCOUNT_ID), col(Events.EVENT_DATE), col("value").as(Events.REGION),
              lit(true).as(CredentialDaily.NEW_ACCOUNT_REGION));

      // --- activity: days active in the lookback before each day, and the gap since the last one
      Dataset<Row> activeDays = ev.select(Events.CREDENTIAL_ID, Events.EVENT_DATE).distinct()
          .unionByName(hist.select(Events.CREDENTIAL_ID, Events.EVENT_DATE).distinct())
          .distinct()
          .withColumn("dnum", datediff(col(Events.EVENT_DATE), lit(LocalDate.of(1970, 1, 1))));
      WindowSpec byCred = Window.partitionBy(Events.CREDENTIAL_ID).orderBy("dnum");
      Dataset<Row> activity = activeDays
          .withColumn(CredentialDaily.DAYS_ACTIVE_BEFORE, count(lit(1)).over(byCred.rangeBetween(-lookback,
              -1)).cast("int"))
          .withColumn("gap", col("dnum").minus(lag("dnum", 1).over(byCred)))
          .withColumn(CredentialDaily.DAYS_SINCE_LAST_ACTIVE, when(col("gap").leq(lookback), col("gap")).cast("int"))
          .where(col(Events.EVENT_DATE).geq(lit(from)))
          .select(Events.CREDENTIAL_ID, Events.EVENT_DATE, CredentialDaily.DAYS_ACTIVE_BEFORE,
              CredentialDaily.DAYS_SINCE_LAST_ACTIVE);

      // --- per row aggregates
      List<Column> hours = new ArrayList<>();
      for (int h = 0; h < 24; h++) {
        hours.add(sum(when(col("hr").equalTo(h), 1L).otherwise(0L)));
      }
      Dataset<Row> agg = ev.groupBy(Events.CREDENTIAL_ID, Events.REGION, Events.EVENT_DATE).agg(
          expr("mode(source, true)").as(Events.SOURCE),
          expr("mode(account_id, true)").as(Events.ACCOUNT_ID),
          expr("mode(credential_type, true)").as(Events.CREDENTIAL_TYPE),
          expr("mode(principal, true)").as(Events.PRINCIPAL),
          count(lit(1)).as(CredentialDaily.EVENTS),
          sum(when(col("f_fail"), 1L).otherwise(0L)).as(CredentialDaily.FAILURES),
          sum(when(col("f_denied"), 1L).otherwise(0L)).as(CredentialDaily.ACCESS_DENIED),
          count_distinct(col(Events.SOURCE_IP)).cast("int").as(CredentialDaily.DISTINCT_IPS),
          count_distinct(col("asn")).cast("int").as(CredentialDaily.DISTINCT_ASNS),
          count_distinct(col("country")).cast("int").as(CredentialDaily.DISTINCT_COUNTRIES),
          count_distinct(col(Events.USER_AGENT)).cast("int").as(CredentialDaily.DISTINCT_USER_AGENTS),
          count_distinct(col("act")).cast("int").as(CredentialDaily.DISTINCT_ACTIONS),
          slice(array_sort(collect_set(col(Events.SOURCE_IP))), 1, MAX_VALUES).as(CredentialDaily.IPS),
          slice(array_sort(collect_set(col("asn"))), 1, MAX_VALUES).as(CredentialDaily.ASNS),
          array_sort(collect_set(col("country"))).as(CredentialDaily.COUNTRIES),
          slice(array_sort(collect_set(col(Events.USER_AGENT))), 1, MAX_VALUES).as(CredentialDaily.USER_AGENTS),
          slice(array_sort(collect_set(col("act"))), 1, 2 * MAX_VALUES).as(CredentialDaily.ACTIONS),
          array(hours.toArray(Column[]::new)).as(CredentialDaily.HOURS),
          sum(when(col("f_cred"), 1L).otherwise(0L)).as(CredentialDaily.CRED_CREATION),
          sum(when(col("f_keyother"), 1L).otherwise(0L)).as(CredentialDaily.KEYS_CREATED_FOR_OTHERS),
          array_sort(collect_set(when(col("f_keyother"),
              expr(Families.createdKeyId())))).as(CredentialDaily.CREATED_KEY_IDS),
          sum(when(col("f_priv"), 1L).otherwise(0L)).as(CredentialDaily.PRIV_CHANGE),
          sum(when(col("f_secret"), 1L).otherwise(0L)).as(CredentialDaily.SECRET_READS),
          count_distinct(when(col("f_secret"), coalesce(col(Events.RESOURCE),
              expr("get_json_object(request_json, '$.name')"), expr("get_json_object(request_json, '$.secretId')"))))
              .cast("int").as(CredentialDaily.DISTINCT_SECRETS),
          sum(when(col("f_disc"), 1L).otherwise(0L)).as(CredentialDaily.DISCOVERY),
          sum(when(col("f_tamper"), 1L).otherwise(0L)).as(CredentialDaily.LOGGING_TAMPER),
          sum(when(col("f_recon"), 1L).otherwise(0L)).as(CredentialDaily.MODEL_RECON),
          sum(when(col("f_invoke"), 1L).otherwise(0L)).as(CredentialDaily.MODEL_INVOCATIONS),
          sum(when(col("f_data"), 1L).otherwise(0L)).as(CredentialDaily.DATA_READS),
          sum(when(col("f_instance"), 1L).otherwise(0L)).as(CredentialDaily.INSTANCE_CREDS_OUTSIDE_AWS),
          sum(col(Events.TOKENS_IN)).as(Events.TOKENS_IN),
          sum(col(Events.TOKENS_OUT)).as(Events.TOKENS_OUT));

      // --- per credential and day, across regions: country switches and model recon followed by invocation
      WindowSpec byTime = Window.partitionBy(Events.CREDENTIAL_ID, Events.EVENT_DATE).orderBy(Events.EVENT_TIME,
          Events.EVENT_ID);
      Dataset<Row> travel = ev.where(col("country").isNotNull().and(col("allowed_asn").isNull()
              .or(col("allowed_asn").equalTo(false))))
          .withColumn("prev_country", lag("country", 1).over(byTime))
          .withColumn("prev_time", lag("event_time", 1).over(byTime))
          .where(col("prev_country").isNotNull().and(col("prev_country").notEqual(col("country"))))
          .groupBy(Events.CREDENTIAL_ID, Events.EVENT_DATE)
          .agg(min(expr("(unix_micros(event_time) - unix_micros(prev_time)) / 60000000.0"))
              .as(CredentialDaily.COUNTRY_SWITCH_MINUTES));
      Dataset<Row> llm = ev.groupBy(Events.CREDENTIAL_ID, Events.EVENT_DATE).agg(
          min(when(col("f_recon"), col(Events.EVENT_TIME))).as("first_recon"),
          max(when(col("f_invoke"), col(Events.EVENT_TIME))).as("last_invoke"))
          .select(col(Events.CREDENTIAL_ID), col(Events.EVENT_DATE), coalesce(col("first_recon").lt(col("last_invoke")),
              lit(false)).as(CredentialDaily.RECON_THEN_INVOKE));

      // --- evidence: the most telling events of each row
      // rare, decisive families first; high-volume sensitive ones next; then new origins, denials, failures
      Column priority = when(col("e.f_tamper").or(col("e.f_priv")).or(col("e.f_keyother")).or(col("e.f_cred"))
              .or(col("e.f_instance")), 0)
          .when(col("e.f_secret").or(col("e.f_recon")).or(col("e.f_invoke")), 1)
          .when(col("e.f_denied"), 3).when(col("e.f_fail"), 4).otherwise(5);
      Dataset<Row> newIps = novel.where(col("kind").isin("ip", "country", "asn"))
          .select(col(Events.CREDENTIAL_ID), col(Events.EVENT_DATE), col("value").as("novel_value")).distinct();
      Column family = when(col("e.f_tamper"), "logging_tamper").when(col("e.f_keyother"), "key_for_other")
          .when(col("e.f_priv"), "privilege").when(col("e.f_cred"), "credential_creation")
          .when(col("e.f_secret"), "secret_read").when(col("e.f_recon").or(col("e.f_invoke")), "model")
          .when(col("e.f_instance"), "instance_outside")
          .when(col("n.novel_value").isNotNull(), "new_origin").when(col("e.f_denied"), "denied")
          .when(col("e.f_data"), "data_read");
      ranked = ev.as("e")
          .join(newIps.as("n"), col("e.credential_id").equalTo(col("n.credential_id"))
              .and(col("e.event_date").equalTo(col("n.event_date")))
              .and(col("n.novel_value").isin(col("e.source_ip"), col("e.asn"), col("e.country"))), "left")
          .select(col("e.credential_id").as(Events.CREDENTIAL_ID), col("e.region").as(Events.REGION),
              col("e.event_date").as(Events.EVENT_DATE), col("e.event_id").as(Events.EVENT_ID),
              col("e.event_time").as(Events.EVENT_TIME), col("e.act").as("act"),
              coalesce(col("e.resource"), lit("")).as("target"), coalesce(col("e.user_agent"), lit("")).as("ua"),
              family.as("family"), when(priority.leq(1), priority)
                  .when(col("n.novel_value").isNotNull(), 2).otherwise(priority).as("p"))
          .dropDuplicates(Events.EVENT_ID, Events.CREDENTIAL_ID)
          // the first event of each action, then of each (action, user agent) and (action, target), then repeats
          .withColumn("nth", row_number().over(Window.partitionBy(Events.CREDENTIAL_ID, Events.REGION,
              Events.EVENT_DATE, "p", "act")
              .orderBy(Events.EVENT_TIME, Events.EVENT_ID)))
          .withColumn("nth_target", row_number().over(Window.partitionBy(Events.CREDENTIAL_ID, Events.REGION,
              Events.EVENT_DATE, "p",
              "act", "target").orderBy(Events.EVENT_TIME, Events.EVENT_ID)))
          .withColumn("nth_ua", row_number().over(Window.partitionBy(Events.CREDENTIAL_ID, Events.REGION,
              Events.EVENT_DATE, "p",
              "act", "ua").orderBy(Events.EVENT_TIME, Events.EVENT_ID)))
          // tier 0: first of its action; 1: first by this user agent (a new tool); 2: first on this target
          .withColumn("tier", when(col("nth").equalTo(1), 0).when(col("nth_ua").equalTo(1), 1)
              .when(col("nth_target").equalTo(1), 2).otherwise(3))
          .withColumn("rn", row_number().over(Window.partitionBy(Events.CREDENTIAL_ID, Events.REGION, Events.EVENT_DATE)
              .orderBy("p", "tier", Events.EVENT_TIME, Events.EVENT_ID)))
          .cache();
      Dataset<Row> evidenceByFamily = ranked.where(col("family").isNotNull())
          .withColumn("frn", row_number().over(Window.partitionBy(Events.CREDENTIAL_ID, Events.REGION,
              Events.EVENT_DATE, "family")
              .orderBy("tier", Events.EVENT_TIME, Events.EVENT_ID)))
          .where(col("frn").leq(10))
          .groupBy(Events.CREDENTIAL_ID, Events.REGION, Events.EVENT_DATE, "family")
          .agg(expr("transform(array_sort(collect_list(struct(frn, event_id))), x -> x.event_id)").as("ids"))
          .groupBy(Events.CREDENTIAL_ID, Events.REGION, Events.EVENT_DATE)
          .agg(expr("map_from_entries(collect_list(struct(family, ids)))").as(CredentialDaily.EVIDENCE_BY_FAMILY));
      Dataset<Row> evidence = ranked.where(col("rn").leq(config.maxEvidence()))
          .groupBy(Events.CREDENTIAL_ID, Events.REGION, Events.EVENT_DATE)
          .agg(expr("transform(array_sort(collect_list(struct(rn, event_id))), x -> x.event_id)")
              .as(CredentialDaily.EVIDENCE_EVENT_IDS))
          .join(evidenceByFamily, scala(List.of(Events.CREDENTIAL_ID, Events.REGION, Events.EVENT_DATE)), "left");

      // --- a new access key created by another credential for someone else, in the lookback or today
      Dataset<Row> created = agg.select(col(Events.CREDENTIAL_ID).as("creator"),
          col(Events.EVENT_DATE).as("created_on"),
              explode(col(CredentialDaily.CREATED_KEY_IDS)).as("key_id"))
          .unionByName(hist.select(col(Events.CREDENTIAL_ID).as("creator"), col(Events.EVENT_DATE).as("created_on"),
              explode(col(CredentialDaily.CREATED_KEY_IDS)).as("key_id")));

      Dataset<Row> out = agg
          .join(newCounts, scala(List.of(Events.CREDENTIAL_ID, Events.REGION, Events.EVENT_DATE)), "left")
          .join(regionNew, scala(List.of(Events.CREDENTIAL_ID, Events.EVENT_DATE, Events.REGION)), "left")
          .join(accountRegionNew, scala(List.of(Events.ACCOUNT_ID, Events.EVENT_DATE, Events.REGION)), "left")
          .join(activity, scala(List.of(Events.CREDENTIAL_ID, Events.EVENT_DATE)), "left")
          .join(travel, scala(List.of(Events.CREDENTIAL_ID, Events.EVENT_DATE)), "left")
          .join(llm, scala(List.of(Events.CREDENTIAL_ID, Events.EVENT_DATE)), "left")
          .join(evidence, scala(List.of(Events.CREDENTIAL_ID, Events.REGION, Events.EVENT_DATE)), "left");
      Dataset<Row> rollout = out.where(col(CredentialDaily.NEW_REGION).equalTo(true))
          .groupBy(Events.ACCOUNT_ID, Events.REGION, Events.EVENT_DATE)
          .agg(count_distinct(col(Events.CREDENTIAL_ID)).cast("int")
              .as(CredentialDaily.ACCOUNT_NEW_REGION_CREDENTIALS));
      out = out.join(rollout, scala(List.of(Events.ACCOUNT_ID, Events.REGION, Events.EVENT_DATE)), "left");
      Dataset<Row> createdBy = out.where(col(Events.CREDENTIAL_TYPE).isin("access_key", "api_key",
          "service_account_key")
              .and(coalesce(col(CredentialDaily.DAYS_ACTIVE_BEFORE), lit(0)).equalTo(0)))
          .select(Events.CREDENTIAL_ID, Events.EVENT_DATE)
          .join(created, col(Events.CREDENTIAL_ID).equalTo(col("key_id"))
              .and(col("created_on").leq(col(Events.EVENT_DATE)))
              .and(datediff(col(Events.EVENT_DATE), col("created_on")).leq(lookback))
              .and(col("creator").notEqual(col(Events.CREDENTIAL_ID))))
          .groupBy(Events.CREDENTIAL_ID, Events.EVENT_DATE).agg(min("creator").as(CredentialDaily.CREATED_BY));
      out = out.join(createdBy, scala(List.of(Events.CREDENTIAL_ID, Events.EVENT_DATE)), "left")
          .na().fill(0, new String[] {"new_ips", "new_asns", "new_countries", "new_actions", "new_user_agents",
              "new_account_asns", "new_account_countries", "account_new_region_credentials", "days_active_before"})
          .na().fill(false, new String[] {"new_region", "new_account_region", "recon_then_invoke"})
          .withColumn(CredentialDaily.EVIDENCE_EVENT_IDS, coalesce(col(CredentialDaily.EVIDENCE_EVENT_IDS),
              expr("array()").cast("array<string>")))
          .withColumn(CredentialDaily.EVIDENCE_BY_FAMILY, coalesce(col(CredentialDaily.EVIDENCE_BY_FAMILY),
              expr("map()").cast("map<string,array<string>>")))
          .withColumn(CredentialDaily.RUN_ID, lit(run.runId()));

      TableSchema schema = TableSchema.of(CredentialDaily.TABLE);
      List<Column> cols = new ArrayList<>();
      for (var f : schema.schema().fields()) {
        cols.add(col(f.name()).cast(f.dataType()).as(f.name()));
      }
      Dataset<Row> typed = out.select(cols.toArray(Column[]::new));
      Commits.retrying("write credential_daily", () -> {
        typed.write().format("delta").mode(SaveMode.Overwrite)
            .option("replaceWhere", "event_date >= '" + from + "' AND event_date <= '" + to + "'")
            .save(lake.path(CredentialDaily.TABLE));
        return null;
      });
      long rows = lake.lastMetric(CredentialDaily.TABLE, "numOutputRows");
      LOG.info("credential_daily: {} rows for {}..{} (lookback {} days, GeoIP {})", rows, from, to, lookback,
          geo.available() ? "on" : "off");
      return rows;
    } finally {
      ev.unpersist();
      if (ranked != null) {
        ranked.unpersist();
      }
    }
  }

  private static Column kindValue(String kind, Column value) {
    return struct(lit(kind).as("kind"), value.cast("string").as("value"));
  }

  /** (credential_id, account_id, event_date, kind, value) of the range's events. */
  private static Dataset<Row> values(Dataset<Row> ev) {
    return ev.select(col(Events.CREDENTIAL_ID), col(Events.ACCOUNT_ID), col(Events.EVENT_DATE),
            explode(array(kindValue("ip", col(Events.SOURCE_IP)), kindValue("asn", col("asn")),
                kindValue("country", col("country")), kindValue("action", col("act")),
                kindValue("ua", col(Events.USER_AGENT)), kindValue("region", col(Events.REGION)))).as("kv"))
        .select(col(Events.CREDENTIAL_ID), col(Events.ACCOUNT_ID), col(Events.EVENT_DATE), col("kv.kind").as("kind"),
            col("kv.value").as("value"))
        .where(col("value").isNotNull().and(col("value").notEqual("")))
        .distinct();
  }

  /** The same tuples from earlier credential_daily rows. */
  private static Dataset<Row> historyValues(Dataset<Row> hist) {
    Dataset<Row> h = hist.select(col(Events.CREDENTIAL_ID), col(Events.ACCOUNT_ID), col(Events.EVENT_DATE),
        col(Events.REGION),
        col(CredentialDaily.IPS), col(CredentialDaily.ASNS), col(CredentialDaily.COUNTRIES),
            col(CredentialDaily.ACTIONS), col(CredentialDaily.USER_AGENTS));
    Dataset<Row> out = h.select(col(Events.CREDENTIAL_ID), col(Events.ACCOUNT_ID), col(Events.EVENT_DATE),
        lit("region").as("kind"),
        col(Events.REGION).as("value"));
    String[][] arrays = {{"ip", "ips"}, {"asn", "asns"}, {"country", "countries"}, {"action", "actions"},
        {"ua", "user_agents"}};
    for (String[] a : arrays) {
      out = out.unionByName(h.select(col(Events.CREDENTIAL_ID), col(Events.ACCOUNT_ID), col(Events.EVENT_DATE),
          lit(a[0]).as("kind"), explode(col(a[1])).as("value")));
    }
    return out.where(col("value").isNotNull().and(col("value").notEqual(""))).distinct();
  }

  /**
   * Adds country and asn to every event. Each distinct IP is looked up once, on the driver (the databases are
   * local files there; executors of a cluster need not have them), and the small table is broadcast.
   */
  private Dataset<Row> withGeo(SparkSession spark, Dataset<Row> ev) {
    if (!geo.available()) {
      return ev.withColumn("country", lit(null).cast("string")).withColumn("asn", lit(null).cast("string"));
    }
    StructType schema = new StructType().add(Events.SOURCE_IP, DataTypes.StringType)
        .add("country", DataTypes.StringType).add("asn", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (String ip : ev.select(Events.SOURCE_IP).where(col(Events.SOURCE_IP).isNotNull()).distinct()
        .as(Encoders.STRING())
        .collectAsList()) {
      GeoInfo info = geo.lookup(ip);
      if (info != null) {
        rows.add(Rows.named(schema, Events.SOURCE_IP, ip, "country", info.country(), "asn", info.asn()));
      }
    }
    LOG.info("GeoIP: {} distinct source IPs with a country or ASN", rows.size());
    return ev.join(broadcast(spark.createDataFrame(rows, schema)), scala(List.of(Events.SOURCE_IP)), "left");
  }

  private static scala.collection.immutable.Seq<String> scala(List<String> cols) {
    return Rows.seq(cols);
  }
}
