package dev.hindsight.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.hindsight.error.Errors;
import dev.hindsight.publish.Evaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Compare findings with labelled incidents: where each ranks, recall and precision in the top K.")
final class EvaluateCommand implements Callable<Integer> {
  @Mixin SparkOptions spark;
  @Mixin DateOptions dates;
  @Spec CommandSpec spec;

  @Option(names = "--labels", required = true, paramLabel = "FILE", description = "labels.json (as hindsight generate writes it)")
  Path labels;

  @Option(names = "--top", paramLabel = "K", defaultValue = "20", description = "Size of the top (default: ${DEFAULT-VALUE})")
  int top;

  @Override
  public Integer call() {
    dates.check();
    if (top < 1) {
      throw Errors.usage("--top must be at least 1 (got " + top + ")");
    }
    List<Evaluation.Label> ls = Evaluation.labels(labels);
    SparkSession session = spark.session("hindsight sql");
    try {
      var lake = spark.open(session);
      if (!lake.exists("findings")) {
        throw Errors.tableMissing("evaluate", lake.root(), "findings", "run 'hindsight publish' first");
      }
      Evaluation.Result r = evaluate(lake, dates.from, dates.to, ls, top);
      print(spec.commandLine().getOut(), r);
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }

  static Evaluation.Result evaluate(dev.hindsight.lake.Lake lake, LocalDate from, LocalDate to,
      List<Evaluation.Label> labels, int top) {
    List<Row> rows = lake.read("findings")
        .where(col("last_seen").geq(lit(from)).and(col("first_seen").leq(lit(to))))
        .orderBy(col("score").desc(), col("first_seen"), col("finding_id"))
        .select("finding_id", "credential_id", "first_seen", "last_seen", "score").collectAsList();
    List<Evaluation.Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      ranked.add(new Evaluation.Ranked(i + 1, r.getString(0), r.getString(1), r.getAs(2), r.getAs(3), r.getDouble(4)));
    }
    return Evaluation.evaluate(labels, ranked, top);
  }

  static void print(PrintWriter out, Evaluation.Result r) {
    out.printf(Locale.ROOT, "%-8s %-36s %-9s %5s %6s  %s%n", "label", "kind", "class", "rank", "score", "finding");
    for (Evaluation.Match m : r.matches()) {
      out.printf(Locale.ROOT, "%-8s %-36s %-9s %5s %6s  %s%n", m.label().id(), m.label().kind(), m.label().label(),
          m.rank() == 0 ? "-" : Integer.toString(m.rank()),
          m.finding() == null ? "-" : String.format(Locale.ROOT, "%.1f", m.finding().score()),
          m.finding() == null ? "" : m.finding().findingId());
    }
    out.printf(Locale.ROOT, "recall@%d %.2f  precision@%d %.2f  benign look-alikes in top %d: %d  (findings: %d)%n",
        r.top(), r.recallAtTop(), r.top(), r.precisionAtTop(), r.top(), r.confoundersInTop(), r.findings());
    out.flush();
  }
}
