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

import dev.hindsight.error.Checks;
import dev.hindsight.error.Errors;
import dev.hindsight.job.Job;
import dev.hindsight.job.JobContext;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.Rows;
import dev.hindsight.lake.RunLog;
import dev.hindsight.lake.TableSchema;
import dev.hindsight.score.geo.GeoIp;
import dev.hindsight.score.geo.GeoInfo;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
public final class FeaturesJob implements Job<FeaturesJob.Result> {
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
  private final LocalDate from;
  private final LocalDate to;
  private Lake lake;
  private RunLog run;

  /** credential_daily for the days {@code from..to} (inclusive), enriched with {@code geo}. */
  public FeaturesJob(ScoringConfig config, GeoIp geo, LocalDate from, LocalDate to) {
    if (config == null || geo == null) {
      throw Errors.usage("Cannot compute features: a scoring configuration and a GeoIp (possibly GeoIp.none()) are required");
    }
    Checks.range("compute features", from, to);
    this.config = config;
    this.geo = geo;
    this.from = from;
    this.to = to;
  }

  @Override
  public String command() {
    return "features";
  }

  @Override
  public String description() {
    return "features " + from + ".." + to;
  }

  @Override
  public Result execute(JobContext ctx) {
    if (run != null) {
      throw new IllegalStateException("FeaturesJob was already executed; build a new one");
    }
    this.lake = ctx.lake();
    this.run = ctx.run();
    run.dates(from, to);
    long rows = write(from, to);
    long version = lake.version("credential_daily");
    run.wrote("credential_daily", rows).version("credential_daily", version);
    return new Result(run.runId(), run.status(), from, to, rows, version);
  }

  /** Computes and writes credential_daily for [from, to]; returns the rows written. */
  private long write(LocalDate from, LocalDate to) {
    SparkSession spark = lake.spark();
    lake.ensure("credential_daily");
    int lookback = config.lookbackDays();
    LocalDate histFrom = from.minusDays(lookback);

    Dataset<Row> ev = lake.read("events")
        .where(col("event_date").between(lit(from), lit(to)).and(col("credential_id").isNotNull()))
        .select(col("event_id"), col("event_time"), col("event_date"), col("source"), col("account_id"),
            coalesce(col("region"), lit("")).as("region"), col("service"), col("action"), col("outcome"),
            col("error_code"), col("credential_id"), col("credential_type"), col("principal"), col("principal_name"),
            col("session_name"),
            col("source_ip"), col("user_agent"), col("request_json"), col("response_json"), col("resource"),
            col("tokens_in"), col("tokens_out"));
    ev = withGeo(spark, ev);
    ev = ev
        .withColumn("act", concat(coalesce(col("service"), lit("")), lit(":"), coalesce(col("action"), lit(""))))
        .withColumn("hr", hour(col("event_time")))
        .withColumn("f_fail", col("outcome").equalTo("failure"))
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
      Dataset<Row> hist = lake.read("credential_daily")
          .where(col("event_date").between(lit(histFrom), lit(from.minusDays(1))));

      // --- novelty: (credential, kind, value, day) whose previous occurrence is missing or beyond the lookback
      Dataset<Row> batchValues = values(ev);
      Dataset<Row> histValues = historyValues(hist);
      Dataset<Row> allValues = batchValues.unionByName(histValues);
      WindowSpec byValue = Window.partitionBy("credential_id", "kind", "value").orderBy("event_date");
      Dataset<Row> novel = allValues
          .withColumn("prev", lag("event_date", 1).over(byValue))
          .where(col("event_date").geq(lit(from))
              .and(col("prev").isNull().or(datediff(col("event_date"), col("prev")).gt(lookback))))
          .select("credential_id", "event_date", "kind", "value");
      Dataset<Row> accountValues = allValues.where(col("kind").isin("asn", "country", "region"))
          .select("account_id", "event_date", "kind", "value").distinct();
      WindowSpec byAccountValue = Window.partitionBy("account_id", "kind", "value").orderBy("event_date");
      Dataset<Row> accountNovel = accountValues
          .withColumn("prev", lag("event_date", 1).over(byAccountValue))
          .where(col("event_date").geq(lit(from))
              .and(col("prev").isNull().or(datediff(col("event_date"), col("prev")).gt(lookback))))
          .select("account_id", "event_date", "kind", "value");

      // per row: how many of its values are new, for the credential and for the account
      Dataset<Row> rowValues = ev.select(col("credential_id"), col("region"), col("event_date"), col("account_id"),
          explode(array(kindValue("ip", col("source_ip")), kindValue("asn", col("asn")),
              kindValue("country", col("country")), kindValue("action", col("act")),
              kindValue("ua", col("user_agent")))).as("kv"))
          .select(col("credential_id"), col("region"), col("event_date"), col("account_id"),
              col("kv.kind").as("kind"), col("kv.value").as("value"))
          .where(col("value").isNotNull().and(col("value").notEqual("")))
          .distinct();
      Dataset<Row> newCounts = rowValues
          .join(novel.withColumn("n", lit(1)), scala(List.of("credential_id", "event_date", "kind", "value")), "left")
          .join(accountNovel.withColumn("an", lit(1)), scala(List.of("account_id", "event_date", "kind", "value")),
              "left")
          .groupBy("credential_id", "region", "event_date")
          .agg(count(when(col("kind").equalTo("ip").and(col("n").isNotNull()), 1)).cast("int").as("new_ips"),
              count(when(col("kind").equalTo("asn").and(col("n").isNotNull()), 1)).cast("int").as("new_asns"),
              count(when(col("kind").equalTo("country").and(col("n").isNotNull()), 1)).cast("int").as("new_countries"),
              count(when(col("kind").equalTo("action").and(col("n").isNotNull()), 1)).cast("int").as("new_actions"),
              count(when(col("kind").equalTo("ua").and(col("n").isNotNull()), 1)).cast("int").as("new_user_agents"),
              count(when(col("kind").equalTo("asn").and(col("an").isNotNull()), 1)).cast("int").as("new_account_asns"),
              count(when(col("kind").equalTo("country").and(col("an").isNotNull()), 1)).cast("int")
                  .as("new_account_countries"));

      Dataset<Row> regionNew = novel.where(col("kind").equalTo("region"))
          .select(col("credential_id"), col("event_date"), col("value").as("region"), lit(true).as("new_region"));
      Dataset<Row> accountRegionNew = accountNovel.where(col("kind").equalTo("region"))
          .select(col("account_id"), col("event_date"), col("value").as("region"), lit(true).as("new_account_region"));

      // --- activity: days active in the lookback before each day, and the gap since the last one
      Dataset<Row> activeDays = ev.select("credential_id", "event_date").distinct()
          .unionByName(hist.select("credential_id", "event_date").distinct())
          .distinct()
          .withColumn("dnum", datediff(col("event_date"), lit(LocalDate.of(1970, 1, 1))));
      WindowSpec byCred = Window.partitionBy("credential_id").orderBy("dnum");
      Dataset<Row> activity = activeDays
          .withColumn("days_active_before", count(lit(1)).over(byCred.rangeBetween(-lookback, -1)).cast("int"))
          .withColumn("gap", col("dnum").minus(lag("dnum", 1).over(byCred)))
          .withColumn("days_since_last_active", when(col("gap").leq(lookback), col("gap")).cast("int"))
          .where(col("event_date").geq(lit(from)))
          .select("credential_id", "event_date", "days_active_before", "days_since_last_active");

      // --- per row aggregates
      List<Column> hours = new ArrayList<>();
      for (int h = 0; h < 24; h++) {
        hours.add(sum(when(col("hr").equalTo(h), 1L).otherwise(0L)));
      }
      Dataset<Row> agg = ev.groupBy("credential_id", "region", "event_date").agg(
          expr("mode(source, true)").as("source"),
          expr("mode(account_id, true)").as("account_id"),
          expr("mode(credential_type, true)").as("credential_type"),
          expr("mode(principal, true)").as("principal"),
          count(lit(1)).as("events"),
          sum(when(col("f_fail"), 1L).otherwise(0L)).as("failures"),
          sum(when(col("f_denied"), 1L).otherwise(0L)).as("access_denied"),
          count_distinct(col("source_ip")).cast("int").as("distinct_ips"),
          count_distinct(col("asn")).cast("int").as("distinct_asns"),
          count_distinct(col("country")).cast("int").as("distinct_countries"),
          count_distinct(col("user_agent")).cast("int").as("distinct_user_agents"),
          count_distinct(col("act")).cast("int").as("distinct_actions"),
          slice(array_sort(collect_set(col("source_ip"))), 1, MAX_VALUES).as("ips"),
          slice(array_sort(collect_set(col("asn"))), 1, MAX_VALUES).as("asns"),
          array_sort(collect_set(col("country"))).as("countries"),
          slice(array_sort(collect_set(col("user_agent"))), 1, MAX_VALUES).as("user_agents"),
          slice(array_sort(collect_set(col("act"))), 1, 2 * MAX_VALUES).as("actions"),
          array(hours.toArray(Column[]::new)).as("hours"),
          sum(when(col("f_cred"), 1L).otherwise(0L)).as("cred_creation"),
          sum(when(col("f_keyother"), 1L).otherwise(0L)).as("keys_created_for_others"),
          array_sort(collect_set(when(col("f_keyother"),
              expr(Families.createdKeyId())))).as("created_key_ids"),
          sum(when(col("f_priv"), 1L).otherwise(0L)).as("priv_change"),
          sum(when(col("f_secret"), 1L).otherwise(0L)).as("secret_reads"),
          count_distinct(when(col("f_secret"), coalesce(col("resource"),
              expr("get_json_object(request_json, '$.name')"), expr("get_json_object(request_json, '$.secretId')"))))
              .cast("int").as("distinct_secrets"),
          sum(when(col("f_disc"), 1L).otherwise(0L)).as("discovery"),
          sum(when(col("f_tamper"), 1L).otherwise(0L)).as("logging_tamper"),
          sum(when(col("f_recon"), 1L).otherwise(0L)).as("model_recon"),
          sum(when(col("f_invoke"), 1L).otherwise(0L)).as("model_invocations"),
          sum(when(col("f_data"), 1L).otherwise(0L)).as("data_reads"),
          sum(when(col("f_instance"), 1L).otherwise(0L)).as("instance_creds_outside_aws"),
          sum(col("tokens_in")).as("tokens_in"),
          sum(col("tokens_out")).as("tokens_out"));

      // --- per credential and day, across regions: country switches and model recon followed by invocation
      WindowSpec byTime = Window.partitionBy("credential_id", "event_date").orderBy("event_time", "event_id");
      Dataset<Row> travel = ev.where(col("country").isNotNull().and(col("allowed_asn").isNull()
              .or(col("allowed_asn").equalTo(false))))
          .withColumn("prev_country", lag("country", 1).over(byTime))
          .withColumn("prev_time", lag("event_time", 1).over(byTime))
          .where(col("prev_country").isNotNull().and(col("prev_country").notEqual(col("country"))))
          .groupBy("credential_id", "event_date")
          .agg(min(expr("(unix_micros(event_time) - unix_micros(prev_time)) / 60000000.0"))
              .as("country_switch_minutes"));
      Dataset<Row> llm = ev.groupBy("credential_id", "event_date").agg(
          min(when(col("f_recon"), col("event_time"))).as("first_recon"),
          max(when(col("f_invoke"), col("event_time"))).as("last_invoke"))
          .select(col("credential_id"), col("event_date"), coalesce(col("first_recon").lt(col("last_invoke")),
              lit(false)).as("recon_then_invoke"));

      // --- evidence: the most telling events of each row
      // rare, decisive families first; high-volume sensitive ones next; then new origins, denials, failures
      Column priority = when(col("e.f_tamper").or(col("e.f_priv")).or(col("e.f_keyother")).or(col("e.f_cred"))
              .or(col("e.f_instance")), 0)
          .when(col("e.f_secret").or(col("e.f_recon")).or(col("e.f_invoke")), 1)
          .when(col("e.f_denied"), 3).when(col("e.f_fail"), 4).otherwise(5);
      Dataset<Row> newIps = novel.where(col("kind").isin("ip", "country", "asn"))
          .select(col("credential_id"), col("event_date"), col("value").as("novel_value")).distinct();
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
          .select(col("e.credential_id").as("credential_id"), col("e.region").as("region"),
              col("e.event_date").as("event_date"), col("e.event_id").as("event_id"),
              col("e.event_time").as("event_time"), col("e.act").as("act"),
              coalesce(col("e.resource"), lit("")).as("target"), coalesce(col("e.user_agent"), lit("")).as("ua"),
              family.as("family"), when(priority.leq(1), priority)
                  .when(col("n.novel_value").isNotNull(), 2).otherwise(priority).as("p"))
          .dropDuplicates("event_id", "credential_id")
          // the first event of each action, then of each (action, user agent) and (action, target), then repeats
          .withColumn("nth", row_number().over(Window.partitionBy("credential_id", "region", "event_date", "p", "act")
              .orderBy("event_time", "event_id")))
          .withColumn("nth_target", row_number().over(Window.partitionBy("credential_id", "region", "event_date", "p",
              "act", "target").orderBy("event_time", "event_id")))
          .withColumn("nth_ua", row_number().over(Window.partitionBy("credential_id", "region", "event_date", "p",
              "act", "ua").orderBy("event_time", "event_id")))
          // tier 0: first of its action; 1: first by this user agent (a new tool); 2: first on this target
          .withColumn("tier", when(col("nth").equalTo(1), 0).when(col("nth_ua").equalTo(1), 1)
              .when(col("nth_target").equalTo(1), 2).otherwise(3))
          .withColumn("rn", row_number().over(Window.partitionBy("credential_id", "region", "event_date")
              .orderBy("p", "tier", "event_time", "event_id")))
          .cache();
      Dataset<Row> evidenceByFamily = ranked.where(col("family").isNotNull())
          .withColumn("frn", row_number().over(Window.partitionBy("credential_id", "region", "event_date", "family")
              .orderBy("tier", "event_time", "event_id")))
          .where(col("frn").leq(10))
          .groupBy("credential_id", "region", "event_date", "family")
          .agg(expr("transform(array_sort(collect_list(struct(frn, event_id))), x -> x.event_id)").as("ids"))
          .groupBy("credential_id", "region", "event_date")
          .agg(expr("map_from_entries(collect_list(struct(family, ids)))").as("evidence_by_family"));
      Dataset<Row> evidence = ranked.where(col("rn").leq(config.maxEvidence()))
          .groupBy("credential_id", "region", "event_date")
          .agg(expr("transform(array_sort(collect_list(struct(rn, event_id))), x -> x.event_id)")
              .as("evidence_event_ids"))
          .join(evidenceByFamily, scala(List.of("credential_id", "region", "event_date")), "left");

      // --- a new access key created by another credential for someone else, in the lookback or today
      Dataset<Row> created = agg.select(col("credential_id").as("creator"), col("event_date").as("created_on"),
              explode(col("created_key_ids")).as("key_id"))
          .unionByName(hist.select(col("credential_id").as("creator"), col("event_date").as("created_on"),
              explode(col("created_key_ids")).as("key_id")));

      Dataset<Row> out = agg
          .join(newCounts, scala(List.of("credential_id", "region", "event_date")), "left")
          .join(regionNew, scala(List.of("credential_id", "event_date", "region")), "left")
          .join(accountRegionNew, scala(List.of("account_id", "event_date", "region")), "left")
          .join(activity, scala(List.of("credential_id", "event_date")), "left")
          .join(travel, scala(List.of("credential_id", "event_date")), "left")
          .join(llm, scala(List.of("credential_id", "event_date")), "left")
          .join(evidence, scala(List.of("credential_id", "region", "event_date")), "left");
      Dataset<Row> rollout = out.where(col("new_region").equalTo(true))
          .groupBy("account_id", "region", "event_date")
          .agg(count_distinct(col("credential_id")).cast("int").as("account_new_region_credentials"));
      out = out.join(rollout, scala(List.of("account_id", "region", "event_date")), "left");
      Dataset<Row> createdBy = out.where(col("credential_type").isin("access_key", "api_key", "service_account_key")
              .and(coalesce(col("days_active_before"), lit(0)).equalTo(0)))
          .select("credential_id", "event_date")
          .join(created, col("credential_id").equalTo(col("key_id"))
              .and(col("created_on").leq(col("event_date")))
              .and(datediff(col("event_date"), col("created_on")).leq(lookback))
              .and(col("creator").notEqual(col("credential_id"))))
          .groupBy("credential_id", "event_date").agg(min("creator").as("created_by"));
      out = out.join(createdBy, scala(List.of("credential_id", "event_date")), "left")
          .na().fill(0, new String[] {"new_ips", "new_asns", "new_countries", "new_actions", "new_user_agents",
              "new_account_asns", "new_account_countries", "account_new_region_credentials", "days_active_before"})
          .na().fill(false, new String[] {"new_region", "new_account_region", "recon_then_invoke"})
          .withColumn("evidence_event_ids", coalesce(col("evidence_event_ids"), expr("array()").cast("array<string>")))
          .withColumn("evidence_by_family", coalesce(col("evidence_by_family"),
              expr("map()").cast("map<string,array<string>>")))
          .withColumn("run_id", lit(run.runId()));

      TableSchema schema = TableSchema.of("credential_daily");
      List<Column> cols = new ArrayList<>();
      for (var f : schema.schema().fields()) {
        cols.add(col(f.name()).cast(f.dataType()).as(f.name()));
      }
      out.select(cols.toArray(Column[]::new))
          .write().format("delta").mode(SaveMode.Overwrite)
          .option("replaceWhere", "event_date >= '" + from + "' AND event_date <= '" + to + "'")
          .save(lake.path("credential_daily"));
      long rows = lake.lastMetric("credential_daily", "numOutputRows");
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
    return ev.select(col("credential_id"), col("account_id"), col("event_date"),
            explode(array(kindValue("ip", col("source_ip")), kindValue("asn", col("asn")),
                kindValue("country", col("country")), kindValue("action", col("act")),
                kindValue("ua", col("user_agent")), kindValue("region", col("region")))).as("kv"))
        .select(col("credential_id"), col("account_id"), col("event_date"), col("kv.kind").as("kind"),
            col("kv.value").as("value"))
        .where(col("value").isNotNull().and(col("value").notEqual("")))
        .distinct();
  }

  /** The same tuples from earlier credential_daily rows. */
  private static Dataset<Row> historyValues(Dataset<Row> hist) {
    Dataset<Row> h = hist.select(col("credential_id"), col("account_id"), col("event_date"), col("region"),
        col("ips"), col("asns"), col("countries"), col("actions"), col("user_agents"));
    Dataset<Row> out = h.select(col("credential_id"), col("account_id"), col("event_date"), lit("region").as("kind"),
        col("region").as("value"));
    String[][] arrays = {{"ip", "ips"}, {"asn", "asns"}, {"country", "countries"}, {"action", "actions"},
        {"ua", "user_agents"}};
    for (String[] a : arrays) {
      out = out.unionByName(h.select(col("credential_id"), col("account_id"), col("event_date"),
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
    StructType schema = new StructType().add("source_ip", DataTypes.StringType)
        .add("country", DataTypes.StringType).add("asn", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (String ip : ev.select("source_ip").where(col("source_ip").isNotNull()).distinct().as(Encoders.STRING())
        .collectAsList()) {
      GeoInfo info = geo.lookup(ip);
      if (info != null) {
        rows.add(RowFactory.create(ip, info.country(), info.asn()));
      }
    }
    LOG.info("GeoIP: {} distinct source IPs with a country or ASN", rows.size());
    return ev.join(broadcast(spark.createDataFrame(rows, schema)), scala(List.of("source_ip")), "left");
  }

  private static scala.collection.immutable.Seq<String> scala(List<String> cols) {
    return Rows.seq(cols);
  }
}
