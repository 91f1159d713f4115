package dev.hindsight.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.TestSpark;
import dev.hindsight.cli.CliRunner;
import dev.hindsight.ingest.LogFixtures;
import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads CloudTrail from s3a:// and writes every Delta table to s3a://, against a real S3 API server (S3Proxy
 * with a filesystem backend) on loopback, through the CLI as a user would run it.
 */
class S3RoundTripTest {
  static final String BUCKET = "hindsight-it";
  static S3Proxy proxy;
  static BlobStoreContext blobs;
  static SparkSession spark;

  @BeforeAll
  static void startS3(@TempDir Path store) throws Exception {
    Properties props = new Properties();
    props.setProperty("jclouds.filesystem.basedir", store.toString());
    blobs = ContextBuilder.newBuilder("filesystem").overrides(props).build(BlobStoreContext.class);
    blobs.getBlobStore().createContainerInLocation(null, BUCKET);
    proxy = S3Proxy.builder()
        .blobStore(blobs.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test-access", "test-secret")
        .build();
    proxy.start();
    for (int i = 0; i < 200 && !proxy.getState().equals("STARTED"); i++) {
      Thread.sleep(50);
    }
    assertThat(proxy.getState()).isEqualTo("STARTED");
    spark = TestSpark.get();
    Configuration c = spark.sparkContext().hadoopConfiguration();
    String p = "fs.s3a.bucket." + BUCKET + ".";
    c.set(p + "endpoint", "http://127.0.0.1:" + proxy.getPort());
    c.set(p + "endpoint.region", "us-east-1");
    c.set(p + "path.style.access", "true");
    c.set(p + "connection.ssl.enabled", "false");
    c.set(p + "access.key", "test-access");
    c.set(p + "secret.key", "test-secret");
    c.set(p + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    c.set(p + "change.detection.version.required", "false");
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (proxy != null) {
      proxy.stop();
    }
    if (blobs != null) {
      blobs.close();
    }
  }

  @Test
  void ingestsFromS3IntoALakeOnS3AndQueriesIt(@TempDir Path tmp) throws Exception {
    Path local = LogFixtures.smallTree(tmp.resolve("logs"));
    FileSystem fs = FileSystem.get(URI.create("s3a://" + BUCKET + "/"), spark.sparkContext().hadoopConfiguration());
    // Written through output streams (single PUTs), the way the jobs write.
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(local)) {
      for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        try (java.io.OutputStream out = fs.create(new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/raw/"
            + local.relativize(f).toString().replace('\\', '/')))) {
          java.nio.file.Files.copy(f, out);
        }
      }
    }
    String input = "s3a://" + BUCKET + "/raw/AWSLogs";
    String lake = "s3a://" + BUCKET + "/lake";

    CliRunner.Result day = CliRunner.run("ingest", "--lake", lake, "--source", "cloudtrail", "--input", input,
        "--from", "2026-01-07", "--to", "2026-01-07");
    assertThat(day.code()).as(day.err()).isZero();
    assertThat(day.out()).contains("events_written          2");

    CliRunner.Result all = CliRunner.run("ingest", "--lake", lake, "--source", "cloudtrail", "--input", input);
    assertThat(all.code()).as(all.err()).isZero();
    assertThat(all.out()).contains("files_already_ingested  1").contains("events_written          5");

    CliRunner.Result q = CliRunner.run("sql", "--lake", lake, "--format", "csv",
        "SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM events");
    assertThat(q.code()).as(q.err()).isZero();
    assertThat(q.out()).isEqualTo("n,ids\n7,7\n");
    assertThat(fs.exists(new org.apache.hadoop.fs.Path(lake + "/events/_delta_log"))).isTrue();
    assertThat(fs.exists(new org.apache.hadoop.fs.Path(lake + "/runs/_delta_log"))).isTrue();

    CliRunner.Result runs = CliRunner.run("sql", "--lake", lake, "--format", "csv",
        "SELECT status, input_files FROM runs ORDER BY started_at");
    assertThat(runs.out()).isEqualTo("status,input_files\nsucceeded,1\nsucceeded,3\n");
  }

  /**
   * On a cluster the driver's files are not where the jobs run: the scoring configuration, the GeoIP database and
   * a proxy mapping are read from s3a:// like the lake and the logs.
   */
  @Test
  void configGeoIpAndProxyMappingAreReadFromS3(@TempDir Path tmp) throws Exception {
    FileSystem fs = FileSystem.get(URI.create("s3a://" + BUCKET + "/"), spark.sparkContext().hadoopConfiguration());
    String config = "s3a://" + BUCKET + "/settings/scoring.json";
    String configJson = "{\"finding_score\": 55}";
    try (java.io.OutputStream out = fs.create(new org.apache.hadoop.fs.Path(config))) {
      out.write(configJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    String country = "s3a://" + BUCKET + "/settings/geo/country.mmdb";
    try (java.io.OutputStream out = fs.create(new org.apache.hadoop.fs.Path(country))) {
      java.nio.file.Files.copy(dev.hindsight.score.geo.GeoIp.defaultDir().resolve("country.mmdb"), out);
    }
    String mapping = "s3a://" + BUCKET + "/settings/gateway.json";
    try (java.io.InputStream in = getClass().getResourceAsStream("/proxy-mappings/litellm.json");
        java.io.OutputStream out = fs.create(new org.apache.hadoop.fs.Path(mapping))) {
      // the built-in mapping under its own name: what is read can only have come from this file
      out.write(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .replaceFirst("\"name\"\\s*:\\s*\"litellm\"", "\"name\": \"gateway\"")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Path logs = LogFixtures.smallTree(tmp.resolve("logs"));
    String lake = "s3a://" + BUCKET + "/lake-settings";
    assertThat(CliRunner.run("ingest", "--lake", lake, "--source", "cloudtrail", "--input", logs.toString()).code())
        .isZero();
    CliRunner.Result score = CliRunner.run("score", "--lake", lake, "--from", "2026-01-05", "--to", "2026-01-07",
        "--config", config, "--geoip", country);
    assertThat(score.code()).as(score.err()).isZero();
    String version = dev.hindsight.score.ScoringConfig.parse("x", configJson).version();
    assertThat(version).isNotEqualTo(dev.hindsight.score.ScoringConfig.defaults().version());
    assertThat(score.out()).containsPattern("config_version\\s+" + version).containsPattern("geoip\\s+on");
    CliRunner.Result publish = CliRunner.run("publish", "--lake", lake, "--from", "2026-01-05", "--to", "2026-01-07",
        "--config", config);
    assertThat(publish.code()).as(publish.err()).isZero();

    assertThat(dev.hindsight.ingest.llm.ProxyMappingAccess.name(mapping)).isEqualTo("gateway");

    CliRunner.Result missing = CliRunner.run("score", "--lake", lake, "--from", "2026-01-05", "--to", "2026-01-05",
        "--config", "s3a://" + BUCKET + "/settings/nope.json");
    assertThat(missing.code()).isEqualTo(dev.hindsight.cli.Hindsight.USAGE);
    assertThat(missing.err()).contains("Cannot read s3a://" + BUCKET + "/settings/nope.json: no such file");
  }
}
