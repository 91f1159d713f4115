package dev.hindsight.score.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.Map;
import java.util.TimeZone;

/**
 * A MaxMind DB file (memory-mapped; the reader is thread-safe) and the field names hindsight understands:
 * MaxMind GeoLite2/GeoIP2 Country, City and ASN, the ip-location-db mmdb packages, and IPinfo's files.
 */
final class Mmdb {
  private static final byte[] METADATA_MARKER =
      "\u00AB\u00CD\u00EFMaxMind.com".getBytes(StandardCharsets.ISO_8859_1);

  private final String path;
  private final Reader reader;

  private Mmdb(String path, Reader reader) {
    this.path = path;
    this.reader = reader;
  }

  static Mmdb open(Path file) throws IOException {
    // Decoded records are cached by their offset in the file: a country database has a few hundred.
    return new Mmdb(file.toString(), new Reader(file.toFile(), new CHMCache(16_384)));
  }

  /** Whether the file ends with a MaxMind DB metadata section (the marker lies in its last 128 KiB). */
  static boolean looksLikeMmdb(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long len = f.length();
      int tail = (int) Math.min(len, 128 * 1024);
      byte[] b = new byte[tail];
      f.seek(len - tail);
      f.readFully(b);
      outer:
      for (int i = tail - METADATA_MARKER.length; i >= 0; i--) {
        for (int k = 0; k < METADATA_MARKER.length; k++) {
          if (b[i + k] != METADATA_MARKER[k]) continue outer;
        }
        return true;
      }
      return false;
    }
  }

  /** The record for the address, or null (no entry, or an IPv6 address in an IPv4-only database). */
  @SuppressWarnings("unchecked")
  Map<String, Object> get(IpAddress a) {
    if (!a.v4 && reader.getMetadata().getIpVersion() == 4) return null;
    try {
      return reader.get(a.toInet(), Map.class);
    } catch (IOException e) {
      throw new IllegalStateException("GeoIP database " + path + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** ISO country code of a record: country_code (ip-location-db, IPinfo), else country / registered_country. */
  static String country(Map<String, Object> m) {
    if (m == null) return null;
    String code = isoCode(m.get("country_code"));
    if (code == null) code = isoCode(m.get("country"));
    if (code == null) code = isoCode(m.get("registered_country"));
    return code;
  }

  private static String isoCode(Object v) {
    if (v instanceof Map<?, ?> map) v = map.get("iso_code");
    if (!(v instanceof String s) || s.length() != 2) return null;
    char a = Character.toUpperCase(s.charAt(0));
    char b = Character.toUpperCase(s.charAt(1));
    if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return null;
    return "" + a + b;
  }

  /** The ASN of a record (autonomous_system_number, or IPinfo's asn), or null. */
  static AsnRanges.Asn asn(Map<String, Object> m) {
    if (m == null) return null;
    Object n = m.get("autonomous_system_number");
    if (n == null) n = m.get("asn");
    String asn = null;
    if (n instanceof Number num && num.longValue() > 0) {
      asn = "AS" + num.longValue();
    } else if (n instanceof String s && !s.isBlank()) {
      s = s.strip();
      asn = s.regionMatches(true, 0, "AS", 0, 2) ? "AS" + s.substring(2) : "AS" + s;
    }
    if (asn == null) return null;
    Object org = m.get("autonomous_system_organization");
    if (org == null) org = m.get("as_name");
    return new AsnRanges.Asn(asn, org instanceof String s && !s.isBlank() ? s : null);
  }

  @Override
  public String toString() {
    Metadata md = reader.getMetadata();
    SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
    day.setTimeZone(TimeZone.getTimeZone("UTC"));
    return path + " (" + md.getDatabaseType() + ", built " + day.format(md.getBuildDate()) + ", IPv"
        + md.getIpVersion() + ")";
  }
}
