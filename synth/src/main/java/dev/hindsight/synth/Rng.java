package dev.hindsight.synth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded randomness for the generator. Every stream is derived from the run seed plus a few names
 * ({@link #of}), so adding or reordering one stream never shifts the values of another. Never reads
 * the wall clock.
 */
final class Rng {
  private static final char[] B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final char[] ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] UHEX = "0123456789ABCDEF".toCharArray();
  private static final char[] B64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

  private final SplittableRandom r;

  Rng(long seed) {
    r = new SplittableRandom(seed);
  }

  /** A stream named by the seed and the parts (numbers are taken by value, anything else by its text). */
  static Rng of(long seed, Object... parts) {
    return new Rng(mix(seed, parts));
  }

  static long mix(long seed, Object... parts) {
    long h = stafford(seed ^ 0x9E3779B97F4A7C15L);
    for (Object p : parts) {
      long v = p instanceof Number n ? n.longValue() : fnv(String.valueOf(p));
      h = stafford(h ^ stafford(v + 0x632BE59BD9B4E019L));
    }
    return h;
  }

  /** SplitMix64 finaliser: a cheap, well-spread 64-bit hash of a long. */
  static long stafford(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long fnv(String s) {
    long h = 0xCBF29CE484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001B3L;
    }
    return h;
  }

  int nextInt(int bound) {
    return r.nextInt(bound);
  }

  /** Uniform in [lo, hi] inclusive. */
  int between(int lo, int hi) {
    return lo + r.nextInt(hi - lo + 1);
  }

  long nextLong() {
    return r.nextLong();
  }

  double nextDouble() {
    return r.nextDouble();
  }

  boolean chance(double p) {
    return r.nextDouble() < p;
  }

  double gaussian() {
    // Box-Muller, written out so the values never depend on a JDK's default algorithm.
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /** A count with the given mean: Poisson for small means, a rounded normal above 40. */
  int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 40) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
    }
    double l = Math.exp(-mean);
    double p = 1.0;
    int k = 0;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }

  <T> T pick(List<T> items) {
    return items.get(r.nextInt(items.size()));
  }

  <T> T pick(T[] items) {
    return items[r.nextInt(items.length)];
  }

  /** Index into a cumulative weight table (last entry = total). */
  int weighted(double[] cumulative) {
    double x = r.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  String base32(int n) {
    return chars(B32, n);
  }

  String alnum(int n) {
    return chars(ALNUM, n);
  }

  String hex(int n) {
    return chars(HEX, n);
  }

  String upperHex(int n) {
    return chars(UHEX, n);
  }

  String base64(int n) {
    return chars(B64, n);
  }

  private String chars(char[] alphabet, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = alphabet[r.nextInt(alphabet.length)];
    }
    return new String(c);
  }

  /** A random (version 4) UUID drawn from this stream. */
  String uuid() {
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    char[] c = new char[36];
    int p = 0;
    for (int i = 15; i >= 0; i--) {
      c[p++] = HEX[(int) (hi >>> (i * 4)) & 0xF];
      if (p == 8 || p == 13) {
        c[p++] = '-';
      }
    }
    c[p++] = '-';
    for (int i = 15; i >= 0; i--) {
      c[p++] = HEX[(int) (lo >>> (i * 4)) & 0xF];
      if (p == 23) {
        c[p++] = '-';
      }
    }
    return new String(c);
  }

  /** A host address inside an IPv4 CIDR block, never its first or last address. */
  String ipIn(String cidr) {
    int slash = cidr.indexOf('/');
    String[] o = cidr.substring(0, slash).split("\\.");
    int bits = Integer.parseInt(cidr.substring(slash + 1));
    long base = (Long.parseLong(o[0]) << 24) | (Long.parseLong(o[1]) << 16)
        | (Long.parseLong(o[2]) << 8) | Long.parseLong(o[3]);
    long size = 1L << (32 - bits);
    base &= ~(size - 1);
    long a;
    do {
      long host = size <= 2 ? 0 : 1 + (long) (r.nextDouble() * (size - 2));
      a = base + host;
    } while (size > 256 && ((a & 0xFF) == 0 || (a & 0xFF) == 255));
    return ((a >>> 24) & 0xFF) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
  }
}
