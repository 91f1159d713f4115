package dev.hindsight.lake;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** Small helpers for building Spark Rows from Java. */
public final class Rows {
  private Rows() {}

  /**
   * A row of schema from (column name, value) pairs, for small frames that are not lake tables (those have
   * their typed rows in dev.hindsight.lake.tables); columns not named are null.
   */
  public static Row named(StructType schema, Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    Object[] values = new Object[schema.size()];
    for (int i = 0; i < namesAndValues.length; i += 2) {
      values[schema.fieldIndex((String) namesAndValues[i])] = namesAndValues[i + 1];
    }
    return RowFactory.create(values);
  }

  /** Spark's Row encoder wants a Scala Seq for array columns. */
  public static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
  }
}
