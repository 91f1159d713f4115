package dev.hindsight.lake.tables;

import dev.hindsight.lake.TableSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A row of the runs table, typed: its columns are those of {@code schemas/runs.json}, in that order
 * (TablesTest fails the build when they are not). Written by bin/gen-table-row.
 */
public final class Runs extends TableRow {
  private static final long serialVersionUID = 1L;

  public static final String TABLE = "runs";

  public static final String RUN_ID = "run_id";
  public static final String COMMAND = "command";
  public static final String ARGUMENTS = "arguments";
  public static final String STARTED_AT = "started_at";
  public static final String ENDED_AT = "ended_at";
  public static final String STATUS = "status";
  public static final String ERROR = "error";
  public static final String DATE_FROM = "date_from";
  public static final String DATE_TO = "date_to";
  public static final String INPUT_FILES = "input_files";
  public static final String INPUT_BYTES = "input_bytes";
  public static final String ROWS_READ = "rows_read";
  public static final String ROWS_WRITTEN = "rows_written";
  public static final String ROWS_QUARANTINED = "rows_quarantined";
  public static final String TABLE_VERSIONS = "table_versions";
  public static final String CODE_VERSION = "code_version";
  public static final String SPARK_MASTER = "spark_master";
  public static final String SOURCE = "source";
  public static final String RESTATED_DATES = "restated_dates";

  /** The columns in table order. */
  public static final List<String> COLUMNS = List.of(RUN_ID, COMMAND, ARGUMENTS, STARTED_AT, ENDED_AT, STATUS, ERROR,
      DATE_FROM, DATE_TO, INPUT_FILES, INPUT_BYTES, ROWS_READ, ROWS_WRITTEN, ROWS_QUARANTINED, TABLE_VERSIONS,
      CODE_VERSION, SPARK_MASTER, SOURCE, RESTATED_DATES);

  private static final int RUN_ID_ = 0;
  private static final int COMMAND_ = 1;
  private static final int ARGUMENTS_ = 2;
  private static final int STARTED_AT_ = 3;
  private static final int ENDED_AT_ = 4;
  private static final int STATUS_ = 5;
  private static final int ERROR_ = 6;
  private static final int DATE_FROM_ = 7;
  private static final int DATE_TO_ = 8;
  private static final int INPUT_FILES_ = 9;
  private static final int INPUT_BYTES_ = 10;
  private static final int ROWS_READ_ = 11;
  private static final int ROWS_WRITTEN_ = 12;
  private static final int ROWS_QUARANTINED_ = 13;
  private static final int TABLE_VERSIONS_ = 14;
  private static final int CODE_VERSION_ = 15;
  private static final int SPARK_MASTER_ = 16;
  private static final int SOURCE_ = 17;
  private static final int RESTATED_DATES_ = 18;

  public Runs() {
    super(COLUMNS.size());
  }

  /** The table definition loaded from schemas/runs.json. */
  public static TableSchema table() {
    return TableSchema.of(TABLE);
  }

  /** The Spark schema of the table, from schemas/runs.json. */
  public static StructType schema() {
    return table().schema();
  }

  /** The row's columns read by name from r (which may hold more columns, in any order). */
  public static Runs fromRow(Row r) {
    Runs t = new Runs();
    t.readRow(r);
    return t;
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  public String runId() {
    return (String) get(RUN_ID_);
  }

  public Runs runId(String v) {
    set(RUN_ID_, v);
    return this;
  }

  public String command() {
    return (String) get(COMMAND_);
  }

  public Runs command(String v) {
    set(COMMAND_, v);
    return this;
  }

  public String arguments() {
    return (String) get(ARGUMENTS_);
  }

  public Runs arguments(String v) {
    set(ARGUMENTS_, v);
    return this;
  }

  public Instant startedAt() {
    return (Instant) get(STARTED_AT_);
  }

  public Runs startedAt(Instant v) {
    set(STARTED_AT_, v);
    return this;
  }

  public Instant endedAt() {
    return (Instant) get(ENDED_AT_);
  }

  public Runs endedAt(Instant v) {
    set(ENDED_AT_, v);
    return this;
  }

  public String status() {
    return (String) get(STATUS_);
  }

  public Runs status(String v) {
    set(STATUS_, v);
    return this;
  }

  public String error() {
    return (String) get(ERROR_);
  }

  public Runs error(String v) {
    set(ERROR_, v);
    return this;
  }

  public LocalDate dateFrom() {
    return (LocalDate) get(DATE_FROM_);
  }

  public Runs dateFrom(LocalDate v) {
    set(DATE_FROM_, v);
    return this;
  }

  public LocalDate dateTo() {
    return (LocalDate) get(DATE_TO_);
  }

  public Runs dateTo(LocalDate v) {
    set(DATE_TO_, v);
    return this;
  }

  public Long inputFiles() {
    return (Long) get(INPUT_FILES_);
  }

  public Runs inputFiles(Long v) {
    set(INPUT_FILES_, v);
    return this;
  }

  public Long inputBytes() {
    return (Long) get(INPUT_BYTES_);
  }

  public Runs inputBytes(Long v) {
    set(INPUT_BYTES_, v);
    return this;
  }

  public Map<String, Long> rowsRead() {
    return getMap(ROWS_READ_);
  }

  public Runs rowsRead(Map<String, Long> v) {
    set(ROWS_READ_, v);
    return this;
  }

  public Map<String, Long> rowsWritten() {
    return getMap(ROWS_WRITTEN_);
  }

  public Runs rowsWritten(Map<String, Long> v) {
    set(ROWS_WRITTEN_, v);
    return this;
  }

  public Long rowsQuarantined() {
    return (Long) get(ROWS_QUARANTINED_);
  }

  public Runs rowsQuarantined(Long v) {
    set(ROWS_QUARANTINED_, v);
    return this;
  }

  public Map<String, Long> tableVersions() {
    return getMap(TABLE_VERSIONS_);
  }

  public Runs tableVersions(Map<String, Long> v) {
    set(TABLE_VERSIONS_, v);
    return this;
  }

  public String codeVersion() {
    return (String) get(CODE_VERSION_);
  }

  public Runs codeVersion(String v) {
    set(CODE_VERSION_, v);
    return this;
  }

  public String sparkMaster() {
    return (String) get(SPARK_MASTER_);
  }

  public Runs sparkMaster(String v) {
    set(SPARK_MASTER_, v);
    return this;
  }

  public String source() {
    return (String) get(SOURCE_);
  }

  public Runs source(String v) {
    set(SOURCE_, v);
    return this;
  }

  public List<LocalDate> restatedDates() {
    return getList(RESTATED_DATES_);
  }

  public Runs restatedDates(List<LocalDate> v) {
    set(RESTATED_DATES_, v);
    return this;
  }
}
