package dev.hindsight.lake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * Every id hindsight derives by hashing, in one place. The convention for a new id is {@link #of}: each part
 * followed by U+001F (a null part as U+0000), SHA-256, hex. The ids below it were stored before that convention
 * was written down; their recipes are frozen, because rows in existing lakes (events, findings, samples and the
 * manifests auditors hold) are keyed by them: changing one would duplicate rows on a rerun or break a pinned
 * sample's verification.
 */
public final class Ids {
  /** Separates the parts of an id before hashing; no part of an id may contain it. */
  public static final char UNIT_SEPARATOR = '\u001f';

  private Ids() {}

  /** The convention: sha256(part1 US part2 US ... partN US), a null part as U+0000, in {@code hexChars} hex characters. */
  public static String of(int hexChars, String... parts) {
    MessageDigest md = Hashes.digest();
    for (String p : parts) {
      md.update((p == null ? "\u0000" : p).getBytes(StandardCharsets.UTF_8));
      md.update((byte) UNIT_SEPARATOR);
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, hexChars);
  }

  /** events.event_id of a record whose vendor gives none: "h-" + {@link #of} with 32 hex characters. */
  public static String derivedEventId(String... parts) {
    return "h-" + of(32, parts);
  }

  /** findings.finding_id (frozen): sha256(credential "|" first day), 24 hex: the same episode keeps its id. */
  public static String findingId(String credentialId, LocalDate firstDay) {
    return Hashes.sha256Hex(credentialId + "|" + firstDay).substring(0, 24);
  }

  /** samples.sample_id and the manifest's (frozen): sha256 of the parts joined by U+001F, 24 hex. */
  public static String sampleId(String... parts) {
    return Hashes.sha256Hex(String.join(String.valueOf(UNIT_SEPARATOR), parts)).substring(0, 24);
  }

  /**
   * A row's draw key in a sample (frozen): sha256(seed "|" row id), 64 hex; SampleJob computes the same in Spark
   * SQL as {@code sha2(concat(seed || '|', row_id), 256)}.
   */
  public static String drawKey(String seed, String rowId) {
    return Hashes.sha256Hex(seed + DRAW_KEY_SEPARATOR + rowId);
  }

  /** The separator of {@link #drawKey}, for the SQL that computes it. */
  public static final String DRAW_KEY_SEPARATOR = "|";
}
