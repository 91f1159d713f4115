package dev.hindsight.maintain;

import dev.hindsight.error.Errors;
import dev.hindsight.job.Job;
import dev.hindsight.job.JobContext;
import dev.hindsight.lake.Lake;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * {@code hindsight catalog register --database NAME}: every lake table as an external Delta table of the
 * session's catalog, {@code NAME.<table>} at the table's location, so analysts query {@code SELECT * FROM
 * hindsight.findings} from any SQL tool the catalog serves. On a cluster the catalog is whatever Spark is
 * configured with (a Hive metastore, AWS Glue, Unity Catalog); locally Spark's built-in one. Registering again is
 * a no-op; a name already registered at another location is refused (exit 1) unless replaced on purpose.
 */
public final class CatalogJob implements Job<CatalogJob.Result> {
  public record Options(String database, boolean replace) {
    public Options {
      if (database == null || !database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw Errors.usage("--database must be a plain identifier (letters, digits, _), got " + database);
      }
    }
  }

  public record Result(String runId, String status, String database, List<String> registered,
      List<String> unchanged) implements Job.Result {
    @Override
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("database", database);
      m.put("registered", registered);
      m.put("already_registered", unchanged);
      return m;
    }
  }

  private final Options o;
  private boolean executed;

  public CatalogJob(Options options) {
    if (options == null) {
      throw Errors.usage("Cannot register: no options");
    }
    this.o = options;
  }

  @Override
  public String command() {
    return "catalog";
  }

  @Override
  public String description() {
    return "catalog register " + o.database();
  }

  @Override
  public Result execute(JobContext ctx) {
    if (executed) {
      throw new IllegalStateException("CatalogJob was already executed; build a new one");
    }
    executed = true;
    Lake lake = ctx.lake();
    var spark = lake.spark();
    List<String> tables = lake.tables();
    if (tables.isEmpty()) {
      throw Errors.lakeState("Cannot register " + lake.root() + ": it has no tables yet; run 'hindsight ingest' first");
    }
    String db = "`" + o.database() + "`";
    spark.sql("CREATE DATABASE IF NOT EXISTS " + db + " COMMENT 'hindsight lake " + lake.root().replace("'", "")
        + "'");
    List<String> registered = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (String t : tables) {
      String name = db + ".`" + t + "`";
      String location = lake.path(t);
      if (spark.catalog().tableExists(o.database(), t)) {
        String at = null;
        for (Row r : spark.sql("DESCRIBE DETAIL " + name).collectAsList()) {
          at = r.getAs("location");
        }
        if (at != null && Lake.normalize(at).equals(location)) {
          unchanged.add(t);
          continue;
        }
        if (!o.replace()) {
          throw Errors.lakeState("Cannot register " + o.database() + "." + t + ": it is already registered at " + at
              + ", not " + location + "; pass --replace to point it here");
        }
        spark.sql("DROP TABLE " + name); // external: the data stays where it is
      }
      spark.sql("CREATE TABLE " + name + " USING DELTA LOCATION '" + location.replace("'", "\\'") + "'");
      registered.add(t);
    }
    return new Result(ctx.run().runId(), ctx.run().status(), o.database(), registered, unchanged);
  }
}
