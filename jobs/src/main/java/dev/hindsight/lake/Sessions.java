package dev.hindsight.lake;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the SparkSession every job runs in: Delta enabled, UTC everywhere, Java 8 time types. */
public final class Sessions {
  private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(secret|password|token|credential|access\\.key|session\\.key|signature).*");

  private Sessions() {}

  /**
   * @param master Spark master URL, or null to keep what spark-submit set (falling back to local[*])
   * @param conf extra Spark/Hadoop settings (--conf), applied last so they win
   */
  public static SparkSession create(String appName, String master, Map<String, String> conf) {
    return create(appName, master, conf, true);
  }

  /** @param logConf log the resolved configuration (jobs do; interactive queries don't) */
  public static SparkSession create(String appName, String master, Map<String, String> conf, boolean logConf) {
    scala.Option<SparkSession> existing = SparkSession.getDefaultSession();
    if (existing.isDefined()) {
      // A notebook or test already made one: keep its settings, apply only what was asked for explicitly.
      SparkSession spark = existing.get();
      conf.forEach((k, v) -> spark.conf().set(k, v));
      return spark;
    }
    SparkConf sc = new SparkConf(true);
    if (master != null) {
      sc.setMaster(master);
    } else if (!sc.contains("spark.master")) {
      sc.setMaster("local[*]");
    }
    sc.setIfMissing("spark.app.name", appName);
    sc.set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    sc.set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    sc.set("spark.sql.session.timeZone", "UTC");
    sc.set("spark.sql.datetime.java8API.enabled", "true");
    sc.setIfMissing("spark.ui.showConsoleProgress", "false");
    sc.setIfMissing("spark.sql.adaptive.enabled", "true");
    sc.setIfMissing("spark.sql.debug.maxToStringFields", "200");
    sc.setIfMissing("spark.databricks.delta.merge.repartitionBeforeWrite.enabled", "true");
    sc.setIfMissing("spark.databricks.delta.schema.autoMerge.enabled", "false");
    if (sc.get("spark.master").startsWith("local")) {
      sc.setIfMissing("spark.ui.enabled", "false");
      sc.setIfMissing("spark.driver.host", "127.0.0.1");
      sc.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      sc.setIfMissing("spark.sql.shuffle.partitions", "8");
    }
    conf.forEach(sc::set);
    SparkSession spark = SparkSession.builder().config(sc).getOrCreate();
    if (logConf) {
      logResolved(spark.sparkContext().getConf());
    }
    return spark;
  }

  /** Logs the resolved configuration once, sorted, with secrets masked. */
  static void logResolved(SparkConf sc) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    Map<String, String> sorted = new TreeMap<>();
    for (scala.Tuple2<String, String> kv : sc.getAll()) {
      sorted.put(kv._1(), mask(kv._1(), kv._2()));
    }
    StringBuilder sb = new StringBuilder("Resolved Spark configuration:");
    sorted.forEach((k, v) -> sb.append("\n  ").append(k).append('=').append(v));
    LOG.info(sb.toString());
  }

  public static String mask(String key, String value) {
    return SECRET_KEY.matcher(key).matches() ? "*****" : value;
  }
}
