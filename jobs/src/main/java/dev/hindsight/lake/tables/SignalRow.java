package dev.hindsight.lake.tables;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * One element of scores.signals and findings.reasons: the struct
 * {@code struct<detector,feature,value,baseline,score,reason>} of schemas/scores.json and schemas/findings.json
 * (TablesTest checks both), built and read by name.
 */
public final class SignalRow {
  public static final String DETECTOR = "detector";
  public static final String FEATURE = "feature";
  public static final String VALUE = "value";
  public static final String BASELINE = "baseline";
  public static final String SCORE = "score";
  public static final String REASON = "reason";

  /** The struct's fields in order. */
  public static final java.util.List<String> FIELDS = java.util.List.of(DETECTOR, FEATURE, VALUE, BASELINE, SCORE,
      REASON);

  private static final int DETECTOR_ = 0;
  private static final int FEATURE_ = 1;
  private static final int VALUE_ = 2;
  private static final int BASELINE_ = 3;
  private static final int SCORE_ = 4;
  private static final int REASON_ = 5;

  private SignalRow() {}

  /** The struct type, from schemas/scores.json (signals). */
  public static StructType schema() {
    return (StructType) ((ArrayType) Scores.schema().apply(Scores.SIGNALS).dataType()).elementType();
  }

  /** baseline is null when the detector compares with none. */
  public static Row of(String detector, String feature, double value, Double baseline, double score,
      String reason) {
    Object[] v = new Object[FIELDS.size()];
    v[DETECTOR_] = detector;
    v[FEATURE_] = feature;
    v[VALUE_] = value;
    v[BASELINE_] = baseline;
    v[SCORE_] = score;
    v[REASON_] = reason;
    return RowFactory.create(v);
  }

  public static String detector(Row s) {
    return s.getString(DETECTOR_);
  }

  public static String feature(Row s) {
    return s.getString(FEATURE_);
  }

  public static double value(Row s) {
    return s.getDouble(VALUE_);
  }

  public static Double baseline(Row s) {
    return s.isNullAt(BASELINE_) ? null : s.getDouble(BASELINE_);
  }

  public static double score(Row s) {
    return s.getDouble(SCORE_);
  }

  public static String reason(Row s) {
    return s.getString(REASON_);
  }
}
