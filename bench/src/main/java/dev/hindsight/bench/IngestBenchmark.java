package dev.hindsight.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.InputFile;
import dev.hindsight.ingest.ParseLimits;
import dev.hindsight.ingest.cloudtrail.CloudTrailSource;
import dev.hindsight.lake.Lake;
import dev.hindsight.job.JobRunner;
import dev.hindsight.synth.SyntheticCloudTrail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Ingest benchmark: the same generated CloudTrail files, the same cores, four ways to Parquet/Delta.
 * <ul>
 *   <li>duckdb: DuckDB read_json over the delivery files, unnest Records, project the event fields and the
 *       record text, COPY to Parquet;</li>
 *   <li>spark-json: Spark's JSON reader (multiLine, explicit schema), explode Records, write Parquet;</li>
 *   <li>hindsight-parse: hindsight's parser (packed tasks, one streaming pass per file), events to Parquet;</li>
 *   <li>hindsight-ingest: the full job: parse, de-duplicate, MERGE into Delta, quarantine, ledger, runs.</li>
 * </ul>
 * Prints events per second and ratios against the peers measured in the same run.
 */
public final class IngestBenchmark {
  private static final String SPARK_SCHEMA = "Records ARRAY<STRUCT<eventVersion: STRING, "
      + "userIdentity: STRUCT<type: STRING, principalId: STRING, arn: STRING, accountId: STRING, accessKeyId: STRING,"
      + " userName: STRING, invokedBy: STRING, sessionContext: STRUCT<sessionIssuer: STRUCT<type: STRING,"
      + " principalId: STRING, arn: STRING, accountId: STRING, userName: STRING>, attributes: STRUCT<creationDate:"
      + " STRING, mfaAuthenticated: STRING>>>, eventTime: STRING, eventSource: STRING, eventName: STRING,"
      + " awsRegion: STRING, sourceIPAddress: STRING, userAgent: STRING, errorCode: STRING, errorMessage: STRING,"
      + " requestParameters: STRING, responseElements: STRING, requestID: STRING, eventID: STRING, readOnly: BOOLEAN,"
      + " eventType: STRING, managementEvent: BOOLEAN, recipientAccountId: STRING, eventCategory: STRING>>";

  public static void main(String[] args) throws Exception {
    Map<String, String> a = parseArgs(args);
    Path work = Path.of(a.getOrDefault("work", "bench/work")).toAbsolutePath();
    int days = Integer.parseInt(a.getOrDefault("days", "60"));
    int perDay = Integer.parseInt(a.getOrDefault("events-per-day", "17000"));
    int cores = Integer.parseInt(a.getOrDefault("cores", "2"));
    String only = a.getOrDefault("only", "duckdb,spark-json,hindsight-parse,hindsight-ingest");
    Path data = work.resolve("data-" + days + "x" + perDay);

    if (!Files.exists(data.resolve("labels.json"))) {
      long t0 = System.nanoTime();
      SyntheticCloudTrail.Result r = new SyntheticCloudTrail(new SyntheticCloudTrail.Options(data,
          LocalDate.of(2026, 1, 1), days, 7, perDay, true)).generate();
      System.out.printf(Locale.ROOT, "generated %d records (%d distinct) in %d files in %.1f s%n", r.records(),
          r.distinctEvents(), r.files(), (System.nanoTime() - t0) / 1e9);
    }
    List<InputFile> files = deliveryFiles(data);
    long bytes = files.stream().mapToLong(InputFile::size).sum();
    System.out.printf(Locale.ROOT, "input: %d .json.gz files, %.1f MiB compressed, %d cores%n", files.size(),
        bytes / 1048576.0, cores);

    Map<String, double[]> results = new LinkedHashMap<>(); // name -> {seconds, rows}
    Path out = work.resolve("out");
    if (only.contains("duckdb")) {
      results.put("duckdb", duckdb(data, out.resolve("duckdb.parquet"), cores));
      report(results);
    }
    SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("hindsight-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", Integer.toString(cores * 4))
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .getOrCreate();
    try {
      if (only.contains("spark-json")) {
        results.put("spark-json", sparkJson(spark, files, out.resolve("spark-json")));
        report(results);
      }
      if (only.contains("hindsight-parse")) {
        results.put("hindsight-parse", hindsightParse(spark, files, out.resolve("hindsight-parse")));
        report(results);
      }
      if (only.contains("hindsight-ingest")) {
        results.put("hindsight-ingest", hindsightIngest(spark, data, out.resolve("lake")));
        report(results);
      }
    } finally {
      spark.stop();
    }
  }

  static double[] duckdb(Path data, Path out, int cores) throws Exception {
    deleteRecursively(out);
    Files.createDirectories(out.getParent());
    String glob = data.resolve("AWSLogs").toString() + "/*/CloudTrail/*/*/*/*/*.json.gz";
    String sql = "COPY (SELECT "
        + "r->>'$.eventID' AS event_id, (r->>'$.eventTime')::TIMESTAMP AS event_time, r->>'$.eventSource' AS service,"
        + " r->>'$.eventName' AS action, r->>'$.awsRegion' AS region, r->>'$.sourceIPAddress' AS source_ip,"
        + " r->>'$.userAgent' AS user_agent, r->>'$.errorCode' AS error_code,"
        + " r->>'$.userIdentity.arn' AS principal, r->>'$.userIdentity.accessKeyId' AS access_key_id,"
        + " r->>'$.recipientAccountId' AS account_id, r->>'$.requestParameters' AS request_json,"
        + " r::VARCHAR AS raw"
        + " FROM (SELECT unnest(Records) AS r FROM read_json('" + glob + "', columns = {Records: 'JSON[]'},"
        + " maximum_object_size = 268435456))) TO '" + out + "' (FORMAT parquet)";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("SET threads TO " + cores);
      long t0 = System.nanoTime();
      s.execute(sql);
      double secs = (System.nanoTime() - t0) / 1e9;
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet('" + out + "')")) {
        rs.next();
        return new double[] {secs, rs.getLong(1)};
      }
    }
  }

  static double[] sparkJson(SparkSession spark, List<InputFile> files, Path out) throws IOException {
    deleteRecursively(out);
    StructType schema = (StructType) DataType.fromDDL(SPARK_SCHEMA);
    long t0 = System.nanoTime();
    Dataset<Row> df = spark.read().schema(schema).option("multiLine", "true")
        .json(files.stream().map(InputFile::path).toArray(String[]::new))
        .select(explode(col("Records")).as("r")).select("r.*");
    df.write().mode(SaveMode.Overwrite).parquet(out.toString());
    double secs = (System.nanoTime() - t0) / 1e9;
    return new double[] {secs, spark.read().parquet(out.toString()).count()};
  }

  static double[] hindsightParse(SparkSession spark, List<InputFile> files, Path out) throws IOException {
    deleteRecursively(out);
    long t0 = System.nanoTime();
    Dataset<Row> events = IngestJob.events(IngestJob.parse(spark, new CloudTrailSource(), ParseLimits.DEFAULT, files,
        "bench"));
    events.write().mode(SaveMode.Overwrite).parquet(out.toString());
    double secs = (System.nanoTime() - t0) / 1e9;
    return new double[] {secs, spark.read().parquet(out.toString()).count()};
  }

  static double[] hindsightIngest(SparkSession spark, Path data, Path lakeDir) throws IOException {
    deleteRecursively(lakeDir);
    Lake lake = new Lake(spark, lakeDir.toString());
    long t0 = System.nanoTime();
    IngestJob.Result r = new JobRunner(lake, List.of("bench"), "local").run(new IngestJob(new IngestJob.Options(
        "cloudtrail", data.resolve("AWSLogs").toString(), DateRange.ALL, false, 0.01, ParseLimits.DEFAULT)));
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "hindsight-ingest: %d records parsed, %d distinct events written, %d quarantined%n",
        r.records(), r.eventsWritten(), r.quarantined());
    return new double[] {secs, r.records()};
  }

  static void report(Map<String, double[]> results) {
    double[] duck = results.get("duckdb");
    double[] sj = results.get("spark-json");
    System.out.println();
    System.out.println("| run | seconds | records | records/s | vs duckdb (time) | vs spark-json (time) |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    results.forEach((name, r) -> System.out.printf(Locale.ROOT, "| %s | %.1f | %,d | %,.0f | %s | %s |%n", name, r[0],
        (long) r[1], r[1] / r[0], duck == null ? "-" : String.format(Locale.ROOT, "%.2fx", r[0] / duck[0]),
        sj == null ? "-" : String.format(Locale.ROOT, "%.2fx", r[0] / sj[0])));
    System.out.println();
  }

  static List<InputFile> deliveryFiles(Path data) throws IOException {
    List<InputFile> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(data.resolve("AWSLogs"))) {
      s.filter(p -> p.toString().endsWith(".json.gz") && p.toString().contains("/CloudTrail/")).sorted()
          .forEach(p -> {
            try {
              files.add(new InputFile(p.toUri().toString().replace("file:///", "file:/"), Files.size(p),
                  Files.getLastModifiedTime(p).toMillis()));
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }
    return files;
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  static Map<String, String> parseArgs(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: IngestBenchmark [--work DIR] [--days N] [--events-per-day N]"
            + " [--cores N] [--only duckdb,spark-json,hindsight-parse,hindsight-ingest]");
      }
      m.put(args[i].substring(2), args[++i]);
    }
    return m;
  }
}
