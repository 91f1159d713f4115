package dev.hindsight.cli;

import dev.hindsight.lake.Lake;
import dev.hindsight.maintain.CatalogJob;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "catalog", mixinStandardHelpOptions = true, subcommands = CatalogCommand.Register.class,
    description = "The lake's tables in the session's catalog (Hive metastore, Glue, Unity Catalog: whatever Spark is configured with).")
final class CatalogCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: register");
  }

  @Command(name = "register", mixinStandardHelpOptions = true,
      description = "Register every lake table as an external Delta table <database>.<table> (idempotent).")
  static final class Register implements Callable<Integer> {
    @Mixin SparkOptions spark;
    @Spec CommandSpec spec;

    @Option(names = "--database", paramLabel = "NAME", defaultValue = "hindsight", description = "Database to register into (default: ${DEFAULT-VALUE}; created if missing)")
    String database;

    @Option(names = "--replace", description = "Re-point a table already registered at another location")
    boolean replace;

    @Override
    public Integer call() {
      CatalogJob job = new CatalogJob(new CatalogJob.Options(database, replace));
      SparkSession session = spark.session("hindsight catalog register");
      try {
        Lake lake = spark.open(session);
        CatalogJob.Result r = spark.runner(lake, spec).run(job);
        Output.summary(spec.commandLine().getOut(), "catalog register", r.summary());
        return Hindsight.OK;
      } finally {
        spark.close(session);
      }
    }
  }
}
