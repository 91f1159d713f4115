package dev.hindsight.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import dev.hindsight.lake.Commits;
import dev.hindsight.lake.HadoopConf;
import dev.hindsight.error.Errors;
import dev.hindsight.job.Job;
import dev.hindsight.job.JobContext;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.LateData;
import dev.hindsight.lake.Rows;
import dev.hindsight.lake.RunLog;
import dev.hindsight.lake.tables.IngestFiles;
import dev.hindsight.lake.tables.Events;
import dev.hindsight.lake.tables.Quarantine;
import io.delta.tables.DeltaTable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the audit-log files of one source under an input URI into the events table, idempotently:
 * <ol>
 *   <li>discover the files (pruned by the date range), and drop those already in ingest_files;</li>
 *   <li>parse them in one pass, many small files packed into each task;</li>
 *   <li>MERGE events on (source, event_id) insert-only, so duplicates within and across runs are held once;
 *       MERGE quarantine rows on (input_file, position, reason); upsert ingest_files;</li>
 *   <li>append the run to runs, whatever happened.</li>
 * </ol>
 * If more than --max-bad-ratio of the records are quarantined, the run writes the quarantine rows and marks its
 * files failed (so a later run reads them again), writes no events, and fails.
 */
public final class IngestJob implements Job<IngestJob.Result> {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
  /** Aim for tasks of about this many input bytes (compressed), and at least 2 tasks per core. */
  private static final long TARGET_TASK_BYTES = 48L << 20;

  /**
   * @param source the --source name
   * @param input URI to walk (s3a://, file:, or a local path)
   * @param range files whose path carries a date outside it are not listed; files without one are read
   * @param reprocess read files again even if ingest_files says they were read
   * @param maxBadRatio fail the run when quarantined / records exceeds this (0..1)
   * @param sourceOptions --source-option key=value pairs (e.g. the proxy's mapping)
   * @param lateDays also re-list the days among this many before the range's first that an earlier ingest of
   *     the source covered, for files delivered late into their folders (0: none; see {@code LateData})
   */
  public record Options(String source, String input, DateRange range, boolean reprocess, double maxBadRatio,
      ParseLimits limits, Map<String, String> sourceOptions, int lateDays) {
    public Options(String source, String input, DateRange range, boolean reprocess, double maxBadRatio,
        ParseLimits limits) {
      this(source, input, range, reprocess, maxBadRatio, limits, Map.of());
    }

    public Options(String source, String input, DateRange range, boolean reprocess, double maxBadRatio,
        ParseLimits limits, Map<String, String> sourceOptions) {
      this(source, input, range, reprocess, maxBadRatio, limits, sourceOptions, 0);
    }

    public Options {
      sourceOptions = sourceOptions == null ? Map.of() : Map.copyOf(sourceOptions);
      Sources.byName(source, sourceOptions);
      if (input == null || input.isBlank()) {
        throw Errors.usage("Cannot ingest: --input is empty");
      }
      if (!(maxBadRatio >= 0 && maxBadRatio <= 1)) {
        throw Errors.usage("Cannot ingest: --max-bad-ratio must be between 0 and 1 (got " + maxBadRatio + ")");
      }
      range = range == null ? DateRange.ALL : range;
      limits = limits == null ? ParseLimits.DEFAULT : limits;
      LateData.checkDays("--relist-days", lateDays);
    }

    /** The same options for another range of days. */
    public Options withRange(DateRange other) {
      return new Options(source, input, other, reprocess, maxBadRatio, limits, sourceOptions, lateDays);
    }

    /** The same options, re-listing the days among {@code days} before the range that were ingested already. */
    public Options withLateDays(int days) {
      return new Options(source, input, range, reprocess, maxBadRatio, limits, sourceOptions, days);
    }
  }

  /** What a run did. */
  public record Result(String runId, String status, int filesListed, int filesAlreadyIngested, int filesRead,
      int filesSkipped, long bytesListed, long records, long eventsParsed, long eventsWritten, long quarantined,
      Map<String, Long> formats, List<String> listedPrefixes, List<LocalDate> lateFileDays) implements Job.Result {
    public Result {
      formats = Map.copyOf(formats);
      listedPrefixes = List.copyOf(listedPrefixes);
      lateFileDays = List.copyOf(lateFileDays);
    }

    public long duplicatesDropped() {
      return eventsParsed - eventsWritten;
    }

    @Override
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("run_id", runId);
      m.put("status", status);
      m.put("files_listed", filesListed);
      m.put("files_already_ingested", filesAlreadyIngested);
      m.put("files_read", filesRead);
      m.put("files_skipped", filesSkipped);
      m.put("records", records);
      m.put("events_parsed", eventsParsed);
      m.put("events_written", eventsWritten);
      m.put("duplicates_dropped", duplicatesDropped());
      m.put("quarantined", quarantined);
      m.put("formats", new java.util.TreeMap<>(formats));
      if (!lateFileDays.isEmpty()) {
        m.put("late_files_for", lateFileDays.stream().map(LocalDate::toString).collect(Collectors.joining(", ")));
      }
      return m;
    }
  }

  private final Options options;
  private Lake lake;
  private RunLog run;

  public IngestJob(Options options) {
    if (options == null) {
      throw Errors.usage("Cannot ingest: no options");
    }
    this.options = options;
  }

  public Options options() {
    return options;
  }

  @Override
  public String command() {
    return "ingest";
  }

  @Override
  public String description() {
    return "ingest " + options.source() + " " + options.range();
  }

  @Override
  public Result execute(JobContext ctx) {
    if (run != null) {
      throw new IllegalStateException("IngestJob " + run.runId() + " was already executed; build a new one");
    }
    this.lake = ctx.lake();
    this.run = ctx.run();
    SparkSession spark = lake.spark();
    Source source = Sources.byName(options.source(), options.sourceOptions());
    run.dates(options.range().from(), options.range().to()).source(source.name());
    Dataset<Row> parsed = null;
    try {
      lake.ensure(Events.TABLE);
      lake.ensure(Quarantine.TABLE);
      lake.ensure(IngestFiles.TABLE);

      long t0 = System.nanoTime();
      Discovery found = discover(source, options.range());
      Map<String, LocalDate> relisted = relistLateDays(source, found);
      List<InputFile> candidates = found.files();
      LOG.info("listed {} files in {} prefixes in {}", candidates.size() + found.skipped().size(),
          found.listedPrefixes().size(), seconds(t0));
      t0 = System.nanoTime();
      Map<String, String> ledger = ledger(source, candidates, found.skipped());
      List<InputFile> todo = options.reprocess() ? candidates : notYetIngested(candidates, ledger);
      LOG.info("checked {} files against ingest_files in {}", candidates.size(), seconds(t0));
      List<LocalDate> lateFileDays = todo.stream().map(f -> relisted.get(f.path())).filter(Objects::nonNull)
          .distinct().sorted().toList();
      if (!lateFileDays.isEmpty()) {
        run.restated(lateFileDays);
        LOG.info("{}: files delivered late into the folders of {}, days already ingested", source.name(),
            lateFileDays);
      }
      long bytes = todo.stream().mapToLong(InputFile::size).sum();
      run.input(todo.size(), bytes);
      run.read("files_listed", candidates.size());
      LOG.info("{}: {} files listed under {} for {}, {} already ingested, {} to read ({} bytes), {} skipped",
          source.name(), candidates.size(), options.input(), options.range(), candidates.size() - todo.size(),
          todo.size(), bytes, found.skipped().size());
      recordSkipped(source, found.skipped().stream().filter(k -> !ledger.containsKey(k.file().path())).toList());

      if (todo.isEmpty()) {
        run.noop();
        LOG.info("Nothing new to ingest");
        return new Result(run.runId(), run.status(), candidates.size(), candidates.size(), 0,
            found.skipped().size(), 0, 0, 0, 0, 0, Map.of(), found.listedPrefixes(), List.of());
      }

      spark.sparkContext().setJobDescription("parse " + todo.size() + " files");
      t0 = System.nanoTime();
      parsed = parse(spark, source, options.limits(), todo, run.runId()).persist(StorageLevel.MEMORY_AND_DISK());

      List<Row> files = parsed.filter(col(ParsedRows.KIND).equalTo(ParsedRows.FILE))
          .select(ParsedRows.fileColumns()).collectAsList();
      LOG.info("parsed {} files in {}", files.size(), seconds(t0));
      long records = sum(files, "records");
      long events = sum(files, "events");
      long quarantined = sum(files, "quarantined");
      Map<String, Long> formats = files.stream().collect(Collectors.groupingBy(
          r -> r.getString(r.fieldIndex(IngestFiles.FORMAT)), java.util.TreeMap::new, Collectors.counting()));
      run.read("records", records).read("files", files.size());
      run.quarantined(quarantined);

      Dataset<Row> bad = parsed.filter(col(ParsedRows.KIND).equalTo(ParsedRows.BAD))
          .select(ParsedRows.quarantineColumns());
      spark.sparkContext().setJobDescription("write quarantine");
      mergeQuarantine(bad, quarantined);
      run.wrote(Quarantine.TABLE, quarantined).version(Quarantine.TABLE, lake.version(Quarantine.TABLE));

      double ratio = records == 0 ? (quarantined > 0 ? 1.0 : 0.0) : (double) quarantined / records;
      Dataset<Row> fileRows = parsed.filter(col(ParsedRows.KIND).equalTo(ParsedRows.FILE))
          .select(ParsedRows.fileColumns());
      if (ratio > options.maxBadRatio()) {
        mergeFiles(fileRows.withColumn(IngestFiles.STATUS, lit("failed")));
        run.version(IngestFiles.TABLE, lake.version(IngestFiles.TABLE));
        throw Errors.jobFailed(String.format(java.util.Locale.ROOT,
            "Cannot finish ingest: %d of %d records (%.2f%%) were quarantined, over --max-bad-ratio %s. "
                + "The quarantine table holds them (ingest_run_id = '%s'); no events were written and the files "
                + "will be read again by the next run. Fix the input, or raise --max-bad-ratio if this is expected.",
            quarantined, records, ratio * 100, options.maxBadRatio(), run.runId()));
      }

      spark.sparkContext().setJobDescription("merge events");
      t0 = System.nanoTime();
      long written = mergeEvents(parsed);
      LOG.info("merged {} events into events in {}", events, seconds(t0));
      run.wrote(Events.TABLE, written).version(Events.TABLE, lake.version(Events.TABLE));
      spark.sparkContext().setJobDescription("record ingested files");
      mergeFiles(fileRows);
      run.wrote(IngestFiles.TABLE, files.size()).version(IngestFiles.TABLE, lake.version(IngestFiles.TABLE));
      run.succeeded();
      LOG.info("{}: {} files, {} records, {} events parsed, {} new events written ({} duplicates), {} quarantined",
          source.name(), files.size(), records, events, written, events - written, quarantined);
      return new Result(run.runId(), run.status(), candidates.size(), candidates.size() - todo.size(), files.size(),
          found.skipped().size(), bytes, records, events, written, quarantined, formats, found.listedPrefixes(),
          lateFileDays);
    } finally {
      if (parsed != null) {
        parsed.unpersist();
      }
      spark.sparkContext().setJobDescription(null);
    }
  }

  /**
   * Adds to {@code found} the files of the days before the range that an earlier ingest of the source covered
   * ({@link LateData#ingestedBefore}); returns the path of each file that listing added, with its day.
   */
  private Map<String, LocalDate> relistLateDays(Source source, Discovery found) {
    Map<String, LocalDate> added = new java.util.HashMap<>();
    if (options.lateDays() == 0 || !options.range().bounded()) {
      return added;
    }
    for (LocalDate day : LateData.ingestedBefore(lake, source.name(), options.range().from(), options.lateDays())) {
      for (InputFile f : found.addAll(discover(source, new DateRange(day, day)))) {
        added.put(f.path(), day);
      }
    }
    return added;
  }

  private Discovery discover(Source source, DateRange range) {
    Path root = new Path(Lake.normalize(options.input()));
    try {
      FileSystem fs = root.getFileSystem(lake.spark().sparkContext().hadoopConfiguration());
      return source.discover(fs, root, range);
    } catch (FileNotFoundException e) {
      throw Errors.jobFailed("Cannot ingest: --input " + options.input() + " does not exist");
    } catch (IOException e) {
      throw Errors.jobFailed("Cannot ingest: listing " + options.input() + " failed: " + e.getMessage(), e);
    }
  }

  /** Keys of ingest_files rows for this source under the input root: path -> "size/modifiedMillis/status". */
  private Map<String, String> ledger(Source source, List<InputFile> candidates, List<Discovery.Skipped> skipped) {
    Map<String, String> known = new java.util.HashMap<>();
    if (candidates.isEmpty() && skipped.isEmpty()) {
      return known;
    }
    org.apache.spark.sql.Column filter = col(IngestFiles.SOURCE).equalTo(source.name());
    int n = candidates.size() + skipped.size();
    if (n <= 2000) {
      List<String> paths = new ArrayList<>();
      candidates.forEach(f -> paths.add(f.path()));
      skipped.forEach(f -> paths.add(f.file().path()));
      filter = filter.and(col(IngestFiles.PATH).isin(paths.toArray()));
    } else {
      filter = filter.and(col(IngestFiles.PATH).startsWith(Lake.normalize(options.input())));
    }
    for (Row r : lake.read(IngestFiles.TABLE).filter(filter).select(IngestFiles.PATH, IngestFiles.SIZE,
        IngestFiles.MODIFIED_AT, IngestFiles.STATUS)
        .collectAsList()) {
      known.put(r.getString(0), r.getLong(1) + "/" + r.<Instant>getAs(2).toEpochMilli() + "/" + r.getString(3));
    }
    return known;
  }

  /** Drops the files that ingest_files records as read (not failed) with the same size and modification time. */
  private static List<InputFile> notYetIngested(List<InputFile> candidates, Map<String, String> ledger) {
    List<InputFile> todo = new ArrayList<>();
    for (InputFile f : candidates) {
      String seen = ledger.get(f.path());
      if (seen == null || seen.endsWith("/failed") || !seen.startsWith(f.size() + "/" + f.modifiedAt() + "/")) {
        todo.add(f);
      }
    }
    return todo;
  }

  /**
   * The parse step alone: files packed into tasks, each file read in one pass. Rows are of {@link ParsedRows}
   * (events, quarantine and one row per file); {@link #events(Dataset)} keeps the events.
   */
  public static Dataset<Row> parse(SparkSession spark, Source source, ParseLimits limits, List<InputFile> files,
      String runId) {
    List<List<InputFile>> bins = pack(files, spark.sparkContext().defaultParallelism());
    FileParser parser = new FileParser(source, limits, new HadoopConf(spark.sparkContext().hadoopConfiguration()),
        runId, Instant.now());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // The file lists travel once per executor as a broadcast, not inside every task.
    org.apache.spark.broadcast.Broadcast<List<List<InputFile>>> shared = jsc.broadcast(bins);
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < bins.size(); i++) {
      indexes.add(i);
    }
    JavaRDD<Row> rows = jsc.parallelize(indexes, bins.size())
        .flatMap(i -> parser.parseAll(shared.value().get(i)));
    return spark.createDataFrame(rows, ParsedRows.SCHEMA);
  }

  /** The events among parsed rows, in the events table's columns. */
  public static Dataset<Row> events(Dataset<Row> parsed) {
    return parsed.filter(col(ParsedRows.KIND).equalTo(ParsedRows.EVENT)).select(ParsedRows.eventColumns());
  }

  /**
   * Keeps the first copy of each (source, event_date, event_id) in the batch, by input file and position, so a
   * rerun picks the same one. Redeliveries are a few percent: the duplicated keys are found on a narrow
   * projection and broadcast, so only the duplicated rows are shuffled, not every record.
   */
  static Dataset<Row> firstCopies(Dataset<Row> events) {
    List<String> key = List.of(Events.SOURCE, Events.EVENT_DATE, Events.EVENT_ID);
    scala.collection.immutable.Seq<String> keySeq = Rows.seq(key);
    Dataset<Row> dupKeys = events.select(Events.SOURCE, Events.EVENT_DATE, Events.EVENT_ID)
        .groupBy(Events.SOURCE, Events.EVENT_DATE, Events.EVENT_ID).count()
        .filter(col("count").gt(1)).drop("count");
    Dataset<Row> single = events.join(org.apache.spark.sql.functions.broadcast(dupKeys), keySeq, "left_anti");
    Dataset<Row> firsts = events.join(org.apache.spark.sql.functions.broadcast(dupKeys), keySeq, "left_semi")
        .withColumn("_rn", row_number().over(Window.partitionBy(Events.SOURCE, Events.EVENT_DATE, Events.EVENT_ID)
            .orderBy(Events.INPUT_FILE, Events.INPUT_POSITION)))
        .filter(col("_rn").equalTo(1)).drop("_rn");
    return single.unionByName(firsts);
  }

  /** Greedy longest-first packing of files into tasks of similar total size. */
  static List<List<InputFile>> pack(List<InputFile> files, int parallelism) {
    long total = files.stream().mapToLong(InputFile::size).sum();
    int n = (int) Math.max(1, Math.min(files.size(),
        Math.max(2L * Math.max(1, parallelism), (total + TARGET_TASK_BYTES - 1) / TARGET_TASK_BYTES)));
    List<List<InputFile>> bins = new ArrayList<>();
    PriorityQueue<long[]> load = new PriorityQueue<>(Comparator.<long[]>comparingLong(a -> a[0])
        .thenComparingLong(a -> a[1]));
    for (int i = 0; i < n; i++) {
      bins.add(new ArrayList<>());
      load.add(new long[] {0, i});
    }
    List<InputFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparingLong(InputFile::size).reversed().thenComparing(InputFile::path));
    for (InputFile f : sorted) {
      long[] least = load.poll();
      bins.get((int) least[1]).add(f);
      least[0] += Math.max(1, f.size());
      load.add(least);
    }
    bins.removeIf(List::isEmpty);
    return bins;
  }

  private long mergeEvents(Dataset<Row> parsed) {
    Dataset<Row> events = events(parsed);
    List<LocalDate> dates = events.select(Events.EVENT_DATE).distinct().as(Encoders.LOCALDATE()).collectAsList();
    if (dates.isEmpty()) {
      return 0;
    }
    Dataset<Row> unique = firstCopies(events);
    String dateList = dates.stream().sorted().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", "));
    // The rows this MERGE inserted, from its own result (the table's latest commit may be another writer's).
    return Commits.retrying("merge events", () -> insertedRows(DeltaTable.forPath(lake.spark(), lake.path(Events.TABLE))
        .as("t")
        .merge(unique.as("s"), "t.event_date IN (" + dateList + ") AND t.event_date = s.event_date"
            + " AND t.source = s.source AND t.event_id = s.event_id")
        .whenNotMatched().insertAll()
        .execute()));
  }

  private void mergeQuarantine(Dataset<Row> bad, long expected) {
    if (expected == 0) {
      return;
    }
    Commits.retrying("merge quarantine", () -> DeltaTable.forPath(lake.spark(), lake.path(Quarantine.TABLE)).as("t")
        .merge(bad.as("s"), "t.input_file = s.input_file AND t.position = s.position AND t.reason = s.reason")
        .whenNotMatched().insertAll()
        .execute());
  }

  private void mergeFiles(Dataset<Row> files) {
    Commits.retrying("record ingested files", () -> DeltaTable.forPath(lake.spark(), lake.path(IngestFiles.TABLE))
        .as("t")
        .merge(files.as("s"), "t.source = s.source AND t.path = s.path")
        .whenMatched().updateAll()
        .whenNotMatched().insertAll()
        .execute());
  }

  /** Files recognised and skipped at listing are recorded once, so an auditor sees them. */
  private void recordSkipped(Source source, List<Discovery.Skipped> skipped) {
    if (skipped.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    Instant now = Instant.now();
    for (Discovery.Skipped s : skipped) {
      rows.add(new IngestFiles()
          .source(source.name())
          .path(s.file().path())
          .size(s.file().size())
          .modifiedAt(Instant.ofEpochMilli(s.file().modifiedAt()))
          .status(s.status())
          .format(s.format())
          .records(0L)
          .events(0L)
          .quarantined(0L)
          .bytesRead(0L)
          .ingestRunId(run.runId())
          .ingestedAt(now)
          .toRow());
    }
    Dataset<Row> df = lake.spark().createDataFrame(rows, IngestFiles.schema());
    Commits.retrying("record skipped files", () -> DeltaTable.forPath(lake.spark(), lake.path(IngestFiles.TABLE))
        .as("t")
        .merge(df.as("s"), "t.source = s.source AND t.path = s.path")
        .whenNotMatched().insertAll()
        .execute());
  }

  /** num_inserted_rows of a MERGE's result (0 when it committed nothing). */
  static long insertedRows(Dataset<Row> mergeResult) {
    List<Row> r = mergeResult.collectAsList();
    if (r.isEmpty() || !java.util.Arrays.asList(mergeResult.columns()).contains("num_inserted_rows")) {
      return 0L;
    }
    Object n = r.get(0).getAs("num_inserted_rows");
    return n == null ? 0L : ((Number) n).longValue();
  }

  private static String seconds(long startNanos) {
    return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }

  private static long sum(List<Row> files, String column) {
    long total = 0;
    for (Row r : files) {
      Object v = r.get(r.fieldIndex(column));
      total += v == null ? 0 : ((Number) v).longValue();
    }
    return total;
  }
}
