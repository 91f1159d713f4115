package dev.hindsight.score;

import dev.hindsight.lake.tables.CredentialDaily;
import java.time.LocalDate;
import org.apache.spark.sql.Row;

/**
 * One credential_daily row, the input of every detector: the typed {@link CredentialDaily} row (named
 * accessors, plain Java values, so detectors are unit-tested without Spark) plus what detectors ask of it.
 * Field meanings are those of schemas/credential_daily.json.
 */
public final class Features extends CredentialDaily {
  private static final long serialVersionUID = 1L;

  /** A row with every column unset (numbers read 0, lists empty); fill it with the named setters. */
  public Features() {}

  /** The credential_daily columns of r, read by name (r may hold more columns, in any order). */
  public static Features fromRow(Row r) {
    Features f = new Features();
    f.readRow(r);
    return f;
  }

  /** The day (event_date). */
  public LocalDate date() {
    return eventDate();
  }

  /** Whether a GeoIP database fed this row (ASN or country known for at least one IP). */
  public boolean hasGeo() {
    return distinctAsns() > 0 || distinctCountries() > 0;
  }

  /** A long-term key (AKIA...) rather than a session, role, service or user. */
  public boolean isLongTermKey() {
    return "access_key".equals(credentialType());
  }
}
