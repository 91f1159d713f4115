package dev.hindsight.lake.tables;

import dev.hindsight.lake.TableSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A row of the quarantine table, typed: its columns are those of {@code schemas/quarantine.json}, in that order
 * (TablesTest fails the build when they are not).
 */
public final class Quarantine extends TableRow {
  private static final long serialVersionUID = 1L;

  public static final String TABLE = "quarantine";

  public static final String SOURCE = "source";
  public static final String INPUT_FILE = "input_file";
  public static final String POSITION = "position";
  public static final String BYTE_OFFSET = "byte_offset";
  public static final String REASON = "reason";
  public static final String DETAIL = "detail";
  public static final String SNIPPET = "snippet";
  public static final String EVENT_ID = "event_id";
  public static final String EVENT_DATE = "event_date";
  public static final String INGEST_RUN_ID = "ingest_run_id";
  public static final String QUARANTINED_AT = "quarantined_at";

  /** The columns in table order. */
  public static final List<String> COLUMNS = List.of(SOURCE, INPUT_FILE, POSITION, BYTE_OFFSET, REASON, DETAIL,
      SNIPPET, EVENT_ID, EVENT_DATE, INGEST_RUN_ID, QUARANTINED_AT);

  private static final int SOURCE_ = 0;
  private static final int INPUT_FILE_ = 1;
  private static final int POSITION_ = 2;
  private static final int BYTE_OFFSET_ = 3;
  private static final int REASON_ = 4;
  private static final int DETAIL_ = 5;
  private static final int SNIPPET_ = 6;
  private static final int EVENT_ID_ = 7;
  private static final int EVENT_DATE_ = 8;
  private static final int INGEST_RUN_ID_ = 9;
  private static final int QUARANTINED_AT_ = 10;

  public Quarantine() {
    super(COLUMNS.size());
  }

  /** The table definition loaded from schemas/quarantine.json. */
  public static TableSchema table() {
    return TableSchema.of(TABLE);
  }

  /** The Spark schema of the table, from schemas/quarantine.json. */
  public static StructType schema() {
    return table().schema();
  }

  /** The row's columns read by name from r (which may hold more columns, in any order). */
  public static Quarantine fromRow(Row r) {
    Quarantine t = new Quarantine();
    t.readRow(r);
    return t;
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  public String source() {
    return (String) get(SOURCE_);
  }

  public Quarantine source(String v) {
    set(SOURCE_, v);
    return this;
  }

  public String inputFile() {
    return (String) get(INPUT_FILE_);
  }

  public Quarantine inputFile(String v) {
    set(INPUT_FILE_, v);
    return this;
  }

  public long position() {
    return getLong(POSITION_);
  }

  public Quarantine position(long v) {
    set(POSITION_, v);
    return this;
  }

  public Long byteOffset() {
    return (Long) get(BYTE_OFFSET_);
  }

  public Quarantine byteOffset(Long v) {
    set(BYTE_OFFSET_, v);
    return this;
  }

  public String reason() {
    return (String) get(REASON_);
  }

  public Quarantine reason(String v) {
    set(REASON_, v);
    return this;
  }

  public String detail() {
    return (String) get(DETAIL_);
  }

  public Quarantine detail(String v) {
    set(DETAIL_, v);
    return this;
  }

  public String snippet() {
    return (String) get(SNIPPET_);
  }

  public Quarantine snippet(String v) {
    set(SNIPPET_, v);
    return this;
  }

  public String eventId() {
    return (String) get(EVENT_ID_);
  }

  public Quarantine eventId(String v) {
    set(EVENT_ID_, v);
    return this;
  }

  public LocalDate eventDate() {
    return (LocalDate) get(EVENT_DATE_);
  }

  public Quarantine eventDate(LocalDate v) {
    set(EVENT_DATE_, v);
    return this;
  }

  public String ingestRunId() {
    return (String) get(INGEST_RUN_ID_);
  }

  public Quarantine ingestRunId(String v) {
    set(INGEST_RUN_ID_, v);
    return this;
  }

  public Instant quarantinedAt() {
    return (Instant) get(QUARANTINED_AT_);
  }

  public Quarantine quarantinedAt(Instant v) {
    set(QUARANTINED_AT_, v);
    return this;
  }

}
