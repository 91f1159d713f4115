package dev.hindsight.score.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * IP-range-to-ASN table read from a CSV file, held as sorted primitive arrays and searched by binary search.
 * Rows may be
 *
 * <ul>
 *   <li>{@code ip_range_start,ip_range_end,autonomous_system_number,autonomous_system_organization} (the
 *       ip-location-db asn CSVs; inclusive ranges, addresses as text or as numbers like in their -num files), or
 *   <li>{@code network,autonomous_system_number,autonomous_system_organization} (CIDR, like MaxMind's
 *       GeoLite2-ASN-Blocks-IPv4.csv / -IPv6.csv).
 * </ul>
 *
 * IPv4 and IPv6 rows may share a file; a header line is skipped; the number may carry an "AS" prefix; ASN 0
 * (not routed) rows are dropped; files ending in .gz are read through gzip. Overlapping ranges are cut so the
 * later-starting (more specific) range wins. Immutable once built, so lookups are thread-safe.
 */
final class AsnRanges {
  /** One autonomous system, shared by all the ranges it announces. */
  record Asn(String asn, String org) {}

  private final String path;
  private final Table v4;
  private final Table v6;

  private AsnRanges(String path, Table v4, Table v6) {
    this.path = path;
    this.v4 = v4;
    this.v6 = v6;
  }

  Asn lookup(IpAddress a) {
    return a.v4 ? v4.find(0, a.lo) : v6.find(a.hi, a.lo);
  }

  int ipv4Ranges() {
    return v4.n;
  }

  int ipv6Ranges() {
    return v6.n;
  }

  @Override
  public String toString() {
    return path + " (ASN CSV, " + v4.n + " IPv4 and " + v6.n + " IPv6 ranges)";
  }

  /** Reads a CSV file; IllegalArgumentException when it holds no ASN rows at all. */
  static AsnRanges load(Path file) throws IOException {
    Builder b4 = new Builder();
    Builder b6 = new Builder();
    Map<Asn, Asn> asns = new HashMap<>();
    Map<String, String> strings = new HashMap<>();
    long lineNo = 0;
    long bad = 0;
    String firstBad = null;
    int[] fs = new int[5];
    int[] fe = new int[5];
    boolean[] quoted = new boolean[5];
    long[] start = new long[3]; // hi, lo, family (4 or 6)
    long[] end = new long[3];
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isEmpty() || line.charAt(0) == '#') continue;
        int nf = split(line, fs, fe, quoted);
        int asnField;
        boolean ok;
        if (nf >= 2 && indexOf(line, '/', fs[0], fe[0]) >= 0) {
          ok = parseCidr(line, fs[0], fe[0], start, end);
          asnField = 1;
        } else {
          ok = nf >= 3 && parseAddress(line, fs[0], fe[0], start) && parseAddress(line, fs[1], fe[1], end)
              && start[2] == end[2] && compare(start[0], start[1], end[0], end[1]) <= 0;
          asnField = 2;
        }
        long asnNumber = ok ? parseAsn(line, fs[asnField], fe[asnField]) : -1;
        if (asnNumber < 0) {
          if (lineNo > 1) { // the first line may be a header
            bad++;
            if (firstBad == null) firstBad = "line " + lineNo + ": " + abbreviate(line);
          }
          continue;
        }
        if (asnNumber == 0) continue; // "not routed"
        String org = nf > asnField + 1 ? field(line, fs[asnField + 1], fe[asnField + 1], quoted[asnField + 1]) : "";
        String asnText = "AS" + asnNumber;
        asnText = strings.computeIfAbsent(asnText, k -> k);
        org = org.isEmpty() ? null : strings.computeIfAbsent(org, k -> k);
        Asn key = new Asn(asnText, org);
        Asn asn = asns.putIfAbsent(key, key);
        if (asn == null) asn = key;
        (start[2] == 4 ? b4 : b6).add(start[0], start[1], end[0], end[1], asn);
      }
    }
    if (b4.n + b6.n == 0 || bad > b4.n + b6.n) {
      throw new IllegalArgumentException("not an IP-to-ASN CSV (" + (b4.n + b6.n) + " ASN rows, " + bad
          + " unreadable lines" + (firstBad == null ? "" : ", first " + firstBad) + "); expected rows like "
          + "'1.0.0.0,1.0.0.255,13335,Cloudflare' or '1.0.0.0/24,13335,Cloudflare'");
    }
    return new AsnRanges(file.toString(), b4.build(false), b6.build(true));
  }

  // ---------------------------------------------------------------------------------------------------------
  // CSV fields

  /** Field bounds of one CSV line (quotes excluded, "" left escaped); returns the number of fields (max 5). */
  private static int split(String line, int[] fs, int[] fe, boolean[] quoted) {
    int n = 0;
    int i = 0;
    int len = line.length();
    while (n < fs.length) {
      if (i < len && line.charAt(i) == '"') {
        int j = i + 1;
        while (j < len) {
          if (line.charAt(j) == '"') {
            if (j + 1 < len && line.charAt(j + 1) == '"') {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        fs[n] = i + 1;
        fe[n] = Math.min(j, len);
        quoted[n] = true;
        n++;
        i = indexOf(line, ',', Math.min(j + 1, len), len);
      } else {
        int j = indexOf(line, ',', i, len);
        fs[n] = i;
        fe[n] = j < 0 ? len : j;
        quoted[n] = false;
        n++;
        i = j;
      }
      if (i < 0) break;
      i++; // past the comma
    }
    return n;
  }

  private static String field(String line, int from, int to, boolean quoted) {
    while (from < to && line.charAt(from) == ' ') from++;
    while (to > from && line.charAt(to - 1) == ' ') to--;
    String s = line.substring(from, to);
    return quoted && s.indexOf('"') >= 0 ? s.replace("\"\"", "\"") : s;
  }

  /** Decimal number with an optional "AS" prefix; -1 if it is none. */
  private static long parseAsn(String s, int from, int to) {
    while (from < to && s.charAt(from) == ' ') from++;
    while (to > from && s.charAt(to - 1) == ' ') to--;
    if (to - from >= 2 && (s.charAt(from) == 'A' || s.charAt(from) == 'a')
        && (s.charAt(from + 1) == 'S' || s.charAt(from + 1) == 's')) {
      from += 2;
    }
    if (from == to || to - from > 10) return -1;
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v <= 0xFFFF_FFFFL ? v : -1;
  }

  /**
   * An address as text (IPv4 or IPv6) or as a decimal number (below 2^32: IPv4, else IPv6) into out = {hi, lo,
   * family}. IPv6 text stays IPv6 here (no IPv4-mapped folding): the table holds what the file says.
   */
  private static boolean parseAddress(String s, int from, int to, long[] out) {
    while (from < to && s.charAt(from) == ' ') from++;
    while (to > from && s.charAt(to - 1) == ' ') to--;
    if (from == to) return false;
    if (indexOf(s, ':', from, to) >= 0) {
      if (!IpAddress.parseV6(s, from, to, out)) return false;
      out[2] = 6;
      return true;
    }
    if (indexOf(s, '.', from, to) >= 0) {
      long v = IpAddress.parseV4(s, from, to);
      if (v < 0) return false;
      out[0] = 0;
      out[1] = v;
      out[2] = 4;
      return true;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    if (to - from <= 18) {
      long v = Long.parseLong(s, from, to, 10);
      out[0] = 0;
      out[1] = v;
      out[2] = v <= 0xFFFF_FFFFL ? 4 : 6;
      return true;
    }
    BigInteger v = new BigInteger(s.substring(from, to));
    if (v.bitLength() > 128) return false;
    out[0] = v.shiftRight(64).longValue();
    out[1] = v.longValue();
    out[2] = 6;
    return true;
  }

  /** "a.b.c.d/n" or "x::/n" into first and last address. */
  private static boolean parseCidr(String s, int from, int to, long[] start, long[] end) {
    while (from < to && s.charAt(from) == ' ') from++;
    while (to > from && s.charAt(to - 1) == ' ') to--;
    int slash = indexOf(s, '/', from, to);
    if (slash < 0 || slash == to - 1 || to - slash > 4) return false;
    int bits = 0;
    for (int i = slash + 1; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
      bits = bits * 10 + (c - '0');
    }
    if (indexOf(s, ':', from, slash) >= 0) {
      if (bits > 128 || !IpAddress.parseV6(s, from, slash, start)) return false;
      long maskHi = bits >= 64 ? -1L : bits == 0 ? 0 : -1L << (64 - bits);
      long maskLo = bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
      start[0] &= maskHi;
      start[1] &= maskLo;
      end[0] = start[0] | ~maskHi;
      end[1] = start[1] | ~maskLo;
      start[2] = end[2] = 6;
      return true;
    }
    long v = IpAddress.parseV4(s, from, slash);
    if (v < 0 || bits > 32) return false;
    long size = 1L << (32 - bits);
    start[0] = end[0] = 0;
    start[1] = v & ~(size - 1);
    end[1] = start[1] + size - 1;
    start[2] = end[2] = 4;
    return true;
  }

  private static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) return i;
    }
    return -1;
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }

  /** Unsigned 128-bit comparison. */
  static int compare(long aHi, long aLo, long bHi, long bLo) {
    int c = Long.compareUnsigned(aHi, bHi);
    return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Sorted range table

  /** Sorted, non-overlapping inclusive ranges; the high halves are null for IPv4 (all zero). */
  static final class Table {
    final int n;
    private final long[] startHi;
    private final long[] startLo;
    private final long[] endHi;
    private final long[] endLo;
    private final Asn[] asn;

    Table(int n, long[] startHi, long[] startLo, long[] endHi, long[] endLo, Asn[] asn) {
      this.n = n;
      this.startHi = startHi;
      this.startLo = startLo;
      this.endHi = endHi;
      this.endLo = endLo;
      this.asn = asn;
    }

    Asn find(long hi, long lo) {
      int low = 0;
      int high = n - 1;
      int found = -1;
      while (low <= high) { // the last range that starts at or before the address
        int mid = (low + high) >>> 1;
        long sHi = startHi == null ? 0 : startHi[mid];
        if (compare(sHi, startLo[mid], hi, lo) <= 0) {
          found = mid;
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
      if (found < 0) return null;
      long eHi = endHi == null ? 0 : endHi[found];
      return compare(hi, lo, eHi, endLo[found]) <= 0 ? asn[found] : null;
    }
  }

  /** Growable columns; build() sorts them and cuts overlaps. */
  static final class Builder {
    int n;
    long[] sHi = new long[1024];
    long[] sLo = new long[1024];
    long[] eHi = new long[1024];
    long[] eLo = new long[1024];
    Asn[] asn = new Asn[1024];

    void add(long startHi, long startLo, long endHi, long endLo, Asn a) {
      if (n == sLo.length) {
        int cap = n + (n >> 1);
        sHi = Arrays.copyOf(sHi, cap);
        sLo = Arrays.copyOf(sLo, cap);
        eHi = Arrays.copyOf(eHi, cap);
        eLo = Arrays.copyOf(eLo, cap);
        asn = Arrays.copyOf(asn, cap);
      }
      sHi[n] = startHi;
      sLo[n] = startLo;
      eHi[n] = endHi;
      eLo[n] = endLo;
      asn[n] = a;
      n++;
    }

    Table build(boolean v6) {
      // Each pass sorts and cuts; a range with a nested one inside leaves its tail for the next pass.
      for (int pass = 0; pass < 64; pass++) {
        sort();
        if (!cutOverlaps()) break;
      }
      return new Table(n, v6 ? Arrays.copyOf(sHi, n) : null, Arrays.copyOf(sLo, n),
          v6 ? Arrays.copyOf(eHi, n) : null, Arrays.copyOf(eLo, n), Arrays.copyOf(asn, n));
    }

    /** Order: start ascending, then end descending (an enclosing range before the ranges inside it). */
    private int order(int a, int b) {
      int c = compare(sHi[a], sLo[a], sHi[b], sLo[b]);
      return c != 0 ? c : compare(eHi[b], eLo[b], eHi[a], eLo[a]);
    }

    private void sort() {
      boolean sorted = true;
      for (int i = 1; i < n && sorted; i++) sorted = order(i - 1, i) <= 0;
      if (sorted) return;
      Integer[] idx = new Integer[n];
      for (int i = 0; i < n; i++) idx[i] = i;
      Arrays.sort(idx, this::order);
      long[] a = new long[n];
      long[] b = new long[n];
      long[] c = new long[n];
      long[] d = new long[n];
      Asn[] e = new Asn[n];
      for (int i = 0; i < n; i++) {
        int k = idx[i];
        a[i] = sHi[k];
        b[i] = sLo[k];
        c[i] = eHi[k];
        d[i] = eLo[k];
        e[i] = asn[k];
      }
      sHi = a;
      sLo = b;
      eHi = c;
      eLo = d;
      asn = e;
    }

    /**
     * One sweep in place over sorted rows: where a range starts inside the previous one, the previous one ends
     * just before it; the tail of a previous range that encloses it is appended (sorted in the next pass).
     * Returns whether tails were appended.
     */
    private boolean cutOverlaps() {
      int count = n;
      int w = 0;
      int tails = 0;
      for (int i = 0; i < count; i++) {
        if (w > 0 && compare(sHi[i], sLo[i], eHi[w - 1], eLo[w - 1]) <= 0) {
          int p = w - 1;
          if (compare(eHi[p], eLo[p], eHi[i], eLo[i]) > 0) { // i lies inside p: keep p's tail
            long tHi = eLo[i] == -1L ? eHi[i] + 1 : eHi[i];
            long tLo = eLo[i] + 1;
            add(tHi, tLo, eHi[p], eLo[p], asn[p]);
            tails++;
          }
          if (compare(sHi[p], sLo[p], sHi[i], sLo[i]) == 0) {
            w--; // same start: i replaces p
          } else { // p ends just before i
            eHi[p] = sLo[i] == 0 ? sHi[i] - 1 : sHi[i];
            eLo[p] = sLo[i] - 1;
          }
        }
        move(i, w++);
      }
      // Rows [count, n) are the tails; move them down behind the kept rows.
      for (int t = 0; t < tails; t++) move(count + t, w + t);
      n = w + tails;
      return tails > 0;
    }

    private void move(int from, int to) {
      if (from == to) return;
      sHi[to] = sHi[from];
      sLo[to] = sLo[from];
      eHi[to] = eHi[from];
      eLo[to] = eLo[from];
      asn[to] = asn[from];
    }
  }
}
