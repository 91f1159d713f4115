package dev.hindsight.score.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.hindsight.error.UsageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GeoIp against the free databases that bin/fetch-geoip puts in GeoIp.defaultDir() ($HINDSIGHT_GEOIP_DIR or
 * ~/.cache/hindsight/geoip): CI runs the script before the tests. The CSV and parser tests use files they write.
 */
class GeoIpTest {
  private static GeoIp geo;

  @BeforeAll
  static void openDatabases() {
    Path dir = GeoIp.defaultDir();
    if (!Files.isRegularFile(dir.resolve("country.mmdb")) || !Files.isRegularFile(dir.resolve("asn-ipv4.csv"))
        || !Files.isRegularFile(dir.resolve("asn-ipv6.csv"))) {
      fail("The GeoIP test databases are missing in " + dir + " (country.mmdb, asn-ipv4.csv, asn-ipv6.csv): "
          + "run bin/fetch-geoip first (or set " + GeoIp.DIR_ENV + " to the folder it filled)");
    }
    geo = GeoIp.fromDefaultDir();
  }

  @Test
  void fromDefaultDirOpensTheFetchedFiles() {
    assertThat(geo.available()).isTrue();
    assertThat(geo.countryDb()).endsWith("country.mmdb");
    assertThat(geo.asnDbs()).hasSize(2);
    assertThat(geo.asnDbs().get(0)).endsWith("asn-ipv4.csv");
    assertThat(geo.asnDbs().get(1)).endsWith("asn-ipv6.csv");
    assertThat(geo.describe()).contains("country.mmdb").contains("IPv4").contains("IPv6 ranges");
  }

  @Test
  void knownIpv4Addresses() {
    assertThat(geo.lookup("8.8.8.8")).isEqualTo(new GeoInfo("US", "AS15169", "Google LLC"));
    assertThat(geo.lookup("1.1.1.1").asn()).isEqualTo("AS13335");
    assertThat(geo.lookup("1.1.1.1").asnOrg()).startsWith("Cloudflare");
    // AWS: us-east-1 EC2 (AS14618) and Amazon's backbone (AS16509).
    assertThat(geo.lookup("3.80.10.20")).extracting(GeoInfo::country, GeoInfo::asn).containsExactly("US", "AS14618");
    assertThat(geo.lookup("52.94.0.1").asn()).isEqualTo("AS16509");
    assertThat(geo.lookup("52.208.1.2")).extracting(GeoInfo::country, GeoInfo::asn).containsExactly("IE", "AS16509");
    // Europe: RIPE NCC in Amsterdam, Deutsche Telekom, British Telecom.
    assertThat(geo.lookup("193.0.6.139")).extracting(GeoInfo::country, GeoInfo::asn).containsExactly("NL", "AS3333");
    assertThat(geo.lookup("80.156.1.1")).extracting(GeoInfo::country, GeoInfo::asn).containsExactly("DE", "AS3320");
    assertThat(geo.lookup("81.134.203.1")).extracting(GeoInfo::country, GeoInfo::asn).containsExactly("GB", "AS2856");
  }

  @Test
  void knownIpv6Addresses() {
    assertThat(geo.lookup("2001:4860:4860::8888")).isEqualTo(new GeoInfo("US", "AS15169", "Google LLC"));
    assertThat(geo.lookup("2606:4700:4700::1111").asn()).isEqualTo("AS13335");
    assertThat(geo.lookup("2001:4860:4860:0:0:0:0:8888")).isEqualTo(geo.lookup("2001:4860:4860::8888"));
    assertThat(geo.lookup("[2001:4860:4860::8888]")).isEqualTo(geo.lookup("2001:4860:4860::8888"));
    // IPv6 forms that carry an IPv4 address answer for that address.
    assertThat(geo.lookup("::ffff:8.8.8.8")).isEqualTo(geo.lookup("8.8.8.8"));
    assertThat(geo.lookup("64:ff9b::8.8.8.8")).isEqualTo(geo.lookup("8.8.8.8"));
    assertThat(geo.lookup("2002:0808:0808::1")).isEqualTo(geo.lookup("8.8.8.8"));
  }

  @Test
  void nonAddressesAreNull() {
    for (String s : new String[] {null, "", "   ", "ec2.amazonaws.com", "AWS Internal", "localhost", "8.8.8",
        "8.8.8.8.8", "256.1.1.1", "08.8.8.8", "8.8.8.8/32", "8.8.8.8:443", "1:2:3:4:5:6:7:8:9", "1::2::3",
        "2001:4860:4860::88888", ":::", "::g", "\u0668.8.8.8", "2001:db8::1%", "[8.8.8.8"}) {
      assertThat(GeoIp.isIpAddress(s)).as("isIpAddress(%s)", s).isFalse();
      assertThat(geo.lookup(s)).as("lookup(%s)", s).isNull();
    }
    assertThat(GeoIp.isIpAddress(" 8.8.8.8 ")).isTrue();
    assertThat(geo.lookup(" 8.8.8.8\n")).isEqualTo(geo.lookup("8.8.8.8"));
  }

  @Test
  void privateAndReservedAddressesAreNull() {
    for (String s : new String[] {"10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1", "127.0.0.1",
        "100.64.0.1", "169.254.169.254", "0.0.0.0", "192.0.2.10", "198.51.100.7", "203.0.113.9", "198.18.0.1",
        "224.0.0.1", "255.255.255.255", "240.0.0.1", "::", "::1", "fe80::1", "fe80::1%eth0", "fc00::1",
        "fd12:3456:789a::1", "ff02::1", "2001:db8::1", "3fff::1", "::ffff:10.0.0.1", "::ffff:192.168.0.1"}) {
      assertThat(GeoIp.isIpAddress(s)).as("isIpAddress(%s)", s).isTrue();
      assertThat(GeoIp.isPublicAddress(s)).as("isPublicAddress(%s)", s).isFalse();
      assertThat(geo.lookup(s)).as("lookup(%s)", s).isNull();
    }
    for (String s : new String[] {"172.15.255.255", "172.32.0.1", "100.128.0.1", "11.0.0.1", "8.8.8.8",
        "2a00:1450::1"}) {
      assertThat(GeoIp.isPublicAddress(s)).as("isPublicAddress(%s)", s).isTrue();
    }
  }

  @Test
  void missingFilesFailWithTheFix(@TempDir Path tmp) {
    String missing = tmp.resolve("GeoLite2-Country.mmdb").toString();
    assertThatThrownBy(() -> GeoIp.open(missing, null))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("Cannot open GeoIP database " + missing + ": no such file")
        .hasMessageContaining("--geoip")
        .hasMessageContaining("bin/fetch-geoip");
    String missingAsn = tmp.resolve("GeoLite2-ASN.mmdb").toString();
    assertThatThrownBy(() -> GeoIp.open(null, missingAsn))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("Cannot open GeoIP database " + missingAsn + ": no such file")
        .hasMessageContaining("--asn");
  }

  @Test
  void aCsvIsNoCountryDatabase() {
    String csv = GeoIp.defaultDir().resolve("asn-ipv4.csv").toString();
    assertThatThrownBy(() -> GeoIp.open(csv, null))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("Cannot open GeoIP database " + csv + ": not a MaxMind DB");
  }

  @Test
  void garbageIsNoAsnDatabase(@TempDir Path tmp) throws Exception {
    Path junk = tmp.resolve("junk.csv");
    Files.writeString(junk, "hello,world\nthis is,not,an,asn file\n");
    assertThatThrownBy(() -> GeoIp.open(null, junk.toString()))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("Cannot open GeoIP database " + junk + ": not an IP-to-ASN CSV");
  }

  @Test
  void noneKnowsNothing() {
    GeoIp none = GeoIp.none();
    assertThat(none.available()).isFalse();
    assertThat(none.lookup("8.8.8.8")).isNull();
    assertThat(none.describe()).isEqualTo("no GeoIP databases");
    assertThat(GeoIp.open(null, " ").available()).isFalse();
    none.close();
    assertThat(none.lookup("8.8.8.8")).isNull();
  }

  @Test
  void javaSerializationKeepsOnlyPathsAndReopens() throws Exception {
    GeoIp copy = roundTrip(geo);
    assertThat(copy).isNotSameAs(geo);
    assertThat(copy.countryDb()).isEqualTo(geo.countryDb());
    assertThat(copy.asnDbs()).isEqualTo(geo.asnDbs());
    GeoIp.clearCache(); // as in a fresh executor JVM
    assertThat(copy.lookup("8.8.8.8")).isEqualTo(new GeoInfo("US", "AS15169", "Google LLC"));
    assertThat(copy.lookup("2001:4860:4860::8888").asn()).isEqualTo("AS15169");
    assertThat(roundTrip(GeoIp.none())).isSameAs(GeoIp.none());

    byte[] bytes = serialize(geo);
    assertThat(bytes.length).as("serialized size").isLessThan(2_000);
  }

  @Test
  void closeEndsOnlyThatInstance() {
    GeoIp other = GeoIp.fromDefaultDir();
    other.close();
    assertThatThrownBy(() -> other.lookup("8.8.8.8")).isInstanceOf(IllegalStateException.class);
    assertThat(geo.lookup("8.8.8.8")).isNotNull();
  }

  @Test
  void loadsAndAnswersManyLookups() {
    GeoIp.clearCache();
    long t0 = System.nanoTime();
    GeoIp fresh = GeoIp.fromDefaultDir();
    long t1 = System.nanoTime();
    Random r = new Random(7);
    int found = 0;
    int withCountry = 0;
    int withAsn = 0;
    for (int i = 0; i < 100_000; i++) {
      String ip = i % 5 == 0
          ? String.format("2%03x:%x:%x::%x", r.nextInt(0x400), r.nextInt(0x10000), r.nextInt(0x10000), r.nextInt(0x10000))
          : (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
      GeoInfo g = fresh.lookup(ip);
      if (g != null) {
        found++;
        if (g.country() != null) withCountry++;
        if (g.asn() != null) withAsn++;
      }
    }
    long t2 = System.nanoTime();
    System.out.printf("GeoIp: opened in %d ms; 100000 lookups in %d ms (%d known, %d with country, %d with ASN)%n",
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, found, withCountry, withAsn);
    assertThat(found).isGreaterThan(50_000);
    assertThat(withCountry).isGreaterThan(50_000);
    assertThat(withAsn).isGreaterThan(50_000);
  }

  @Test
  void lookupsAreThreadSafe() throws Exception {
    List<String> ips = new ArrayList<>();
    Random r = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      ips.add(r.nextInt(224) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256));
    }
    List<GeoInfo> expected = new ArrayList<>();
    for (String ip : ips) expected.add(geo.lookup(ip));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<GeoInfo>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> {
          List<GeoInfo> out = new ArrayList<>();
          for (String ip : ips) out.add(geo.lookup(ip));
          return out;
        }));
      }
      for (Future<List<GeoInfo>> f : runs) assertThat(f.get()).isEqualTo(expected);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // ASN CSV variants (files written here; no downloaded database needed)

  @Test
  void readsTheCsvShapes(@TempDir Path tmp) throws Exception {
    Path v4 = tmp.resolve("my-asn-ipv4.csv");
    Files.writeString(v4, String.join("\n",
        "ip_range_start,ip_range_end,autonomous_system_number,autonomous_system_organization",
        "1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"",
        "2.26.200.0,2.26.215.255,201907,\"LLC \"\"SPUTNIK\"\"\"",
        "5.0.0.0/24,AS64500,CIDR Org",
        "100663296,100663551,64501,Numeric Org", // 6.0.0.0-6.0.0.255
        "7.0.0.0,7.0.0.255,0,Not routed",
        "# a comment",
        ""));
    Files.writeString(tmp.resolve("my-asn-ipv6.csv"), "2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,15169,"
        + "Google LLC\n2600:1f00::/24,16509,Amazon\n");
    GeoIp g = GeoIp.open(null, v4.toString());
    assertThat(g.asnDbs()).hasSize(2); // the ipv6 sibling came along
    assertThat(g.lookup("1.0.0.1")).isEqualTo(new GeoInfo(null, "AS13335", "Cloudflare, Inc."));
    assertThat(g.lookup("2.26.201.1").asnOrg()).isEqualTo("LLC \"SPUTNIK\"");
    assertThat(g.lookup("5.0.0.200")).isEqualTo(new GeoInfo(null, "AS64500", "CIDR Org"));
    assertThat(g.lookup("5.0.1.0")).isNull();
    assertThat(g.lookup("6.0.0.255").asn()).isEqualTo("AS64501");
    assertThat(g.lookup("7.0.0.1")).isNull();
    assertThat(g.lookup("0.255.255.255")).isNull();
    assertThat(g.lookup("223.255.255.255")).isNull();
    assertThat(g.lookup("2001:4860:1::1").asn()).isEqualTo("AS15169");
    assertThat(g.lookup("2600:1fff:ffff::1").asn()).isEqualTo("AS16509");
    assertThat(g.lookup("2600:2000::1")).isNull();
  }

  @Test
  void readsGzipAndNumericIpv6(@TempDir Path tmp) throws Exception {
    Path gz = tmp.resolve("asn.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(("42541956101370907050197289607612071936,42541956180599069564461627201156022271,15169,Google\n"
          + "8.8.8.0,8.8.8.255,15169,Google\n").getBytes(StandardCharsets.UTF_8));
    }
    GeoIp g = GeoIp.open(null, gz.toString());
    assertThat(g.lookup("2001:4860::1").asn()).isEqualTo("AS15169"); // 2001:4860::/32 as numbers
    assertThat(g.lookup("8.8.8.8").asn()).isEqualTo("AS15169");
  }

  @Test
  void overlappingRangesLetTheMoreSpecificWin(@TempDir Path tmp) throws Exception {
    Path csv = tmp.resolve("overlap.csv");
    Files.writeString(csv, String.join("\n",
        "10.0.0.0,10.255.255.255,1,Outer", // not public, but the table does not care
        "20.0.0.0,20.0.255.255,1,Outer",
        "20.0.16.0,20.0.31.255,2,Inner",
        "20.0.20.0,20.0.20.255,3,Innermost",
        "20.0.200.0,20.1.0.255,4,Straddles", // starts inside Outer, ends after it
        "30.0.0.0,30.0.0.255,5,Same start short",
        "30.0.0.0,30.0.1.255,6,Same start long",
        "19.255.255.0,19.255.255.255,7,Before",
        ""));
    GeoIp g = GeoIp.open(null, csv.toString());
    assertThat(g.lookup("20.0.0.1").asn()).isEqualTo("AS1");
    assertThat(g.lookup("20.0.16.1").asn()).isEqualTo("AS2");
    assertThat(g.lookup("20.0.20.7").asn()).isEqualTo("AS3");
    assertThat(g.lookup("20.0.21.0").asn()).isEqualTo("AS2");
    assertThat(g.lookup("20.0.32.0").asn()).isEqualTo("AS1");
    assertThat(g.lookup("20.0.199.255").asn()).isEqualTo("AS1");
    assertThat(g.lookup("20.0.200.0").asn()).isEqualTo("AS4");
    assertThat(g.lookup("20.1.0.255").asn()).isEqualTo("AS4");
    assertThat(g.lookup("20.1.1.0")).isNull();
    assertThat(g.lookup("30.0.0.1").asn()).isEqualTo("AS5");
    assertThat(g.lookup("30.0.1.1").asn()).isEqualTo("AS6");
    assertThat(g.lookup("19.255.255.255").asn()).isEqualTo("AS7");
  }

  @Test
  void countryAndAsnFieldsOfMaxMindRecords() {
    // GeoLite2-Country / City
    assertThat(Mmdb.country(Map.of("country", Map.of("iso_code", "DE", "geoname_id", 2921044L)))).isEqualTo("DE");
    assertThat(Mmdb.country(Map.of("registered_country", Map.of("iso_code", "us")))).isEqualTo("US");
    // ip-location-db, IPinfo
    assertThat(Mmdb.country(Map.of("country_code", "SG", "country", "Singapore"))).isEqualTo("SG");
    assertThat(Mmdb.country(Map.of("country", "Singapore"))).isNull();
    assertThat(Mmdb.country(Map.of())).isNull();
    // GeoLite2-ASN, IPinfo
    assertThat(Mmdb.asn(Map.of("autonomous_system_number", 16509L, "autonomous_system_organization", "AMAZON-02")))
        .isEqualTo(new AsnRanges.Asn("AS16509", "AMAZON-02"));
    assertThat(Mmdb.asn(Map.of("asn", "AS13335", "as_name", "Cloudflare, Inc.")))
        .isEqualTo(new AsnRanges.Asn("AS13335", "Cloudflare, Inc."));
    assertThat(Mmdb.asn(Map.of("country_code", "US"))).isNull();
  }

  @Test
  void ipv6Parsing() {
    long[] out = new long[2];
    assertThat(IpAddress.parseV6("1:2:3:4:5:6:7:8", 0, 15, out)).isTrue();
    assertThat(out).containsExactly(0x0001_0002_0003_0004L, 0x0005_0006_0007_0008L);
    assertThat(IpAddress.parseV6("1::", 0, 3, out)).isTrue();
    assertThat(out).containsExactly(0x0001_0000_0000_0000L, 0L);
    assertThat(IpAddress.parseV6("::1.2.3.4", 0, 9, out)).isTrue();
    assertThat(out).containsExactly(0L, 0x0102_0304L);
    assertThat(IpAddress.parseV6("1:2:3:4:5:6:7::", 0, 15, out)).isTrue();
    assertThat(out).containsExactly(0x0001_0002_0003_0004L, 0x0005_0006_0007_0000L);
    for (String bad : new String[] {"1:2:3:4:5:6:7:8:", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "1::2:3:4:5:6:7:8",
        "12345::", "1:2:3:4:5:6:1.2.3.4:8", "1:2:3:4:5:6:7:1.2.3.4", ":", "1:"}) {
      assertThat(IpAddress.parseV6(bad, 0, bad.length(), out)).as(bad).isFalse();
    }
  }

  private static GeoIp roundTrip(GeoIp g) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialize(g)))) {
      return (GeoIp) in.readObject();
    }
  }

  private static byte[] serialize(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }
}
