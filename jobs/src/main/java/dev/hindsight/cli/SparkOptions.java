package dev.hindsight.cli;

import dev.hindsight.lake.Lake;
import dev.hindsight.lake.Sessions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Options every command that touches the lake shares. */
public class SparkOptions {
  @Option(names = "--lake", paramLabel = "URI", defaultValue = "${env:HINDSIGHT_LAKE:-./lake}",
      description = "Root of all tables: a local path, file:// or s3a://bucket/prefix (default: ${DEFAULT-VALUE})")
  String lake;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: what spark-submit set, else local[*])")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "Spark or Hadoop setting, repeatable (spark.hadoop.fs.s3a.endpoint=..., spark.driver.memory=...)")
  Map<String, String> conf = new LinkedHashMap<>();

  private SparkSession created;

  /** The session to run in: a new one, or the JVM's existing one (tests, notebooks) which close() then leaves open. */
  SparkSession session(String appName) {
    boolean existed = SparkSession.getDefaultSession().isDefined();
    SparkSession s = Sessions.create(appName, master, conf, !appName.endsWith(" sql"));
    if (!existed) {
      created = s;
    }
    return s;
  }

  void close(SparkSession s) {
    if (s != null && s == created) {
      s.stop();
      created = null;
    }
  }

  Lake open(SparkSession spark) {
    return new Lake(spark, lake);
  }

  /**
   * The runner every command runs its jobs through: each run recorded in the lake's runs table with this command
   * line (secrets masked) and master.
   */
  dev.hindsight.job.JobRunner runner(Lake lake, picocli.CommandLine.Model.CommandSpec spec) {
    return new dev.hindsight.job.JobRunner(lake, spec.commandLine().getParseResult().originalArgs(), masterOrDefault());
  }

  String masterOrDefault() {
    return master != null ? master : System.getProperty("spark.master", "local[*]");
  }
}
