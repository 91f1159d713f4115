package dev.hindsight.lake.tables;

import dev.hindsight.lake.TableSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A row of the samples table, typed: its columns are those of {@code schemas/samples.json}, in that order
 * (TablesTest fails the build when they are not).
 */
public final class Samples extends TableRow {
  private static final long serialVersionUID = 1L;

  public static final String TABLE = "samples";

  public static final String SAMPLE_ID = "sample_id";
  public static final String ROW_ID = "row_id";
  public static final String STRATUM = "stratum";
  public static final String DRAW_RANK = "draw_rank";
  public static final String DRAW_KEY = "draw_key";
  public static final String TABLE_NAME = "table_name";
  public static final String TABLE_VERSION = "table_version";
  public static final String PERIOD_FROM = "period_from";
  public static final String PERIOD_TO = "period_to";
  public static final String SEED = "seed";
  public static final String EXPORT_URI = "export_uri";
  public static final String EXPORT_SHA256 = "export_sha256";
  public static final String RUN_ID = "run_id";
  public static final String CREATED_AT = "created_at";

  /** The columns in table order. */
  public static final List<String> COLUMNS = List.of(SAMPLE_ID, ROW_ID, STRATUM, DRAW_RANK, DRAW_KEY, TABLE_NAME,
      TABLE_VERSION, PERIOD_FROM, PERIOD_TO, SEED, EXPORT_URI, EXPORT_SHA256, RUN_ID, CREATED_AT);

  private static final int SAMPLE_ID_ = 0;
  private static final int ROW_ID_ = 1;
  private static final int STRATUM_ = 2;
  private static final int DRAW_RANK_ = 3;
  private static final int DRAW_KEY_ = 4;
  private static final int TABLE_NAME_ = 5;
  private static final int TABLE_VERSION_ = 6;
  private static final int PERIOD_FROM_ = 7;
  private static final int PERIOD_TO_ = 8;
  private static final int SEED_ = 9;
  private static final int EXPORT_URI_ = 10;
  private static final int EXPORT_SHA256_ = 11;
  private static final int RUN_ID_ = 12;
  private static final int CREATED_AT_ = 13;

  public Samples() {
    super(COLUMNS.size());
  }

  /** The table definition loaded from schemas/samples.json. */
  public static TableSchema table() {
    return TableSchema.of(TABLE);
  }

  /** The Spark schema of the table, from schemas/samples.json. */
  public static StructType schema() {
    return table().schema();
  }

  /** The row's columns read by name from r (which may hold more columns, in any order). */
  public static Samples fromRow(Row r) {
    Samples t = new Samples();
    t.readRow(r);
    return t;
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  public String sampleId() {
    return (String) get(SAMPLE_ID_);
  }

  public Samples sampleId(String v) {
    set(SAMPLE_ID_, v);
    return this;
  }

  public String rowId() {
    return (String) get(ROW_ID_);
  }

  public Samples rowId(String v) {
    set(ROW_ID_, v);
    return this;
  }

  public String stratum() {
    return (String) get(STRATUM_);
  }

  public Samples stratum(String v) {
    set(STRATUM_, v);
    return this;
  }

  public int drawRank() {
    return getInt(DRAW_RANK_);
  }

  public Samples drawRank(int v) {
    set(DRAW_RANK_, v);
    return this;
  }

  public String drawKey() {
    return (String) get(DRAW_KEY_);
  }

  public Samples drawKey(String v) {
    set(DRAW_KEY_, v);
    return this;
  }

  public String tableName() {
    return (String) get(TABLE_NAME_);
  }

  public Samples tableName(String v) {
    set(TABLE_NAME_, v);
    return this;
  }

  public long tableVersion() {
    return getLong(TABLE_VERSION_);
  }

  public Samples tableVersion(long v) {
    set(TABLE_VERSION_, v);
    return this;
  }

  public LocalDate periodFrom() {
    return (LocalDate) get(PERIOD_FROM_);
  }

  public Samples periodFrom(LocalDate v) {
    set(PERIOD_FROM_, v);
    return this;
  }

  public LocalDate periodTo() {
    return (LocalDate) get(PERIOD_TO_);
  }

  public Samples periodTo(LocalDate v) {
    set(PERIOD_TO_, v);
    return this;
  }

  public long seed() {
    return getLong(SEED_);
  }

  public Samples seed(long v) {
    set(SEED_, v);
    return this;
  }

  public String exportUri() {
    return (String) get(EXPORT_URI_);
  }

  public Samples exportUri(String v) {
    set(EXPORT_URI_, v);
    return this;
  }

  public String exportSha256() {
    return (String) get(EXPORT_SHA256_);
  }

  public Samples exportSha256(String v) {
    set(EXPORT_SHA256_, v);
    return this;
  }

  public String runId() {
    return (String) get(RUN_ID_);
  }

  public Samples runId(String v) {
    set(RUN_ID_, v);
    return this;
  }

  public Instant createdAt() {
    return (Instant) get(CREATED_AT_);
  }

  public Samples createdAt(Instant v) {
    set(CREATED_AT_, v);
    return this;
  }

}
