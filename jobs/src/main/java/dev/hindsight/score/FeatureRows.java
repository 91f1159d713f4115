package dev.hindsight.score;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;

/** credential_daily Row -> {@link Features}, by column name. */
final class FeatureRows {
  private FeatureRows() {}

  static Features from(Row r) {
    return new Features(
        r.<LocalDate>getAs("event_date"), r.getAs("credential_id"), r.getAs("region"), r.getAs("source"),
        r.getAs("account_id"), r.getAs("credential_type"), r.getAs("principal"),
        lng(r, "events"), lng(r, "failures"), lng(r, "access_denied"),
        integer(r, "distinct_ips"), integer(r, "distinct_asns"), integer(r, "distinct_countries"),
        integer(r, "distinct_user_agents"), integer(r, "distinct_actions"),
        list(r, "ips"), list(r, "asns"), list(r, "countries"), list(r, "user_agents"), list(r, "actions"),
        list(r, "hours"),
        lng(r, "cred_creation"), lng(r, "keys_created_for_others"), list(r, "created_key_ids"),
        lng(r, "priv_change"), lng(r, "secret_reads"), integer(r, "distinct_secrets"), lng(r, "discovery"),
        lng(r, "logging_tamper"), lng(r, "model_recon"), lng(r, "model_invocations"), lng(r, "data_reads"),
        r.getAs("tokens_in"), r.getAs("tokens_out"), r.getAs("country_switch_minutes"),
        Boolean.TRUE.equals(r.getAs("recon_then_invoke")),
        integer(r, "new_ips"), integer(r, "new_asns"), integer(r, "new_countries"), integer(r, "new_account_asns"),
        integer(r, "new_account_countries"), Boolean.TRUE.equals(r.getAs("new_region")),
        Boolean.TRUE.equals(r.getAs("new_account_region")), integer(r, "account_new_region_credentials"),
        integer(r, "new_actions"), integer(r, "new_user_agents"), integer(r, "days_active_before"),
        r.getAs("days_since_last_active"), r.getAs("created_by"), list(r, "evidence_event_ids"),
        lng(r, "instance_creds_outside_aws"));
  }

  private static long lng(Row r, String c) {
    Object v = r.getAs(c);
    return v == null ? 0L : ((Number) v).longValue();
  }

  private static int integer(Row r, String c) {
    Object v = r.getAs(c);
    return v == null ? 0 : ((Number) v).intValue();
  }

  private static <T> List<T> list(Row r, String c) {
    Object v = r.getAs(c);
    if (v == null) {
      return List.of();
    }
    if (v instanceof scala.collection.Seq<?> s) {
      @SuppressWarnings("unchecked")
      List<T> l = (List<T>) scala.jdk.javaapi.CollectionConverters.asJava(s);
      return List.copyOf(l);
    }
    @SuppressWarnings("unchecked")
    List<T> l = (List<T>) v;
    return List.copyOf(l);
  }
}
