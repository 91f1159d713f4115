package dev.hindsight.score.geo;

import dev.hindsight.error.UsageException;
import dev.hindsight.error.Errors;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Country and autonomous system of source IP addresses, from databases the user supplies:
 *
 * <ul>
 *   <li>country: a MaxMind DB file (GeoLite2-Country.mmdb, GeoLite2-City.mmdb, or the ip-location-db
 *       country.mmdb that {@code bin/fetch-geoip} fetches);
 *   <li>ASN: a MaxMind DB (GeoLite2-ASN.mmdb) or an IP-range CSV (the ip-location-db asn-ipv4.csv /
 *       asn-ipv6.csv; see {@link AsnRanges} for the accepted rows). Several ASN files may be given, separated by
 *       commas; a CSV whose name contains "ipv4" brings its "ipv6" sibling along when that exists.
 * </ul>
 *
 * <p>{@link #lookup} returns null when nothing is known: no database, not an IP literal (CloudTrail's
 * "ec2.amazonaws.com", "AWS Internal"), not a public address (private, CGNAT, loopback, link-local,
 * documentation, multicast, reserved: see {@link #isPublicAddress}), or no entry in any database. Otherwise the
 * {@link GeoInfo} has at least one field set.
 *
 * <p>Serializable for Spark: only the file paths travel. The first lookup in a JVM opens the files there (the
 * same absolute paths must exist on every executor) and all instances of the JVM share them, so tasks never
 * read a file twice. Lookups are thread-safe and allocation-light (tens of thousands per second per core are
 * nothing). {@link #close} only ends this instance; the shared databases live as long as the JVM.
 */
public final class GeoIp implements Serializable, AutoCloseable {
  private static final long serialVersionUID = 1L;

  /** The variable that moves the fetch script's folder (and {@link #defaultDir}). */
  public static final String DIR_ENV = "HINDSIGHT_GEOIP_DIR";

  private static final GeoIp NONE = new GeoIp(null, List.of());

  /** Opened databases of this JVM by file (path, size and modification time, so a replaced file re-opens). */
  private static final Map<String, Once> OPEN = new ConcurrentHashMap<>();

  private final String countryDb;
  private final ArrayList<String> asnDbs;

  private transient volatile Databases dbs;
  private transient volatile boolean closed;

  private GeoIp(String countryDb, List<String> asnDbs) {
    this.countryDb = countryDb;
    this.asnDbs = new ArrayList<>(asnDbs);
  }

  /** No databases: {@link #available()} is false and every lookup returns null. */
  public static GeoIp none() {
    return NONE;
  }

  /**
   * Opens the databases now (in this JVM) so that a wrong path fails here, on the driver.
   *
   * @param countryDb a MaxMind DB file with countries, or null/blank for none
   * @param asnDb a MaxMind DB or CSV file with ASNs (several separated by commas), or null/blank for none
   * @throws IllegalArgumentException "Cannot open GeoIP database X: ..." when a file is missing or unreadable
   */
  public static GeoIp open(String countryDb, String asnDb) {
    String country = countryDb == null || countryDb.isBlank() ? null : absolute(countryDb.strip());
    List<String> asn = new ArrayList<>();
    if (asnDb != null) {
      for (String part : asnDb.split(",")) {
        if (part.isBlank()) continue;
        String p = absolute(part.strip());
        if (!asn.contains(p)) asn.add(p);
        String sibling = ipv6Sibling(p);
        if (sibling != null && !asn.contains(sibling)) asn.add(sibling);
      }
    }
    if (country == null && asn.isEmpty()) return none();
    GeoIp g = new GeoIp(country, asn);
    g.dbs = Databases.open(country, asn);
    return g;
  }

  /**
   * The folder {@code bin/fetch-geoip} fills: $HINDSIGHT_GEOIP_DIR, else $HOME/.cache/hindsight/geoip (the JVM's
   * user.home when HOME is not set).
   */
  public static Path defaultDir() {
    String dir = System.getenv(DIR_ENV);
    if (dir != null && !dir.isBlank()) return Paths.get(dir.strip());
    String home = System.getenv("HOME");
    if (home == null || home.isBlank()) home = System.getProperty("user.home");
    return Paths.get(home, ".cache", "hindsight", "geoip");
  }

  /**
   * The databases in {@link #defaultDir()} (country.mmdb, asn-ipv4.csv, asn-ipv6.csv) that exist, or
   * {@link #none()} when there are none.
   */
  public static GeoIp fromDefaultDir() {
    Path dir = defaultDir();
    Path country = dir.resolve("country.mmdb");
    Path v4 = dir.resolve("asn-ipv4.csv");
    Path v6 = dir.resolve("asn-ipv6.csv");
    List<String> asn = new ArrayList<>();
    if (Files.isRegularFile(v4)) asn.add(v4.toString());
    if (Files.isRegularFile(v6)) asn.add(v6.toString());
    return open(Files.isRegularFile(country) ? country.toString() : null, String.join(",", asn));
  }

  /** Whether any database is configured (a false instance answers every lookup with null). */
  public boolean available() {
    return countryDb != null || !asnDbs.isEmpty();
  }

  /** The country database's absolute path, or null. */
  public String countryDb() {
    return countryDb;
  }

  /** The ASN databases' absolute paths, in lookup order (the first that knows an address wins). */
  public List<String> asnDbs() {
    return List.copyOf(asnDbs);
  }

  /** Whether the string is an IPv4 or IPv6 literal (parsed by hand: host names are never resolved). */
  public static boolean isIpAddress(String s) {
    return IpAddress.parse(s) != null;
  }

  /**
   * Whether the string is a publicly routable unicast address: an IP literal outside the private (10/8,
   * 172.16/12, 192.168/16, fc00::/7), shared CGNAT (100.64/10), loopback, link-local, documentation,
   * benchmarking, multicast and reserved blocks; IPv6 must lie in 2000::/3. IPv4-mapped, NAT64 and 6to4 IPv6
   * addresses are judged by the IPv4 address they carry.
   */
  public static boolean isPublicAddress(String s) {
    IpAddress a = IpAddress.parse(s);
    return a != null && a.isPublic();
  }

  /**
   * Country and ASN of one address, or null when nothing is known (see the class comment). Thread-safe.
   *
   * @throws IllegalStateException after {@link #close}, or when the files cannot be opened in this JVM
   */
  public GeoInfo lookup(String ip) {
    if (closed) throw new IllegalStateException("This GeoIp was closed");
    if (!available() || ip == null) return null;
    IpAddress a = IpAddress.parse(ip);
    if (a == null || !a.isPublic()) return null;
    Databases d = databases();
    String country = null;
    AsnRanges.Asn asn = null;
    if (d.country != null) {
      Map<String, Object> rec = d.country.get(a);
      country = Mmdb.country(rec);
      if (d.asn.isEmpty()) asn = Mmdb.asn(rec); // a combined country+ASN file (IPinfo)
    }
    for (Object src : d.asn) {
      asn = src instanceof AsnRanges r ? r.lookup(a) : Mmdb.asn(((Mmdb) src).get(a));
      if (asn != null) break;
    }
    if (country == null && asn == null) return null;
    return asn == null ? new GeoInfo(country, null, null) : new GeoInfo(country, asn.asn(), asn.org());
  }

  /**
   * What is open, for logs and run records: each file with its type and build date or row counts.
   * Opens the databases if this JVM has not yet.
   */
  public String describe() {
    if (!available()) return "no GeoIP databases";
    Databases d = databases();
    StringBuilder b = new StringBuilder();
    b.append("country: ").append(d.country == null ? "none" : d.country.toString());
    b.append("; asn: ");
    if (d.asn.isEmpty()) b.append("none");
    for (int i = 0; i < d.asn.size(); i++) b.append(i == 0 ? "" : ", ").append(d.asn.get(i));
    return b.toString();
  }

  /** Ends this instance (later lookups throw). The databases stay open for the JVM's other instances. */
  @Override
  public void close() {
    if (this == NONE) return;
    closed = true;
    dbs = null;
  }

  @Override
  public String toString() {
    return available() ? "GeoIp[country=" + countryDb + ", asn=" + asnDbs + "]" : "GeoIp[none]";
  }

  private Object readResolve() {
    return available() ? this : NONE;
  }

  private Databases databases() {
    Databases d = dbs;
    if (d == null) {
      try {
        d = Databases.open(countryDb, asnDbs);
      } catch (UsageException e) {
        throw new IllegalStateException(e.getMessage() + " (GeoIp opens its files in every JVM that looks "
            + "addresses up: on a cluster, each executor needs them at the same local path)", e);
      }
      dbs = d;
    }
    return d;
  }

  /** Forgets the databases this JVM opened (instances that hold them keep them). For tests. */
  static void clearCache() {
    OPEN.clear();
  }

  private static String absolute(String path) {
    return Paths.get(path).toAbsolutePath().normalize().toString();
  }

  /** For ".../asn-ipv4.csv" the existing ".../asn-ipv6.csv" (also .csv.gz and -num files), else null. */
  private static String ipv6Sibling(String path) {
    Path p = Paths.get(path);
    String name = p.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    int at = lower.lastIndexOf("ipv4");
    if (at < 0 || !(lower.endsWith(".csv") || lower.endsWith(".csv.gz"))) return null;
    String sibling = name.substring(0, at) + (name.startsWith("IPV4", at) ? "IPV6" : name.startsWith("IPv4", at)
        ? "IPv6" : "ipv6") + name.substring(at + 4);
    Path s = p.resolveSibling(sibling);
    return Files.isRegularFile(s) ? s.toString() : null;
  }

  /** The opened files of one GeoIp: a country Mmdb or null, and ASN sources (AsnRanges or Mmdb). */
  private record Databases(Mmdb country, List<Object> asn) {
    static Databases open(String countryDb, List<String> asnDbs) {
      Mmdb country = countryDb == null ? null : (Mmdb) shared(countryDb, true);
      List<Object> asn = new ArrayList<>();
      for (String p : asnDbs) asn.add(shared(p, false));
      return new Databases(country, List.copyOf(asn));
    }
  }

  /** The JVM-wide opened database for a file, opened on first use (once, even with many threads asking). */
  private static Object shared(String path, boolean countryRole) {
    Path file = Paths.get(path);
    if (!Files.isRegularFile(file)) {
      throw cannotOpen(path, countryRole, Files.exists(file) ? "not a regular file" : "no such file");
    }
    String key;
    try {
      key = path + '|' + Files.size(file) + '|' + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw cannotOpen(path, countryRole, e.toString());
    }
    Once once = OPEN.computeIfAbsent(key, k -> new Once());
    Object db = once.get(file, countryRole);
    if (countryRole && !(db instanceof Mmdb)) {
      throw cannotOpen(path, true, "not a MaxMind DB (.mmdb) file; the country database must be one");
    }
    return db;
  }

  private static UsageException cannotOpen(String path, boolean countryRole, String why) {
    String fix = countryRole
        ? "pass a MaxMind country database such as GeoLite2-Country.mmdb (--geoip FILE)"
        : "pass a MaxMind ASN database such as GeoLite2-ASN.mmdb or an ip-location-db asn CSV (--asn FILE)";
    return Errors.usage("Cannot open GeoIP database " + path + ": " + why + ". Check the path, "
        + fix + ", or run bin/fetch-geoip to download free databases into " + defaultDir() + ".");
  }

  /** Opens one file once per JVM: a MaxMind DB when it looks like one (or is named .mmdb), else an ASN CSV. */
  private static final class Once {
    private Object db;

    synchronized Object get(Path file, boolean countryRole) {
      if (db == null) {
        String path = file.toString();
        try {
          boolean mmdb = path.toLowerCase(Locale.ROOT).endsWith(".mmdb") || Mmdb.looksLikeMmdb(file);
          if (mmdb) {
            db = Mmdb.open(file);
          } else if (countryRole) {
            return "not mmdb"; // reported by the caller; nothing is kept
          } else {
            db = AsnRanges.load(file);
          }
        } catch (IOException | RuntimeException e) {
          throw cannotOpen(path, countryRole, e.getMessage() == null ? e.toString() : e.getMessage());
        }
      }
      return db;
    }
  }
}
