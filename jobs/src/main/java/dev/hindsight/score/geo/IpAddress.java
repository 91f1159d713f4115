package dev.hindsight.score.geo;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address literal parsed by hand, without {@link InetAddress#getByName} (which resolves host names such as
 * CloudTrail's "ec2.amazonaws.com" through DNS). IPv4 is a 32-bit value in {@link #lo}; IPv6 is 128 bits in
 * {@link #hi} and {@link #lo}. IPv6 forms that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, NAT64
 * 64:ff9b::a.b.c.d, 6to4 2002:aabb:ccdd::) become that IPv4 address, as MaxMind's databases treat them.
 */
final class IpAddress {
  /** IPv4 (also when reached through one of the IPv6 forms above). */
  final boolean v4;
  /** High 64 bits of an IPv6 address; 0 for IPv4. */
  final long hi;
  /** Low 64 bits of an IPv6 address, or the IPv4 address as an unsigned 32-bit value. */
  final long lo;

  private InetAddress inet;

  private IpAddress(boolean v4, long hi, long lo) {
    this.v4 = v4;
    this.hi = hi;
    this.lo = lo;
  }

  static IpAddress v4(long value) {
    return new IpAddress(true, 0, value & 0xFFFF_FFFFL);
  }

  /** An IPv6 address, or the IPv4 address it carries. */
  static IpAddress v6(long hi, long lo) {
    if (hi == 0 && (lo >>> 32) == 0xFFFFL) return v4(lo); // ::ffff:0:0/96, IPv4-mapped
    if (hi == 0x0064_FF9B_0000_0000L && (lo >>> 32) == 0) return v4(lo); // 64:ff9b::/96, NAT64
    if ((hi >>> 48) == 0x2002L) return v4(hi >>> 16); // 2002::/16, 6to4
    return new IpAddress(false, hi, lo);
  }

  /**
   * Parses an IPv4 or IPv6 literal; null for anything else (host names, "AWS Internal", blanks). Surrounding
   * white space, brackets ("[::1]") and an IPv6 zone ("fe80::1%eth0") are accepted.
   */
  static IpAddress parse(String s) {
    if (s == null) return null;
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) <= ' ') from++;
    while (to > from && s.charAt(to - 1) <= ' ') to--;
    if (to - from < 2 || to - from > 100) return null;
    if (s.charAt(from) == '[' && s.charAt(to - 1) == ']') {
      from++;
      to--;
    }
    int colon = indexOf(s, ':', from, to);
    if (colon < 0) {
      long v = parseV4(s, from, to);
      return v < 0 ? null : v4(v);
    }
    int zone = indexOf(s, '%', from, to);
    if (zone >= 0) {
      if (zone == to - 1) return null;
      to = zone;
    }
    long[] out = new long[2];
    return parseV6(s, from, to, out) ? v6(out[0], out[1]) : null;
  }

  /**
   * Publicly routable unicast: not private, shared (CGNAT), loopback, link-local, documentation, benchmarking,
   * multicast or otherwise reserved (IANA special-purpose registries; IPv6 must be in 2000::/3).
   */
  boolean isPublic() {
    if (v4) {
      for (long[] r : V4_SPECIAL) {
        if ((lo >>> (32 - r[1])) == (r[0] >>> (32 - r[1]))) return false;
      }
      return true;
    }
    if ((hi >>> 61) != 1) return false; // outside 2000::/3 global unicast
    if ((hi >>> 32) == 0x2001_0DB8L) return false; // 2001:db8::/32 documentation
    if ((hi >>> 44) == 0x3FFF0L) return false; // 3fff::/20 documentation
    if ((hi >>> 16) == 0x2001_0002_0000L) return false; // 2001:2::/48 benchmarking
    return true;
  }

  /** The same address as an InetAddress, built from its bytes (no name service involved). */
  InetAddress toInet() {
    InetAddress a = inet;
    if (a == null) {
      byte[] b;
      if (v4) {
        b = new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
      } else {
        b = new byte[16];
        for (int i = 0; i < 8; i++) {
          b[i] = (byte) (hi >>> (56 - 8 * i));
          b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
      }
      try {
        a = InetAddress.getByAddress(b);
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e); // only for a wrong byte count
      }
      inet = a;
    }
    return a;
  }

  @Override
  public String toString() {
    return toInet().getHostAddress();
  }

  // Special-purpose IPv4 blocks (prefix, length) that are never a caller's public address.
  private static final long[][] V4_SPECIAL = {
    {0x0000_0000L, 8}, // 0.0.0.0/8 "this network"
    {0x0A00_0000L, 8}, // 10.0.0.0/8 private
    {0x6440_0000L, 10}, // 100.64.0.0/10 shared address space (CGNAT)
    {0x7F00_0000L, 8}, // 127.0.0.0/8 loopback
    {0xA9FE_0000L, 16}, // 169.254.0.0/16 link-local
    {0xAC10_0000L, 12}, // 172.16.0.0/12 private
    {0xC000_0000L, 24}, // 192.0.0.0/24 IETF protocol assignments
    {0xC000_0200L, 24}, // 192.0.2.0/24 documentation
    {0xC058_6300L, 24}, // 192.88.99.0/24 6to4 relay anycast (deprecated)
    {0xC0A8_0000L, 16}, // 192.168.0.0/16 private
    {0xC612_0000L, 15}, // 198.18.0.0/15 benchmarking
    {0xC633_6400L, 24}, // 198.51.100.0/24 documentation
    {0xCB00_7100L, 24}, // 203.0.113.0/24 documentation
    {0xE000_0000L, 4}, // 224.0.0.0/4 multicast
    {0xF000_0000L, 4}, // 240.0.0.0/4 reserved, and 255.255.255.255
  };

  /** ASCII hex digit value, or -1 (Character.digit would also take other scripts' digits). */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  private static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) return i;
    }
    return -1;
  }

  /**
   * Dotted-quad IPv4 in s[from, to): four decimal octets 0-255 without leading zeros (so "010.0.0.1" is not
   * read as octal or decimal). Returns the unsigned value, or -1.
   */
  static long parseV4(CharSequence s, int from, int to) {
    long value = 0;
    int parts = 0;
    int i = from;
    while (true) {
      int start = i;
      int octet = 0;
      while (i < to) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') break;
        octet = octet * 10 + (c - '0');
        if (++i - start > 3) return -1;
      }
      int len = i - start;
      if (len == 0 || octet > 255 || (len > 1 && s.charAt(start) == '0')) return -1;
      value = (value << 8) | octet;
      if (++parts == 4) return i == to ? value : -1;
      if (i >= to || s.charAt(i) != '.') return -1;
      i++;
    }
  }

  /**
   * IPv6 text in s[from, to) (RFC 4291 section 2.2: hex groups, one "::", an optional dotted-quad tail) into
   * out[0] (high 64 bits) and out[1] (low 64 bits). Returns false when it is not an IPv6 literal.
   */
  static boolean parseV6(CharSequence s, int from, int to, long[] out) {
    if (to - from < 2) return false;
    int[] g = new int[8];
    int n = 0;
    int gap = -1; // index in g where "::" stands
    int i = from;
    if (s.charAt(i) == ':') {
      if (s.charAt(i + 1) != ':') return false;
      gap = 0;
      i += 2;
    }
    while (i < to) {
      if (n == 8) return false;
      int j = i;
      boolean dot = false;
      while (j < to && s.charAt(j) != ':') {
        if (s.charAt(j) == '.') dot = true;
        j++;
      }
      if (dot) {
        if (j != to || n > 6) return false;
        long v = parseV4(s, i, to);
        if (v < 0) return false;
        g[n++] = (int) (v >>> 16);
        g[n++] = (int) (v & 0xFFFF);
        i = to;
        break;
      }
      int len = j - i;
      if (len == 0 || len > 4) return false;
      int v = 0;
      for (int k = i; k < j; k++) {
        int d = hex(s.charAt(k));
        if (d < 0) return false;
        v = (v << 4) | d;
      }
      g[n++] = v;
      i = j;
      if (i < to) { // at ':'
        i++;
        if (i == to) return false; // a single trailing ':'
        if (s.charAt(i) == ':') {
          if (gap >= 0) return false; // a second "::"
          gap = n;
          i++;
        }
      }
    }
    int[] full = new int[8];
    if (gap < 0) {
      if (n != 8) return false;
      full = g;
    } else {
      if (n > 7) return false; // "::" stands for at least one zero group
      System.arraycopy(g, 0, full, 0, gap);
      System.arraycopy(g, gap, full, 8 - (n - gap), n - gap);
    }
    long hi = 0;
    long lo = 0;
    for (int k = 0; k < 4; k++) {
      hi = (hi << 16) | full[k];
      lo = (lo << 16) | full[4 + k];
    }
    out[0] = hi;
    out[1] = lo;
    return true;
  }
}
