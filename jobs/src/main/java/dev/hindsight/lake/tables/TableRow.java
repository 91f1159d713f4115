package dev.hindsight.lake.tables;

import dev.hindsight.lake.Rows;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The values of one row of a lake table, held in the column order of the table's schema file
 * ({@code schemas/<table>.json}); each subclass (one per table) names the columns and types the values.
 * Values are held as Java values (lists as {@link List}, maps as {@link Map}); {@link #toRow()} turns them into
 * what Spark's Row encoder wants.
 */
public abstract class TableRow implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Object[] values;

  TableRow(int width) {
    this.values = new Object[width];
  }

  /** A row over values (not copied), which must have one slot per column. */
  TableRow(Object[] values, int width) {
    if (values.length != width) {
      throw new IllegalArgumentException("a " + getClass().getSimpleName() + " row has " + width
          + " values, not " + values.length);
    }
    this.values = values;
  }

  /** The table's columns in schema order. */
  public abstract List<String> columns();

  final Object get(int i) {
    return values[i];
  }

  final void set(int i, Object v) {
    values[i] = v;
  }

  final long getLong(int i) {
    Object v = values[i];
    return v == null ? 0L : ((Number) v).longValue();
  }

  final int getInt(int i) {
    Object v = values[i];
    return v == null ? 0 : ((Number) v).intValue();
  }

  final double getDouble(int i) {
    Object v = values[i];
    return v == null ? 0.0 : ((Number) v).doubleValue();
  }

  final boolean getBoolean(int i) {
    return Boolean.TRUE.equals(values[i]);
  }

  @SuppressWarnings("unchecked")
  final <T> List<T> getList(int i) {
    Object v = values[i];
    return v == null ? List.of() : (List<T>) v;
  }

  @SuppressWarnings("unchecked")
  final <K, V> Map<K, V> getMap(int i) {
    return (Map<K, V>) values[i];
  }

  /** Replaces every text value t of the row with f(t). */
  public final void replaceStrings(java.util.function.UnaryOperator<String> f) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof String t) {
        values[i] = f.apply(t);
      }
    }
  }

  /** This row as a Spark Row, in the table's column order. */
  public final Row toRow() {
    Object[] out = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = toSpark(values[i]);
    }
    return RowFactory.create(out);
  }

  /** Copies the values as they are (scalars only, as events rows hold) into dest from offset. */
  public final void copyTo(Object[] dest, int offset) {
    System.arraycopy(values, 0, dest, offset, values.length);
  }

  /** Fills this row's columns by name from r, which may hold other columns too and in any order. */
  protected final void readRow(Row r) {
    List<String> columns = columns();
    for (int i = 0; i < values.length; i++) {
      int idx = r.fieldIndex(columns.get(i));
      values[i] = r.isNullAt(idx) ? null : fromSpark(r.get(idx));
    }
  }

  /** A copy of s in which every column is nullable (for a frame that fills a non-null column afterwards). */
  public static StructType nullable(StructType s) {
    StructField[] fields = s.fields().clone();
    for (int i = 0; i < fields.length; i++) {
      StructField f = fields[i];
      fields[i] = new StructField(f.name(), f.dataType(), true, f.metadata());
    }
    return new StructType(fields);
  }

  private static Object toSpark(Object v) {
    if (v instanceof List<?> list) {
      @SuppressWarnings("unchecked")
      List<Object> l = (List<Object>) list;
      List<Object> out = null;
      for (int i = 0; i < l.size(); i++) {
        Object e = l.get(i);
        if (e instanceof List<?> || e instanceof Map<?, ?>) {
          if (out == null) {
            out = new ArrayList<>(l);
          }
          out.set(i, toSpark(e));
        }
      }
      return Rows.seq(out == null ? l : out);
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, e) -> out.put(k, toSpark(e)));
      return scala.collection.immutable.Map.from(scala.jdk.CollectionConverters.MapHasAsScala(out).asScala());
    }
    return v;
  }

  private static Object fromSpark(Object v) {
    if (v instanceof scala.collection.Seq<?> s) {
      List<Object> out = new ArrayList<>(s.size());
      scala.jdk.javaapi.CollectionConverters.asJava(s).forEach(e -> out.add(fromSpark(e)));
      return List.copyOf(out);
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      scala.jdk.javaapi.CollectionConverters.asJava(m).forEach((k, e) -> out.put(k, fromSpark(e)));
      return java.util.Collections.unmodifiableMap(out);
    }
    if (v instanceof List<?> l) {
      return List.copyOf(l);
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Arrays.equals(values, ((TableRow) o).values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(getClass().getSimpleName()).append('{');
    List<String> columns = columns();
    for (int i = 0; i < values.length; i++) {
      b.append(i == 0 ? "" : ", ").append(columns.get(i)).append('=').append(values[i]);
    }
    return b.append('}').toString();
  }
}
