package dev.hindsight.cli;

import dev.hindsight.score.ScoringConfig;
import dev.hindsight.score.geo.GeoIp;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --config and the GeoIP databases, shared by the commands that score. */
public class ScoringOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Scoring configuration (JSON: windows, thresholds, weights, allow-lists, suppressions); default: built-in")
  Path config;

  @Option(names = "--geoip", paramLabel = "FILE.mmdb",
      description = "Country database, MaxMind format (e.g. GeoLite2-Country.mmdb); default: bin/fetch-geoip's if present")
  String geoip;

  @Option(names = "--asn", paramLabel = "FILE", description = "ASN database: MaxMind .mmdb (GeoLite2-ASN) or ip-location-db CSV")
  String asn;

  @Option(names = "--no-geoip", description = "Run without GeoIP (geo detectors are skipped and say so)")
  boolean noGeoip;

  /** The configuration, checked against the detectors (unknown detector or parameter names are refused). */
  ScoringConfig config() {
    ScoringConfig c = config == null ? ScoringConfig.defaults() : ScoringConfig.load(config);
    new dev.hindsight.score.Scorer(c, true);
    return c;
  }

  GeoIp geo() {
    if (noGeoip) {
      return GeoIp.none();
    }
    if (geoip != null || asn != null) {
      return GeoIp.open(geoip, asn);
    }
    return GeoIp.fromDefaultDir();
  }
}
