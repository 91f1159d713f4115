package dev.hindsight.triage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import dev.hindsight.lake.Lake;
import dev.hindsight.lake.tables.Suppressions;
import dev.hindsight.score.ScoringConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The lake's suppression rules as scoring suppressions: the latest rule of each (detector, credential) pair
 * (a newer rule replaces an older one, e.g. to extend or shorten it), muting the pair up to its expiry day.
 */
public final class SuppressionRules {
  private SuppressionRules() {}

  public static List<ScoringConfig.Suppression> active(Lake lake) {
    List<ScoringConfig.Suppression> out = new ArrayList<>();
    if (!lake.exists(Suppressions.TABLE)) {
      return out;
    }
    List<Row> rows = lake.read(Suppressions.TABLE)
        .withColumn("_rank", row_number().over(Window.partitionBy(Suppressions.DETECTOR, Suppressions.CREDENTIAL_ID)
            .orderBy(col(Suppressions.CREATED_AT).desc(), col(Suppressions.SUPPRESSION_ID).desc())))
        .where(col("_rank").equalTo(1))
        .orderBy(Suppressions.DETECTOR, Suppressions.CREDENTIAL_ID)
        .collectAsList();
    for (Row r : rows) {
      Suppressions s = Suppressions.fromRow(r);
      out.add(new ScoringConfig.Suppression(s.detector(), s.credentialId(), "triage " + s.suppressionId() + " by "
          + s.createdBy() + ": " + s.reason(), s.expires()));
    }
    return out;
  }
}
