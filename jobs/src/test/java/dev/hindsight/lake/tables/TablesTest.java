package dev.hindsight.lake.tables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.lake.TableSchema;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The typed rows are written by hand; this proves each agrees with its schema file (same columns, same order,
 * an accessor pair of a compatible type per column, each value in its column's slot), without Spark running.
 * A schema edit not reflected in dev.hindsight.lake.tables fails here.
 */
class TablesTest {

  static Stream<Class<? extends TableRow>> tables() {
    return Stream.of(Events.class, Quarantine.class, IngestFiles.class, CredentialDaily.class, Scores.class,
        Findings.class, Runs.class, Samples.class, Triage.class, Suppressions.class, Notifications.class,
        Credentials.class);
  }

  @Test
  void everySchemaFileHasATypedRow() throws Exception {
    List<String> typed = tables().map(c -> constant(c, "TABLE")).toList();
    List<String> files = new ArrayList<>();
    try (Stream<java.nio.file.Path> s = java.nio.file.Files.list(java.nio.file.Path.of(
        TablesTest.class.getClassLoader().getResource("schemas").toURI()))) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .forEach(n -> files.add(n.substring(0, n.length() - ".json".length())));
    }
    assertThat(typed).containsExactlyInAnyOrderElementsOf(files);
  }

  @ParameterizedTest
  @MethodSource("tables")
  void columnsAreTheSchemaFilesInOrder(Class<? extends TableRow> c) throws Exception {
    TableSchema schema = TableSchema.of(constant(c, "TABLE"));
    @SuppressWarnings("unchecked")
    List<String> columns = (List<String>) c.getField("COLUMNS").get(null);
    assertThat(columns).containsExactly(schema.columns());
    for (String name : schema.columns()) {
      assertThat(constant(c, name.toUpperCase(java.util.Locale.ROOT))).as(c.getSimpleName() + " constant for "
          + name).isEqualTo(name);
    }
    assertThat(c.getMethod("schema").invoke(null)).isEqualTo(schema.schema());
  }

  @ParameterizedTest
  @MethodSource("tables")
  void accessorsHaveTheColumnsTypes(Class<? extends TableRow> c) throws Exception {
    TableSchema schema = TableSchema.of(constant(c, "TABLE"));
    for (StructField f : schema.schema().fields()) {
      Method getter = c.getMethod(camel(f.name()));
      String what = c.getSimpleName() + "." + getter.getName() + "() for " + f.name() + " " + f.dataType().sql();
      assertThat(compatible(getter.getGenericReturnType(), f.dataType(), f.nullable())).as(what).isTrue();
      Method setter = c.getMethod(camel(f.name()), getter.getReturnType());
      assertThat(setter.getGenericParameterTypes()[0]).as(what).isEqualTo(getter.getGenericReturnType());
      assertThat(c.isAssignableFrom(setter.getReturnType())).as(what).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("tables")
  void eachValueLandsInItsColumnAndReadsBackByName(Class<? extends TableRow> c) throws Exception {
    StructType schema = TableSchema.of(constant(c, "TABLE")).schema();
    StructField[] fields = schema.fields();
    TableRow t = c.getConstructor().newInstance();
    Object[] expected = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      Method getter = c.getMethod(camel(fields[i].name()));
      Object v = sample(getter.getReturnType(), i);
      c.getMethod(camel(fields[i].name()), getter.getReturnType()).invoke(t, v);
      expected[i] = v;
    }
    Row row = t.toRow();
    assertThat(row.size()).isEqualTo(fields.length);
    for (int i = 0; i < fields.length; i++) {
      assertThat(java(row.get(i))).as(fields[i].name()).isEqualTo(expected[i]);
    }
    // fromRow reads by name: the same row with its columns reversed reads back the same.
    Object[] reversed = new Object[fields.length];
    StructField[] reversedFields = new StructField[fields.length];
    for (int i = 0; i < fields.length; i++) {
      reversed[fields.length - 1 - i] = row.get(i);
      reversedFields[fields.length - 1 - i] = fields[i];
    }
    TableRow back = (TableRow) c.getMethod("fromRow", Row.class)
        .invoke(null, new GenericRowWithSchema(reversed, new StructType(reversedFields)));
    assertThat(back).isEqualTo(t);
  }

  @Test
  void signalStructIsTheScoresAndFindingsElement() {
    for (StructType s : List.of(element(Scores.schema(), Scores.SIGNALS), element(Findings.schema(),
        Findings.REASONS))) {
      assertThat(s.fieldNames()).containsExactlyElementsOf(SignalRow.FIELDS);
      Row r = SignalRow.of("d", "f", 1.0, 2.0, 3.0, "r");
      assertThat(r.get(s.fieldIndex(SignalRow.DETECTOR))).isEqualTo("d");
      assertThat(r.get(s.fieldIndex(SignalRow.FEATURE))).isEqualTo("f");
      assertThat(r.get(s.fieldIndex(SignalRow.VALUE))).isEqualTo(1.0);
      assertThat(r.get(s.fieldIndex(SignalRow.BASELINE))).isEqualTo(2.0);
      assertThat(r.get(s.fieldIndex(SignalRow.SCORE))).isEqualTo(3.0);
      assertThat(r.get(s.fieldIndex(SignalRow.REASON))).isEqualTo("r");
      assertThat(SignalRow.score(r)).isEqualTo(3.0);
      assertThat(SignalRow.detector(r)).isEqualTo("d");
      assertThat(SignalRow.reason(r)).isEqualTo("r");
      assertThat(SignalRow.baseline(SignalRow.of("d", "f", 1.0, null, 3.0, null))).isNull();
      assertThat(s.fields()[s.fieldIndex(SignalRow.VALUE)].dataType()).isEqualTo(DataTypes.DoubleType);
    }
    assertThat(SignalRow.schema()).isEqualTo(element(Scores.schema(), Scores.SIGNALS));
  }

  private static StructType element(StructType table, String column) {
    return (StructType) ((ArrayType) table.apply(column).dataType()).elementType();
  }

  private static String constant(Class<?> c, String name) {
    try {
      return (String) c.getField(name).get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(c.getSimpleName() + " has no constant " + name, e);
    }
  }

  static String camel(String column) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char ch : column.toCharArray()) {
      if (ch == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return b.toString();
  }

  private static boolean compatible(Type java, DataType spark, boolean nullable) {
    if (spark.equals(DataTypes.StringType)) {
      return java == String.class;
    }
    if (spark.equals(DataTypes.TimestampType)) {
      return java == Instant.class;
    }
    if (spark.equals(DataTypes.DateType)) {
      return java == LocalDate.class;
    }
    if (spark.equals(DataTypes.LongType)) {
      return java == (nullable ? Long.class : long.class);
    }
    if (spark.equals(DataTypes.IntegerType)) {
      return java == (nullable ? Integer.class : int.class);
    }
    if (spark.equals(DataTypes.DoubleType)) {
      return java == (nullable ? Double.class : double.class);
    }
    if (spark.equals(DataTypes.BooleanType)) {
      return java == (nullable ? Boolean.class : boolean.class);
    }
    if (spark instanceof ArrayType a) {
      return java instanceof ParameterizedType p && p.getRawType() == List.class
          && compatible(p.getActualTypeArguments()[0], a.elementType(), true);
    }
    if (spark instanceof MapType m) {
      return java instanceof ParameterizedType p && p.getRawType() == Map.class
          && compatible(p.getActualTypeArguments()[0], m.keyType(), true)
          && compatible(p.getActualTypeArguments()[1], m.valueType(), true);
    }
    if (spark instanceof StructType) {
      return java == Row.class;
    }
    return false;
  }

  private static Object sample(Class<?> type, int i) {
    if (type == String.class) {
      return "v" + i;
    }
    if (type == Instant.class) {
      return Instant.ofEpochSecond(1_700_000_000L + i);
    }
    if (type == LocalDate.class) {
      return LocalDate.ofEpochDay(20_000 + i);
    }
    if (type == long.class || type == Long.class) {
      return 1000L + i;
    }
    if (type == int.class || type == Integer.class) {
      return 100 + i;
    }
    if (type == double.class || type == Double.class) {
      return i + 0.5;
    }
    if (type == boolean.class || type == Boolean.class) {
      return true;
    }
    if (type == List.class) {
      return List.of("e" + i);
    }
    if (type == Map.class) {
      return Map.of("k" + i, 1L);
    }
    throw new AssertionError("no sample for " + type);
  }

  /** Spark's Scala collections as Java ones, for comparing with what was set. */
  private static Object java(Object v) {
    if (v instanceof scala.collection.Seq<?> s) {
      return new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(s));
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      return new java.util.HashMap<>(scala.jdk.javaapi.CollectionConverters.asJava(m));
    }
    return v;
  }
}
