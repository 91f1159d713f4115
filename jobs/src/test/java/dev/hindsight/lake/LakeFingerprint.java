package dev.hindsight.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * What a lake holds, as one line per table (rows and a sha256 over the rows), leaving out what differs between
 * two runs over the same input by design: run ids, wall-clock times, file modification times, and the folder the
 * logs were generated in (paths are kept relative to their {@code logs/} folder). Arrays and maps are compared as
 * sets, so a collect_set's order does not count. Two lakes built from the same logs by the same logic have equal
 * fingerprints; a refactoring that changes any stored value changes it.
 */
public final class LakeFingerprint {
  /** The tables compared (runs and samples are records of the runs themselves). */
  public static final List<String> TABLES = List.of("events", "quarantine", "ingest_files", "credential_daily",
      "scores", "findings");
  private static final Set<String> VOLATILE = Set.of("ingest_run_id", "run_id", "quarantined_at", "ingested_at",
      "modified_at");
  private static final Set<String> PATHS = Set.of("input_file", "path");
  /**
   * Columns added after the recorded fingerprint that are pure functions of columns it covers:
   * findings.attack_techniques is {@code Attack.of(detectors)} (FindingsWorkflowTest checks that on real data).
   */
  private static final Set<String> DERIVED = Set.of("attack_techniques");

  private LakeFingerprint() {}

  /** table -> "rows=N sha256=..." for every table of {@link #TABLES} the lake has. */
  public static Map<String, String> of(Lake lake) {
    return of(lake, table -> null);
  }

  /**
   * The same over the rows of each table that a SQL condition keeps ({@code where.apply(table)}; null: all),
   * e.g. one set of sources.
   */
  public static Map<String, String> of(Lake lake, java.util.function.Function<String, String> where) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String table : TABLES) {
      if (!lake.exists(table)) {
        out.put(table, "absent");
        continue;
      }
      List<Column> cols = new ArrayList<>();
      for (StructField f : lake.read(table).schema().fields()) {
        if (VOLATILE.contains(f.name()) || DERIVED.contains(f.name())) {
          continue;
        }
        Column c = PATHS.contains(f.name())
            ? expr("regexp_replace(`" + f.name() + "`, '^.*?/logs/', '')")
            : canonical("`" + f.name() + "`", f.dataType());
        cols.add(c.as(f.name()));
      }
      Dataset<Row> rows = where.apply(table) == null ? lake.read(table) : lake.read(table).where(where.apply(table));
      Row r = rows.select(org.apache.spark.sql.functions.to_json(
              org.apache.spark.sql.functions.struct(cols.toArray(Column[]::new))).as("j"))
          .agg(expr("count(*)"), expr("sha2(concat_ws('\\n', array_sort(collect_list(j))), 256)"))
          .first();
      out.put(table, "rows=" + r.getLong(0) + " sha256=" + r.getString(1));
    }
    return out;
  }

  private static Column canonical(String sql, DataType type) {
    return expr(canonicalSql(sql, type, 0));
  }

  private static String canonicalSql(String sql, DataType type, int depth) {
    if (type instanceof ArrayType a) {
      String x = "x" + depth;
      return "array_sort(transform(" + sql + ", " + x + " -> " + canonicalSql(x, a.elementType(), depth + 1) + "))";
    }
    if (type instanceof MapType m) {
      String e = "e" + depth;
      return "array_sort(transform(map_entries(" + sql + "), " + e + " -> named_struct('k', " + e + ".key, 'v', "
          + canonicalSql(e + ".value", m.valueType(), depth + 1) + ")))";
    }
    return sql;
  }

  /** Prints a lake's fingerprint, one "table: rows=N sha256=..." line per table: {@code LakeFingerprint <lake>}. */
  public static void main(String[] args) {
    SparkSession spark = dev.hindsight.TestSpark.get();
    try {
      of(new Lake(spark, args[0])).forEach((t, f) -> System.out.println(t + ": " + f));
    } finally {
      spark.stop();
    }
  }
}
