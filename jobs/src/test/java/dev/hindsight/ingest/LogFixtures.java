package dev.hindsight.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Tiny CloudTrail delivery trees for tests. */
public final class LogFixtures {
  public static final String ACCOUNT = "111122223333";

  private LogFixtures() {}

  public static String record(String id, String time, String key, String region) {
    return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDA1\","
        + "\"arn\":\"arn:aws:iam::" + ACCOUNT + ":user/alice\",\"accountId\":\"" + ACCOUNT + "\",\"accessKeyId\":\""
        + key + "\",\"userName\":\"alice\"},\"eventTime\":\"" + time + "\",\"eventSource\":\"s3.amazonaws.com\","
        + "\"eventName\":\"ListBuckets\",\"awsRegion\":\"" + region + "\",\"sourceIPAddress\":\"81.2.69.160\","
        + "\"userAgent\":\"aws-cli/2.15.0\",\"requestParameters\":null,\"responseElements\":null,"
        + "\"eventID\":\"" + id + "\",\"readOnly\":true,\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"" + ACCOUNT + "\"}";
  }

  /** Writes AWSLogs/ACCOUNT/CloudTrail/region/YYYY/MM/DD/ACCOUNT_CloudTrail_region_YYYYMMDDT0000Z_name.json.gz */
  public static Path deliveryFile(Path root, String region, String day, String name, List<String> records)
      throws IOException {
    String[] ymd = day.split("-");
    Path dir = root.resolve("AWSLogs/" + ACCOUNT + "/CloudTrail/" + region + "/" + ymd[0] + "/" + ymd[1] + "/" + ymd[2]);
    Files.createDirectories(dir);
    Path f = dir.resolve(ACCOUNT + "_CloudTrail_" + region + "_" + ymd[0] + ymd[1] + ymd[2] + "T0000Z_" + name + ".json.gz");
    gzip(f, "{\"Records\":[" + String.join(",", records) + "]}");
    return f;
  }

  public static void gzip(Path f, String content) throws IOException {
    Files.createDirectories(f.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A three-day tree: 7 records, one of them delivered twice, a digest file and one broken file. */
  public static Path smallTree(Path root) throws IOException {
    String k = "AKIAAAAAAAAAAAAAAAA1";
    deliveryFile(root, "us-east-1", "2026-01-05", "a", List.of(
        record("e-1", "2026-01-05T10:00:00Z", k, "us-east-1"), record("e-2", "2026-01-05T11:00:00Z", k, "us-east-1")));
    deliveryFile(root, "us-east-1", "2026-01-05", "b", List.of(
        record("e-2", "2026-01-05T11:00:00Z", k, "us-east-1"), record("e-3", "2026-01-05T12:00:00Z", k, "us-east-1")));
    deliveryFile(root, "us-east-1", "2026-01-06", "c", List.of(
        record("e-4", "2026-01-06T00:01:00Z", k, "us-east-1"), record("e-5", "2026-01-05T23:58:00Z", k, "us-east-1")));
    deliveryFile(root, "eu-west-1", "2026-01-07", "d", List.of(
        record("e-6", "2026-01-07T09:00:00Z", k, "eu-west-1"), record("e-7", "2026-01-07T09:30:00Z", k, "eu-west-1")));
    gzip(root.resolve("AWSLogs/" + ACCOUNT + "/CloudTrail-Digest/us-east-1/2026/01/05/" + ACCOUNT
        + "_CloudTrail-Digest_us-east-1_trail_us-east-1_20260105T010000Z.json.gz"),
        "{\"digestStartTime\":\"2026-01-05T00:00:00Z\",\"logFiles\":[]}");
    return root;
  }
}
