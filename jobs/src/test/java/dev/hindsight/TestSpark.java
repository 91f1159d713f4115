package dev.hindsight;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One SparkSession for the whole test suite (Surefire runs every class in one JVM). Test-only settings live
 * here, never in production code: two local cores, two shuffle partitions, no UI, loopback only.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("hindsight-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.sql.datetime.java8API.enabled", "true")
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config("spark.ui.showConsoleProgress", "false")
          .getOrCreate();
    }
    return session;
  }

  /** The shared real audit logs (../shared/datasets from the repository root). */
  public static Path datasets() {
    String env = System.getenv("HINDSIGHT_DATASETS");
    Path p = env != null ? Path.of(env) : Path.of("../../shared/datasets");
    if (!Files.isDirectory(p)) {
      p = Path.of("../shared/datasets");
    }
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("Cannot find the shared datasets: set HINDSIGHT_DATASETS (tried " + p.toAbsolutePath() + ")");
    }
    return p.toAbsolutePath().normalize();
  }
}
