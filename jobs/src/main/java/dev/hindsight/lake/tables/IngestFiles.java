package dev.hindsight.lake.tables;

import dev.hindsight.lake.TableSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A row of the ingest_files table, typed: its columns are those of {@code schemas/ingest_files.json}, in that order
 * (TablesTest fails the build when they are not).
 */
public final class IngestFiles extends TableRow {
  private static final long serialVersionUID = 1L;

  public static final String TABLE = "ingest_files";

  public static final String SOURCE = "source";
  public static final String PATH = "path";
  public static final String SIZE = "size";
  public static final String MODIFIED_AT = "modified_at";
  public static final String STATUS = "status";
  public static final String FORMAT = "format";
  public static final String RECORDS = "records";
  public static final String EVENTS = "events";
  public static final String QUARANTINED = "quarantined";
  public static final String BYTES_READ = "bytes_read";
  public static final String MIN_EVENT_DATE = "min_event_date";
  public static final String MAX_EVENT_DATE = "max_event_date";
  public static final String INGEST_RUN_ID = "ingest_run_id";
  public static final String INGESTED_AT = "ingested_at";

  /** The columns in table order. */
  public static final List<String> COLUMNS = List.of(SOURCE, PATH, SIZE, MODIFIED_AT, STATUS, FORMAT, RECORDS,
      EVENTS, QUARANTINED, BYTES_READ, MIN_EVENT_DATE, MAX_EVENT_DATE, INGEST_RUN_ID, INGESTED_AT);

  private static final int SOURCE_ = 0;
  private static final int PATH_ = 1;
  private static final int SIZE_ = 2;
  private static final int MODIFIED_AT_ = 3;
  private static final int STATUS_ = 4;
  private static final int FORMAT_ = 5;
  private static final int RECORDS_ = 6;
  private static final int EVENTS_ = 7;
  private static final int QUARANTINED_ = 8;
  private static final int BYTES_READ_ = 9;
  private static final int MIN_EVENT_DATE_ = 10;
  private static final int MAX_EVENT_DATE_ = 11;
  private static final int INGEST_RUN_ID_ = 12;
  private static final int INGESTED_AT_ = 13;

  public IngestFiles() {
    super(COLUMNS.size());
  }

  /** The table definition loaded from schemas/ingest_files.json. */
  public static TableSchema table() {
    return TableSchema.of(TABLE);
  }

  /** The Spark schema of the table, from schemas/ingest_files.json. */
  public static StructType schema() {
    return table().schema();
  }

  /** The row's columns read by name from r (which may hold more columns, in any order). */
  public static IngestFiles fromRow(Row r) {
    IngestFiles t = new IngestFiles();
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

  public IngestFiles source(String v) {
    set(SOURCE_, v);
    return this;
  }

  public String path() {
    return (String) get(PATH_);
  }

  public IngestFiles path(String v) {
    set(PATH_, v);
    return this;
  }

  public long size() {
    return getLong(SIZE_);
  }

  public IngestFiles size(long v) {
    set(SIZE_, v);
    return this;
  }

  public Instant modifiedAt() {
    return (Instant) get(MODIFIED_AT_);
  }

  public IngestFiles modifiedAt(Instant v) {
    set(MODIFIED_AT_, v);
    return this;
  }

  public String status() {
    return (String) get(STATUS_);
  }

  public IngestFiles status(String v) {
    set(STATUS_, v);
    return this;
  }

  public String format() {
    return (String) get(FORMAT_);
  }

  public IngestFiles format(String v) {
    set(FORMAT_, v);
    return this;
  }

  public long records() {
    return getLong(RECORDS_);
  }

  public IngestFiles records(long v) {
    set(RECORDS_, v);
    return this;
  }

  public long events() {
    return getLong(EVENTS_);
  }

  public IngestFiles events(long v) {
    set(EVENTS_, v);
    return this;
  }

  public long quarantined() {
    return getLong(QUARANTINED_);
  }

  public IngestFiles quarantined(long v) {
    set(QUARANTINED_, v);
    return this;
  }

  public long bytesRead() {
    return getLong(BYTES_READ_);
  }

  public IngestFiles bytesRead(long v) {
    set(BYTES_READ_, v);
    return this;
  }

  public LocalDate minEventDate() {
    return (LocalDate) get(MIN_EVENT_DATE_);
  }

  public IngestFiles minEventDate(LocalDate v) {
    set(MIN_EVENT_DATE_, v);
    return this;
  }

  public LocalDate maxEventDate() {
    return (LocalDate) get(MAX_EVENT_DATE_);
  }

  public IngestFiles maxEventDate(LocalDate v) {
    set(MAX_EVENT_DATE_, v);
    return this;
  }

  public String ingestRunId() {
    return (String) get(INGEST_RUN_ID_);
  }

  public IngestFiles ingestRunId(String v) {
    set(INGEST_RUN_ID_, v);
    return this;
  }

  public Instant ingestedAt() {
    return (Instant) get(INGESTED_AT_);
  }

  public IngestFiles ingestedAt(Instant v) {
    set(INGESTED_AT_, v);
    return this;
  }

}
