package dev.hindsight.lake;

import dev.hindsight.error.Errors;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lake: one root URI (file:// or s3a://), every table a Delta table at {@code <root>/<table>}, created on
 * first use from its schema file.
 */
public final class Lake {
  public static final String SCHEMA_VERSION_PROPERTY = "hindsight.schema.version";
  /** The lake's retention in days, on every table (and in the lake's settings file). */
  public static final String RETENTION_PROPERTY = "hindsight.retention.days";
  /**
   * Default retention: long enough for an audit horizon (a year and a month), so samples and reports pinned to a
   * table version stay readable; Delta's own defaults (30 days of log, 7 days of removed files) would not.
   */
  public static final int DEFAULT_RETENTION_DAYS = 400;
  /** The lake's own settings (retention), beside its tables; folders starting with '_' are not tables. */
  public static final String SETTINGS_FILE = "_hindsight/settings.json";
  private static final Logger LOG = LoggerFactory.getLogger(Lake.class);

  private final SparkSession spark;
  private final String root;

  public Lake(SparkSession spark, String root) {
    if (root == null || root.isBlank()) {
      throw Errors.usage("Cannot open lake: the lake URI is empty");
    }
    this.spark = spark;
    this.root = normalize(root);
  }

  /**
   * The one spelling of a location that Hadoop and Delta agree on: a bare local path becomes an absolute
   * {@code file:/...}; {@code file:///x} becomes {@code file:/x}; other schemes are kept.
   */
  public static String normalize(String uri) {
    String trimmed = uri.endsWith("/") && uri.length() > 1 ? uri.substring(0, uri.length() - 1) : uri;
    if (!trimmed.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      trimmed = java.nio.file.Path.of(trimmed).toAbsolutePath().normalize().toUri().toString();
    }
    String s = new Path(trimmed).toString();
    return s.endsWith("/") && s.length() > 1 && !s.endsWith(":/") ? s.substring(0, s.length() - 1) : s;
  }

  public SparkSession spark() {
    return spark;
  }

  public String root() {
    return root;
  }

  public String path(String table) {
    return root + "/" + table;
  }

  public boolean exists(String table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  /**
   * Creates the table from its schema file if it does not exist, and migrates a table of an older schema
   * version in place when the change is additive (see {@link #migrate}); refuses any other schema version.
   */
  public DeltaTable ensure(String table) {
    TableSchema schema = TableSchema.of(table);
    String location = path(table);
    if (!DeltaTable.isDeltaTable(spark, location)) {
      createOnce(schema, location);
    }
    DeltaTable delta = DeltaTable.forPath(spark, location);
    String found = spark.sql("SHOW TBLPROPERTIES delta.`" + location + "` ('" + SCHEMA_VERSION_PROPERTY + "')")
        .first().getString(1);
    if (!Integer.toString(schema.version()).equals(found)) {
      migrate(schema, found);
    }
    return delta;
  }

  /** How long a process waits for another one that is creating the same table. */
  static final long CREATE_WAIT_MILLIS = 180_000;

  /**
   * Creates a table when several processes may be creating it at once (the DAG's ingest tasks on a new lake).
   * Delta 4.3 does not make that safe by itself: the losers fail (DELTA_CREATE_TABLE_WITH_NON_EMPTY_LOCATION) and
   * a loser's clean-up can take the winner's log with it. So one process creates it: the one that atomically
   * creates {@code <root>/_hindsight/locks/create-<table>} (an exclusive create: atomic on local disks and HDFS;
   * on S3 Hadoop's exclusive create is not atomic, so there a first task should create the tables alone); the
   * others wait until the table exists. A lock older than the wait left by a process that died is taken over.
   */
  private void createOnce(TableSchema schema, String location) {
    Path lock = new Path(root + "/_hindsight/locks/create-" + schema.table());
    long deadline = System.currentTimeMillis() + CREATE_WAIT_MILLIS;
    while (!DeltaTable.isDeltaTable(spark, location)) {
      if (tryLock(lock)) {
        try {
          if (!DeltaTable.isDeltaTable(spark, location)) {
            create(schema, location);
          }
        } finally {
          unlock(lock);
        }
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        if (lockAgeMillis(lock) > CREATE_WAIT_MILLIS) {
          LOG.warn("{}: taking over a table-creation lock left by a process that did not finish", lock);
          unlock(lock);
          deadline = System.currentTimeMillis() + CREATE_WAIT_MILLIS;
          continue;
        }
        throw Errors.lakeState("Cannot create table " + schema.table() + " at " + location + ": another process"
            + " holds " + lock + " and has not created it; if no hindsight job is running, delete that file");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Errors.jobFailed("Interrupted while waiting for " + schema.table() + " to be created", e);
      }
    }
  }

  private boolean tryLock(Path lock) {
    try {
      if ("file".equals(lock.toUri().getScheme())) {
        java.nio.file.Path p = java.nio.file.Path.of(lock.toUri());
        java.nio.file.Files.createDirectories(p.getParent());
        try {
          java.nio.file.Files.createFile(p); // O_EXCL: exactly one process wins
          return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
          return false;
        }
      }
      FileSystem fs = lock.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.create(lock, false).close();
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("already exists")) {
        return false;
      }
      throw new UncheckedIOException("Cannot create " + lock + ": " + e.getMessage(), e);
    }
  }

  private void unlock(Path lock) {
    try {
      lock.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(lock, false);
    } catch (IOException e) {
      LOG.warn("Cannot delete {}: {}", lock, e.getMessage());
    }
  }

  private long lockAgeMillis(Path lock) {
    try {
      FileSystem fs = lock.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(lock) ? System.currentTimeMillis() - fs.getFileStatus(lock).getModificationTime() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private void create(TableSchema schema, String location) {
    DeltaTable.createIfNotExists(spark)
        .location(location)
        .addColumns(schema.schema())
        .partitionedBy(schema.partitionedBy().toArray(String[]::new))
        .comment(schema.description())
        .property(SCHEMA_VERSION_PROPERTY, Integer.toString(schema.version()))
        .property("delta.appendOnly", "false")
        .property("delta.logRetentionDuration", retentionInterval(retentionDays()))
        .property("delta.deletedFileRetentionDuration", retentionInterval(retentionDays()))
        .property(RETENTION_PROPERTY, Integer.toString(retentionDays()))
        .execute();
  }

  /**
   * Migrates a table written by an older schema version in place, when the newer schema only appends nullable
   * columns (the one kind of change hindsight's schema files make without a new table): the existing columns
   * must be the new schema's first columns, with the same types. The ALTER TABLE is its own Delta commit, so
   * the table's history says when the table was migrated, from which version, by which hindsight (commit user
   * metadata); versions before it stay readable by time travel with their old columns. Anything else (a newer
   * table, a removed, renamed or retyped column) is refused with the schema version error.
   */
  private void migrate(TableSchema schema, String found) {
    String table = schema.table();
    String location = path(table);
    int foundVersion;
    try {
      foundVersion = Integer.parseInt(found);
    } catch (NumberFormatException e) {
      throw Errors.schemaVersion(table, location, found, schema.version());
    }
    StructType existing = spark.read().format("delta").load(location).schema();
    StructField[] wanted = schema.schema().fields();
    if (foundVersion > schema.version() || existing.fields().length > wanted.length) {
      throw Errors.schemaVersion(table, location, found, schema.version());
    }
    for (int i = 0; i < existing.fields().length; i++) {
      StructField e = existing.fields()[i];
      StructField w = wanted[i];
      if (!e.name().equals(w.name()) || !e.dataType().sameType(w.dataType())) {
        throw Errors.schemaVersion(table, location, found, schema.version());
      }
    }
    List<String> added = new ArrayList<>();
    for (int i = existing.fields().length; i < wanted.length; i++) {
      StructField w = wanted[i];
      if (!w.nullable()) {
        throw Errors.schemaVersion(table, location, found, schema.version());
      }
      added.add("`" + w.name() + "` " + w.dataType().sql()
          + w.getComment().map(c -> " COMMENT '" + c.replace("'", "\\'") + "'").getOrElse(() -> ""));
    }
    String note = "hindsight migrate " + table + " schema " + found + " -> " + schema.version();
    String key = "spark.databricks.delta.commitInfo.userMetadata";
    String before = spark.conf().contains(key) ? spark.conf().get(key) : null;
    spark.conf().set(key, note);
    try {
      Commits.retrying("migrate " + table, () -> {
        if (!added.isEmpty()) {
          spark.sql("ALTER TABLE delta.`" + location + "` ADD COLUMNS (" + String.join(", ", added) + ")");
        }
        spark.sql("ALTER TABLE delta.`" + location + "` SET TBLPROPERTIES ('" + SCHEMA_VERSION_PROPERTY + "' = '"
            + schema.version() + "')");
        return null;
      });
    } finally {
      if (before == null) {
        spark.conf().unset(key);
      } else {
        spark.conf().set(key, before);
      }
    }
    LOG.info("{}: migrated {} from schema version {} to {} (added {})", location, table, found, schema.version(),
        added.isEmpty() ? "no columns" : String.join(", ", added));
  }

  /** Delta's spelling of a retention of days. */
  public static String retentionInterval(int days) {
    return "interval " + days + " days";
  }

  /** The lake's retention in days: its settings file's, or {@link #DEFAULT_RETENTION_DAYS}. */
  public int retentionDays() {
    Path p = new Path(root + "/" + SETTINGS_FILE);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        return DEFAULT_RETENTION_DAYS;
      }
      try (var in = fs.open(p)) {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("retention_days")
            .asInt(DEFAULT_RETENTION_DAYS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  /** Records the lake's retention in its settings file (tables get it from {@code hindsight maintain}). */
  public void retentionDays(int days) {
    Path p = new Path(root + "/" + SETTINGS_FILE);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (var out = fs.create(p, true)) {
        out.write(("{\"retention_days\": " + days + "}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + p + ": " + e.getMessage(), e);
    }
  }

  /**
   * The table's current rows. A table of hindsight's own whose schema file has nullable columns the table
   * lacks (written by an older version, not migrated yet) reads with those columns as nulls, so readers see
   * one shape whichever version wrote the lake; reading never migrates.
   */
  public Dataset<Row> read(String table) {
    return withSchemaColumns(table, spark.read().format("delta").load(path(table)));
  }

  /** The table as of a Delta version (time travel), with missing nullable columns as nulls like {@link #read}. */
  public Dataset<Row> readVersion(String table, long version) {
    return withSchemaColumns(table, spark.read().format("delta").option("versionAsOf", version).load(path(table)));
  }

  private static Dataset<Row> withSchemaColumns(String table, Dataset<Row> df) {
    if (!TableSchema.exists(table)) {
      return df;
    }
    java.util.Set<String> have = new java.util.HashSet<>(java.util.Arrays.asList(df.columns()));
    for (StructField f : TableSchema.of(table).schema().fields()) {
      if (!have.contains(f.name()) && f.nullable()) {
        df = df.withColumn(f.name(), org.apache.spark.sql.functions.lit(null).cast(f.dataType()));
      }
    }
    return df;
  }

  /** Latest committed Delta version of a table, or -1 if it does not exist. */
  public long version(String table) {
    if (!exists(table)) {
      return -1;
    }
    return DeltaTable.forPath(spark, path(table)).history(1).first().getLong(0);
  }

  /** A metric of the table's latest commit (e.g. numOutputRows, numTargetRowsInserted), or 0 if absent. */
  public long lastMetric(String table, String metric) {
    Row h = DeltaTable.forPath(spark, path(table)).history(1).select("operationMetrics").first();
    scala.collection.Map<String, String> m = h.getMap(0);
    return m.contains(metric) ? Long.parseLong(m.apply(metric)) : 0L;
  }

  /** Every Delta table under the root, by folder name. */
  public List<String> tables() {
    List<String> names = new ArrayList<>();
    try {
      Path rootPath = new Path(root);
      FileSystem fs = rootPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(rootPath)) {
        return names;
      }
      for (FileStatus st : fs.listStatus(rootPath)) {
        if (st.isDirectory() && !st.getPath().getName().startsWith("_")
            && fs.exists(new Path(st.getPath(), "_delta_log"))) {
          names.add(st.getPath().getName());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list lake " + root + ": " + e.getMessage(), e);
    }
    names.sort(String::compareTo);
    return names;
  }

  /** Makes every lake table queryable in Spark SQL by its name. */
  public List<String> registerViews() {
    List<String> names = tables();
    for (String name : names) {
      read(name).createOrReplaceTempView(name);
    }
    return names;
  }
}
