package dev.hindsight.audit;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import dev.hindsight.lake.Ids;
import dev.hindsight.lake.Hashes;
import dev.hindsight.error.Errors;
import dev.hindsight.job.Job;
import dev.hindsight.job.JobContext;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.Rows;
import dev.hindsight.lake.RunLog;
import dev.hindsight.lake.tables.Events;
import dev.hindsight.lake.tables.Samples;
import dev.hindsight.lake.tables.TableRow;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Draws a reproducible, optionally stratified sample of one lake table over a period, for an auditor.
 *
 * <p>Reproducible by construction: the table is read at a pinned Delta version (time travel), every row gets
 * the key sha256(seed | row id), each stratum keeps its lowest keys, and the export is written on the driver in
 * a fixed row and column order with fixed formatting. The same inputs therefore give the same bytes, and the
 * manifest's sha256 proves later which file was handed over ({@link SampleVerifier} re-draws and compares).
 */
public final class SampleJob implements Job<SampleJob.Result> {
  /** The tables that can be sampled, with how a row is identified and how it falls in a period. */
  public enum Table {
    events("concat(source, ':', event_id)", "event_date", "event_date"),
    findings("finding_id", "first_seen", "last_seen");

    final String rowId;
    final String firstDay;
    final String lastDay;

    Table(String rowId, String firstDay, String lastDay) {
      this.rowId = rowId;
      this.firstDay = firstDay;
      this.lastDay = lastDay;
    }
  }

  public enum Format {
    csv, json;

    String fileName() {
      return this == csv ? "sample.csv" : "sample.jsonl";
    }
  }

  /** The largest sample the export writes through the driver. */
  public static final int MAX_SIZE = 1_000_000;

  static final String TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'";
  static final String ALL = "all";
  static final String NULL_VALUE = "<null>";

  /**
   * What to draw.
   *
   * @param asOfVersion the Delta version to read, or null for the latest (which is then recorded)
   * @param out folder (local or s3a) that receives the export and manifest.json
   * @param includeRaw keep the events' raw column (large) in the export
   */
  public record Options(Table table, LocalDate from, LocalDate to, int size, long seed, List<String> stratifyBy,
      Long asOfVersion, String out, Format format, boolean includeRaw) {
    public Options {
      if (from.isAfter(to)) {
        throw Errors.usage("--from " + from + " is after --to " + to);
      }
      if (size < 1 || size > MAX_SIZE) {
        throw Errors.usage("--size must be 1.." + MAX_SIZE + " (got " + size + ")");
      }
      if (asOfVersion != null && asOfVersion < 0) {
        throw Errors.usage("--as-of-version must be >= 0 (got " + asOfVersion + ")");
      }
      stratifyBy = List.copyOf(stratifyBy);
      if (Set.copyOf(stratifyBy).size() != stratifyBy.size()) {
        throw Errors.usage("--stratify-by names a column twice: " + stratifyBy);
      }
    }
  }

  /** One stratum: its column values, how many rows of the period it holds, and how many were drawn. */
  public record Stratum(Map<String, String> values, long population, long sampled) {
    String label() {
      if (values.isEmpty()) {
        return ALL;
      }
      List<String> parts = new ArrayList<>();
      values.forEach((k, v) -> parts.add(k + "=" + v));
      return String.join("; ", parts);
    }
  }

  /** What was drawn and written. */
  public record Result(String runId, String status, String sampleId, Table table, long version, long population,
      long rows, List<Stratum> strata, String exportUri, String manifestUri, String sha256, long bytes,
      boolean alreadyWritten) implements Job.Result {
    public Result {
      strata = List.copyOf(strata);
    }

    @Override
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sample_id", sampleId);
      m.put("table", table.name() + " @ version " + version);
      m.put("population", population);
      m.put("rows", rows);
      m.put("strata", strata.size());
      m.put("export", exportUri + (alreadyWritten ? " (already written, identical)" : ""));
      m.put("sha256", sha256);
      m.put("manifest", manifestUri);
      return m;
    }

    /** Allocation as a printable table: stratum, population, sampled. */
    public List<List<String>> allocationTable() {
      List<List<String>> t = new ArrayList<>();
      for (Stratum s : strata) {
        t.add(List.of(s.label(), Long.toString(s.population()), Long.toString(s.sampled())));
      }
      return t;
    }
  }

  /** The drawn sample before it is written: the export's bytes and everything the manifest states. */
  record Drawn(String sampleId, long version, long population, List<Stratum> strata, List<String> rowIds,
      List<String> strataOfRows, List<Integer> ranks, List<String> keys, byte[] export) {}

  private final Options o;
  private Lake lake;
  private RunLog run;

  public SampleJob(Options options) {
    if (options == null) {
      throw Errors.usage("Cannot sample: no options");
    }
    this.o = options;
  }

  @Override
  public String command() {
    return "sample";
  }

  @Override
  public String description() {
    return "sample " + o.table().name() + " " + o.from() + ".." + o.to();
  }

  @Override
  public Result execute(JobContext ctx) {
    if (run != null) {
      throw new IllegalStateException("SampleJob was already executed; build a new one");
    }
    this.lake = ctx.lake();
    this.run = ctx.run();
    run.dates(o.from(), o.to());
    Drawn d = draw(lake, o);
    run.version(o.table().name(), d.version()).read(o.table().name(), d.population());
    String dir = Lake.normalize(o.out());
    String exportUri = dir + "/" + o.format().fileName();
    String manifestUri = dir + "/manifest.json";
    String sha = Hashes.sha256Hex(d.export());
    HadoopFiles files = new HadoopFiles(lake);
    boolean already = false;
    if (files.exists(manifestUri)) {
      Manifest existing = Manifest.read(files.readString(manifestUri));
      if (!existing.sampleId().equals(d.sampleId()) || !existing.exportSha256().equals(sha)) {
        throw Errors.usage("--out " + o.out() + " already holds another sample ("
            + existing.sampleId() + "); an export is evidence and is never overwritten: choose a new folder");
      }
      already = true;
    } else {
      // The export first, then the manifest: a folder with a manifest always has its export complete.
      files.write(exportUri, d.export());
      files.write(manifestUri, Manifest.of(o, lake.path(o.table().name()), d, o.format().fileName(), sha)
          .toJson().getBytes(StandardCharsets.UTF_8));
    }
    long written = record(d, exportUri, sha);
    run.wrote(Samples.TABLE, written);
    return new Result(run.runId(), run.status(), d.sampleId(), o.table(), d.version(), d.population(), d.rowIds().size(), d.strata(),
        exportUri, manifestUri, sha, d.export().length, already);
  }

  /** Draws the sample and renders the export in memory; writes nothing. */
  static Drawn draw(Lake lake, Options o) {
    String name = o.table().name();
    if (!lake.exists(name)) {
      throw Errors.tableMissing("sample " + name, lake.root(), name, "run 'hindsight ingest' (events) or"
          + " 'hindsight publish' (findings) first");
    }
    long latest = lake.version(name);
    long version = o.asOfVersion() == null ? latest : o.asOfVersion();
    if (version > latest) {
      throw Errors.versionMissing("--as-of-version", version, name, latest);
    }
    Dataset<Row> table = lake.spark().read().format("delta").option("versionAsOf", version).load(lake.path(name));
    StructType schema = table.schema();
    for (String c : o.stratifyBy()) {
      if (!Arrays.asList(schema.fieldNames()).contains(c)) {
        throw Errors.usage("--stratify-by: " + name + " has no column '" + c + "' (columns: "
            + String.join(", ", schema.fieldNames()) + ")");
      }
      DataType t = schema.apply(c).dataType();
      if (t instanceof ArrayType || t instanceof MapType || t instanceof StructType) {
        throw Errors.usage("--stratify-by: column '" + c + "' is a " + t.simpleString()
            + "; stratify by plain columns");
      }
    }
    String sampleId = Ids.sampleId(name, Long.toString(version), o.from().toString(), o.to().toString(),
        Integer.toString(o.size()), Long.toString(o.seed()), String.join(",", o.stratifyBy()), o.format().name(),
        Boolean.toString(o.includeRaw()));

    Column stratum = o.stratifyBy().isEmpty() ? lit(ALL) : concat_ws("; ", o.stratifyBy().stream()
        .map(c -> concat(lit(c + "="), coalesce(col(c).cast("string"), lit(NULL_VALUE)))).toArray(Column[]::new));
    Dataset<Row> period = table
        .where(col(o.table().lastDay).geq(lit(o.from())).and(col(o.table().firstDay).leq(lit(o.to()))))
        .withColumn("_row_id", org.apache.spark.sql.functions.expr(o.table().rowId))
        .withColumn("_stratum", stratum)
        .withColumn("_key", sha2(concat(lit(o.seed() + Ids.DRAW_KEY_SEPARATOR), col("_row_id")), 256));

    // Strata sizes on the driver (one row per stratum), then the allocation.
    List<Column> groupCols = new ArrayList<>();
    groupCols.add(col("_stratum"));
    o.stratifyBy().forEach(c -> groupCols.add(coalesce(col(c).cast("string"), lit(NULL_VALUE)).as(c)));
    List<Row> counts = period.groupBy(groupCols.toArray(Column[]::new)).agg(count(lit(1)).as("n"))
        .orderBy("_stratum").collectAsList();
    List<String> labels = new ArrayList<>();
    List<Long> populations = new ArrayList<>();
    List<Map<String, String>> values = new ArrayList<>();
    for (Row r : counts) {
      labels.add(r.getString(0));
      Map<String, String> v = new LinkedHashMap<>();
      for (int i = 0; i < o.stratifyBy().size(); i++) {
        v.put(o.stratifyBy().get(i), r.getString(i + 1));
      }
      values.add(v);
      populations.add(r.getLong(r.size() - 1));
    }
    long[] alloc = Allocation.allocate(populations.stream().mapToLong(Long::longValue).toArray(), o.size(),
        labels, o.seed());
    List<Stratum> strata = new ArrayList<>();
    List<Row> allocRows = new ArrayList<>();
    StructType allocSchema = new StructType().add("_stratum", DataTypes.StringType).add("_take", DataTypes.IntegerType);
    long population = 0;
    for (int i = 0; i < labels.size(); i++) {
      strata.add(new Stratum(values.get(i), populations.get(i), alloc[i]));
      population += populations.get(i);
      if (alloc[i] > 0) {
        allocRows.add(Rows.named(allocSchema, "_stratum", labels.get(i), "_take", (int) alloc[i]));
      }
    }
    Dataset<Row> take = lake.spark().createDataFrame(allocRows, allocSchema);

    List<String> exported = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (!(o.table() == Table.events && Events.RAW.equals(f.name()) && !o.includeRaw())) {
        exported.add(f.name());
      }
    }
    Dataset<Row> drawn = period
        .withColumn("_rank", row_number().over(Window.partitionBy("_stratum").orderBy("_key", "_row_id")))
        .join(broadcast(take), "_stratum")
        .where(col("_rank").leq(col("_take")));
    List<Column> out = new ArrayList<>(List.of(col("_row_id"), col("_stratum"), col("_rank"), col("_key")));
    if (o.format() == Format.csv) {
      for (String c : exported) {
        out.add(csvText(c, schema.apply(c).dataType()).as(c));
      }
    } else {
      Map<String, String> opts = Map.of("timestampFormat", TIMESTAMP_FORMAT, "dateFormat", "yyyy-MM-dd",
          "ignoreNullFields", "false");
      out.add(to_json(struct(exported.stream().map(c -> col(c)).toArray(Column[]::new)), opts).as("_json"));
    }
    List<Row> rows = drawn.select(out.toArray(Column[]::new)).orderBy("_stratum", "_rank").collectAsList();

    List<String> rowIds = new ArrayList<>(rows.size());
    List<String> strataOfRows = new ArrayList<>(rows.size());
    List<Integer> ranks = new ArrayList<>(rows.size());
    List<String> keys = new ArrayList<>(rows.size());
    StringBuilder text = new StringBuilder();
    if (o.format() == Format.csv) {
      Csv.line(text, exported);
    }
    for (Row r : rows) {
      rowIds.add(r.getString(0));
      strataOfRows.add(r.getString(1));
      ranks.add(r.getInt(2));
      keys.add(r.getString(3));
      if (o.format() == Format.csv) {
        List<String> cells = new ArrayList<>(exported.size());
        for (int i = 0; i < exported.size(); i++) {
          cells.add(r.isNullAt(4 + i) ? null : r.getString(4 + i));
        }
        Csv.line(text, cells);
      } else {
        text.append(r.getString(4)).append('\n');
      }
    }
    return new Drawn(sampleId, version, population, strata, rowIds, strataOfRows, ranks, keys,
        text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A column as the text the CSV holds: timestamps ISO-8601 UTC, nested values as JSON, the rest as cast. */
  private static Column csvText(String name, DataType t) {
    if (t instanceof TimestampType || t.equals(DataTypes.TimestampNTZType)) {
      return date_format(col(name), TIMESTAMP_FORMAT);
    }
    if (t instanceof ArrayType || t instanceof MapType || t instanceof StructType) {
      return to_json(col(name), Map.of("timestampFormat", TIMESTAMP_FORMAT, "ignoreNullFields", "false"));
    }
    if (t instanceof DateType) {
      return date_format(col(name), "yyyy-MM-dd");
    }
    return col(name).cast("string");
  }

  /** Adds the drawn rows to the samples table; a rerun of the same sample adds nothing. */
  private long record(Drawn d, String exportUri, String sha) {
    List<Row> rows = new ArrayList<>(d.rowIds().size());
    for (int i = 0; i < d.rowIds().size(); i++) {
      rows.add(new Samples()
          .sampleId(d.sampleId())
          .rowId(d.rowIds().get(i))
          .stratum(d.strataOfRows().get(i))
          .drawRank(d.ranks().get(i))
          .drawKey(d.keys().get(i))
          .tableName(o.table().name())
          .tableVersion(d.version())
          .periodFrom(o.from())
          .periodTo(o.to())
          .seed(o.seed())
          .exportUri(exportUri)
          .exportSha256(sha)
          .runId(run.runId())
          .toRow());
    }
    // created_at is the time of the merge (filled below), so the frame is built with every column nullable.
    Dataset<Row> src = lake.spark().createDataFrame(rows, TableRow.nullable(Samples.schema()))
        .withColumn(Samples.CREATED_AT, current_timestamp());
    long before = lake.version(Samples.TABLE);
    lake.ensure(Samples.TABLE).as("t")
        .merge(src.as("s"), "t.sample_id = s.sample_id AND t.row_id = s.row_id")
        .whenNotMatched().insertAll()
        .execute();
    long after = lake.version(Samples.TABLE);
    run.version(Samples.TABLE, after);
    return after > before ? lake.lastMetric(Samples.TABLE, "numTargetRowsInserted") : 0L;
  }
}
