package dev.hindsight.cli;

import dev.hindsight.score.ScoringConfig;
import dev.hindsight.score.geo.GeoIp;
import dev.hindsight.lake.RemoteFiles;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** --config and the GeoIP databases, shared by the commands that score. */
public class ScoringOptions {
  @Option(names = "--config", paramLabel = "URI",
      description = "Scoring configuration (JSON: windows, thresholds, weights, allow-lists, suppressions), a path,"
          + " file: or s3a:// URI; default: built-in")
  String config;

  @Option(names = "--geoip", paramLabel = "URI",
      description = "Country database, MaxMind format (e.g. GeoLite2-Country.mmdb), a path, file: or s3a:// URI;"
          + " default: bin/fetch-geoip's if present")
  String geoip;

  @Option(names = "--asn", paramLabel = "URI",
      description = "ASN database: MaxMind .mmdb (GeoLite2-ASN) or ip-location-db CSV, a path, file: or s3a:// URI"
          + " (several: comma-separated)")
  String asn;

  /** The command this mixin is part of: its SparkOptions' --conf reach s3a:// files. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--no-geoip", description = "Run without GeoIP (geo detectors are skipped and say so)")
  boolean noGeoip;

  /** The configuration, checked against the detectors (unknown detector or parameter names are refused). */
  ScoringConfig config() {
    ScoringConfig c = config == null ? ScoringConfig.defaults() : ScoringConfig.load(config, sparkConf());
    new dev.hindsight.score.Scorer(c, true);
    return c;
  }

  GeoIp geo() {
    if (noGeoip) {
      return GeoIp.none();
    }
    if (geoip != null || asn != null) {
      return GeoIp.open(local(geoip), asn == null ? null : java.util.Arrays.stream(asn.split(","))
          .map(String::strip).filter(s -> !s.isEmpty()).map(this::local).collect(Collectors.joining(",")));
    }
    return GeoIp.fromDefaultDir();
  }

  /** A local path for a database: itself, or its copy when it is remote (s3a://). */
  private String local(String uri) {
    return uri == null || uri.isBlank() ? uri : RemoteFiles.local(uri, sparkConf()).toString();
  }

  private Map<String, String> sparkConf() {
    if (mixee != null) {
      for (CommandSpec m : mixee.mixins().values()) {
        if (m.userObject() instanceof SparkOptions s) {
          return s.conf;
        }
      }
    }
    return Map.of();
  }
}
