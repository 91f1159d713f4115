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

/**
 * The lake: one root URI (file:// or s3a://), every table a Delta table at {@code <root>/<table>}, created on
 * first use from its schema file.
 */
public final class Lake {
  public static final String SCHEMA_VERSION_PROPERTY = "hindsight.schema.version";

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

  /** Creates the table from its schema file if it does not exist; refuses a table of another schema version. */
  public DeltaTable ensure(String table) {
    TableSchema schema = TableSchema.of(table);
    String location = path(table);
    if (!DeltaTable.isDeltaTable(spark, location)) {
      DeltaTable.createIfNotExists(spark)
          .location(location)
          .addColumns(schema.schema())
          .partitionedBy(schema.partitionedBy().toArray(String[]::new))
          .comment(schema.description())
          .property(SCHEMA_VERSION_PROPERTY, Integer.toString(schema.version()))
          .property("delta.appendOnly", "false")
          .execute();
    }
    DeltaTable delta = DeltaTable.forPath(spark, location);
    String found = spark.sql("SHOW TBLPROPERTIES delta.`" + location + "` ('" + SCHEMA_VERSION_PROPERTY + "')")
        .first().getString(1);
    if (!Integer.toString(schema.version()).equals(found)) {
      throw Errors.schemaVersion(table, location, found, schema.version());
    }
    return delta;
  }

  public Dataset<Row> read(String table) {
    return spark.read().format("delta").load(path(table));
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
