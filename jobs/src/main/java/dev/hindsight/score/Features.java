package dev.hindsight.score;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * One credential_daily row as plain Java, the input of every detector (no Spark types, so detectors are
 * unit-tested without Spark). Field meanings are those of schemas/credential_daily.json.
 */
public record Features(
    LocalDate date,
    String credentialId,
    String region,
    String source,
    String accountId,
    String credentialType,
    String principal,
    long events,
    long failures,
    long accessDenied,
    int distinctIps,
    int distinctAsns,
    int distinctCountries,
    int distinctUserAgents,
    int distinctActions,
    List<String> ips,
    List<String> asns,
    List<String> countries,
    List<String> userAgents,
    List<String> actions,
    List<Long> hours,
    long credCreation,
    long keysCreatedForOthers,
    List<String> createdKeyIds,
    long privChange,
    long secretReads,
    int distinctSecrets,
    long discovery,
    long loggingTamper,
    long modelRecon,
    long modelInvocations,
    long dataReads,
    Long tokensIn,
    Long tokensOut,
    Double countrySwitchMinutes,
    boolean reconThenInvoke,
    int newIps,
    int newAsns,
    int newCountries,
    int newAccountAsns,
    int newAccountCountries,
    boolean newRegion,
    boolean newAccountRegion,
    int accountNewRegionCredentials,
    int newActions,
    int newUserAgents,
    int daysActiveBefore,
    Integer daysSinceLastActive,
    String createdBy,
    List<String> evidenceEventIds,
    long instanceCredsOutsideAws) implements Serializable {

  /** Whether a GeoIP database fed this row (ASN or country known for at least one IP). */
  public boolean hasGeo() {
    return distinctAsns > 0 || distinctCountries > 0;
  }

  /** A long-term key (AKIA...) rather than a session, role, service or user. */
  public boolean isLongTermKey() {
    return "access_key".equals(credentialType);
  }
}
