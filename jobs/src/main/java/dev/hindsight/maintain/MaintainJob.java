package dev.hindsight.maintain;

import dev.hindsight.error.Errors;
import dev.hindsight.job.Job;
import dev.hindsight.job.JobContext;
import dev.hindsight.lake.Commits;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.RunLog;
import dev.hindsight.lake.TableSchema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hindsight maintain}: keeps a lake that lives for years readable and fast.
 *
 * <ol>
 *   <li>Retention: every table gets the lake's retention (its settings file; default
 *       {@link Lake#DEFAULT_RETENTION_DAYS} days, changed with {@code --retention-days}) as Delta's
 *       {@code delta.logRetentionDuration} and {@code delta.deletedFileRetentionDuration}, so a version an auditor
 *       pinned (a sample, a report) stays readable for that long.</li>
 *   <li>OPTIMIZE: small files compacted (nightly ingests leave one or a few per day partition and run); for a
 *       partitioned table only the partitions of {@code --from..--to} when given. Compaction rewrites no row: the
 *       table's content at every version is unchanged.</li>
 *   <li>VACUUM: files no version within the retention needs are deleted, never one a version inside it
 *       reads.</li>
 * </ol>
 * Each table's commits are retried on a concurrent writer's conflict; the run records the versions.
 */
public final class MaintainJob implements Job<MaintainJob.Result> {
  private static final Logger LOG = LoggerFactory.getLogger(MaintainJob.class);
  /** Delta's own floor for VACUUM's safety check; a shorter retention would race concurrent readers. */
  public static final int MIN_RETENTION_DAYS = 7;

  /**
   * @param retentionDays a new retention for the lake, or null to keep its own
   * @param from with to: OPTIMIZE only these days' partitions of a partitioned table
   */
  public record Options(Integer retentionDays, boolean optimize, boolean vacuum, LocalDate from, LocalDate to,
      List<String> tables) {
    public Options {
      if (retentionDays != null && (retentionDays < MIN_RETENTION_DAYS || retentionDays > 36500)) {
        throw Errors.usage("--retention-days must be " + MIN_RETENTION_DAYS + "..36500 (got " + retentionDays
            + "); samples and reports pinned to a version need it to cover the audit horizon");
      }
      if ((from == null) != (to == null) || (from != null && from.isAfter(to))) {
        throw Errors.usage("--from and --to go together, --from on or before --to");
      }
      tables = tables == null ? List.of() : List.copyOf(tables);
    }
  }

  /** Per table: files compacted into how many, files deleted by VACUUM, the version after. */
  public record TableResult(String table, long filesRemoved, long filesAdded, long filesVacuumed, long version) {}

  public record Result(String runId, String status, int retentionDays, List<TableResult> tables)
      implements Job.Result {
    @Override
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("retention_days", retentionDays);
      for (TableResult t : tables) {
        m.put(t.table(), "compacted " + t.filesRemoved() + " files into " + t.filesAdded() + ", vacuumed "
            + t.filesVacuumed() + ", version " + t.version());
      }
      return m;
    }
  }

  private final Options o;
  private boolean executed;

  public MaintainJob(Options options) {
    if (options == null) {
      throw Errors.usage("Cannot maintain: no options");
    }
    this.o = options;
  }

  @Override
  public String command() {
    return "maintain";
  }

  @Override
  public Result execute(JobContext ctx) {
    if (executed) {
      throw new IllegalStateException("MaintainJob was already executed; build a new one");
    }
    executed = true;
    Lake lake = ctx.lake();
    RunLog run = ctx.run();
    if (o.from() != null) {
      run.dates(o.from(), o.to());
    }
    List<String> tables = lake.tables();
    for (String t : o.tables()) {
      if (!tables.contains(t)) {
        throw Errors.usage("--table " + t + ": no such table in " + lake.root() + " (tables: " + tables + ")");
      }
    }
    if (!o.tables().isEmpty()) {
      tables = o.tables();
    }
    if (o.retentionDays() != null) {
      lake.retentionDays(o.retentionDays());
    }
    int days = lake.retentionDays();
    List<TableResult> out = new ArrayList<>();
    for (String table : tables) {
      String path = lake.path(table);
      retention(lake, table, days);
      long removed = 0;
      long added = 0;
      if (o.optimize()) {
        String where = "";
        if (o.from() != null && TableSchema.exists(table)
            && TableSchema.of(table).partitionedBy().contains("event_date")) {
          where = " WHERE event_date BETWEEN DATE'" + o.from() + "' AND DATE'" + o.to() + "'";
        }
        String sql = "OPTIMIZE delta.`" + path + "`" + where;
        Row r = Commits.retrying("optimize " + table, () -> lake.spark().sql(sql).first());
        Row metrics = r.getStruct(r.fieldIndex("metrics"));
        removed = metrics.getLong(metrics.fieldIndex("numFilesRemoved"));
        added = metrics.getLong(metrics.fieldIndex("numFilesAdded"));
      }
      long vacuumed = 0;
      if (o.vacuum()) {
        long before = files(lake, path);
        Commits.retrying("vacuum " + table, () -> lake.spark().sql("VACUUM delta.`" + path + "` RETAIN "
            + (days * 24L) + " HOURS").count());
        vacuumed = Math.max(0, before - files(lake, path));
      }
      long version = lake.version(table);
      run.version(table, version);
      out.add(new TableResult(table, removed, added, vacuumed, version));
      LOG.info("maintain {}: retention {} days, compacted {} files into {}, vacuumed {}, version {}", table, days,
          removed, added, vacuumed, version);
    }
    return new Result(run.runId(), run.status(), days, out);
  }

  /** Sets the table's retention properties when they differ from the lake's (one Delta commit, in history). */
  static void retention(Lake lake, String table, int days) {
    String path = lake.path(table);
    Map<String, String> props = new LinkedHashMap<>();
    for (Row r : lake.spark().sql("SHOW TBLPROPERTIES delta.`" + path + "`").collectAsList()) {
      props.put(r.getString(0), r.getString(1));
    }
    String interval = Lake.retentionInterval(days);
    if (interval.equals(props.get("delta.logRetentionDuration"))
        && interval.equals(props.get("delta.deletedFileRetentionDuration"))
        && Integer.toString(days).equals(props.get(Lake.RETENTION_PROPERTY))) {
      return;
    }
    Commits.retrying("set retention of " + table, () -> lake.spark().sql("ALTER TABLE delta.`" + path
        + "` SET TBLPROPERTIES ('delta.logRetentionDuration' = '" + interval
        + "', 'delta.deletedFileRetentionDuration' = '" + interval + "', '" + Lake.RETENTION_PROPERTY + "' = '" + days
        + "')").count());
  }

  /** Data files of a table (its current and older versions' alike). */
  static long files(Lake lake, String path) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
      org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(lake.spark().sparkContext().hadoopConfiguration());
      long n = 0;
      var it = fs.listFiles(p, true);
      while (it.hasNext()) {
        org.apache.hadoop.fs.LocatedFileStatus st = it.next();
        if (st.getPath().getName().endsWith(".parquet") && !st.getPath().toString().contains("/_delta_log/")) {
          n++;
        }
      }
      return n;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot list " + path + ": " + e.getMessage(), e);
    }
  }
}
