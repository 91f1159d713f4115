package dev.hindsight.ingest;

import static org.apache.spark.sql.functions.col;

import dev.hindsight.lake.TableSchema;
import dev.hindsight.lake.tables.Events;
import dev.hindsight.lake.tables.IngestFiles;
import dev.hindsight.lake.tables.Quarantine;
import dev.hindsight.lake.tables.TableRow;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one row type that parsing emits, so that a single pass over the files yields events, quarantine rows
 * and per-file results: a kind column, then the columns of events, quarantine (prefixed q_) and ingest_files
 * (prefixed f_), all taken from the schema files.
 */
final class ParsedRows {
  static final String KIND = "_kind";
  static final String EVENT = "E";
  static final String BAD = "Q";
  static final String FILE = "F";

  static final TableSchema EVENTS = Events.table();
  static final TableSchema QUARANTINE = Quarantine.table();
  static final TableSchema FILES = IngestFiles.table();
  private static final int E0 = 1;
  private static final int Q0 = E0 + EVENTS.columns().length;
  private static final int F0 = Q0 + QUARANTINE.columns().length;
  private static final int WIDTH = F0 + FILES.columns().length;
  static final StructType SCHEMA = build();

  private ParsedRows() {}

  private static StructType build() {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(KIND, DataTypes.StringType, false));
    add(fields, EVENTS, "");
    add(fields, QUARANTINE, "q_");
    add(fields, FILES, "f_");
    return new StructType(fields.toArray(StructField[]::new));
  }

  private static void add(List<StructField> fields, TableSchema t, String prefix) {
    for (StructField f : t.schema().fields()) {
      fields.add(DataTypes.createStructField(prefix + f.name(), f.dataType(), true));
    }
  }

  static Row event(Events row) {
    return row(EVENT, E0, row);
  }

  static Row quarantine(Quarantine row) {
    return row(BAD, Q0, row);
  }

  static Row file(IngestFiles row) {
    return row(FILE, F0, row);
  }

  /** The wide row: its kind, then the typed row's values (all scalars) in its table's slots, the rest null. */
  private static Row row(String kind, int offset, TableRow row) {
    Object[] a = new Object[WIDTH];
    a[0] = kind;
    row.copyTo(a, offset);
    return RowFactory.create(a);
  }

  static Column[] eventColumns() {
    return columns(EVENTS, "");
  }

  static Column[] quarantineColumns() {
    return columns(QUARANTINE, "q_");
  }

  static Column[] fileColumns() {
    return columns(FILES, "f_");
  }

  private static Column[] columns(TableSchema t, String prefix) {
    String[] names = t.columns();
    Column[] cols = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      cols[i] = col(prefix + names[i]).cast(t.schema().fields()[i].dataType()).as(names[i]);
    }
    return cols;
  }
}
