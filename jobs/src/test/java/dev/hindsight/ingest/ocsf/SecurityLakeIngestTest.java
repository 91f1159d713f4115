package dev.hindsight.ingest.ocsf;

import static dev.hindsight.ingest.IngestJobTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.TestSpark;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security Lake OCSF API Activity Parquet: the CloudTrail credential scheme, redaction, pruning, quarantine. */
class SecurityLakeIngestTest {
  static SparkSession spark;
  static final String ACCOUNT = "111122223333";

  @BeforeAll
  static void start() {
    spark = TestSpark.get();
  }

  static String row(String uid, long time, int cls, String op, String service, String userType, String arn,
      String key, String issuer, String ip, String responseData) {
    return "{\"class_uid\":" + cls + ",\"category_uid\":6,\"activity_id\":1,\"time\":" + time + ","
        + "\"metadata\":{\"uid\":\"" + uid + "\",\"product\":{\"name\":\"CloudTrail\"},\"version\":\"1.1.0\"},"
        + "\"api\":{\"operation\":\"" + op + "\",\"service\":{\"name\":\"" + service + "\"},"
        + "\"response\":{" + (responseData == null ? "\"error\":\"AccessDenied\"" : "\"data\":" + responseData)
        + "}},\"actor\":{\"user\":{\"type\":\"" + userType + "\",\"uid\":\"" + arn + "\",\"credential_uid\":\""
        + key + "\",\"account\":{\"uid\":\"" + ACCOUNT + "\"}}" + (issuer == null ? "" : ",\"session\":{\"issuer\":\""
        + issuer + "\",\"is_mfa\":false}") + "},\"src_endpoint\":{\"ip\":\"" + ip + "\"},"
        + "\"http_request\":{\"user_agent\":\"aws-cli/2.15.0\"},\"cloud\":{\"region\":\"us-east-1\","
        + "\"account\":{\"uid\":\"" + ACCOUNT + "\"},\"provider\":\"AWS\"}}";
  }

  static void parquet(Path dir, List<String> rows) {
    spark.read().json(spark.createDataset(rows, Encoders.STRING())).coalesce(1).write().parquet(dir.toString());
  }

  @Test
  void apiActivityRowsMapLikeCloudTrailWithSecretsRedacted(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("lake-bucket/aws/CLOUD_TRAIL_MGMT/2.0");
    String created = "\"{\\\"accessKey\\\":{\\\"userName\\\":\\\"bob\\\",\\\"accessKeyId\\\":\\\"AKIANEWKEY0000000001\\\","
        + "\\\"status\\\":\\\"Active\\\",\\\"secretAccessKey\\\":\\\"SECRETVALUE123456789\\\"}}\"";
    parquet(root.resolve("region=us-east-1/accountId=" + ACCOUNT + "/eventDay=20260105"), List.of(
        row("ev-1", 1767603600000L, 6003, "ListBuckets", "s3.amazonaws.com", "AssumedRole",
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/ops/alice", "ASIAEXAMPLE000000001",
            "arn:aws:iam::" + ACCOUNT + ":role/ops", "81.2.69.142", "null"),
        row("ev-2", 1767607200000L, 6003, "CreateAccessKey", "iam.amazonaws.com", "IAMUser",
            "arn:aws:iam::" + ACCOUNT + ":user/alice", "AKIAEXAMPLE000000002", null, "81.2.69.142", created),
        row("ev-3", 1767610800000L, 4001, "Connect", "ec2.amazonaws.com", "IAMUser",
            "arn:aws:iam::" + ACCOUNT + ":user/alice", "", null, "81.2.69.142", "null"),
        // a console sign-in as Security Lake writes it: Authentication, the user under "user", no api object
        "{\"class_uid\":3002,\"category_uid\":3,\"time\":1767614400000,\"status\":\"Failure\","
            + "\"metadata\":{\"uid\":\"ev-5\",\"product\":{\"name\":\"CloudTrail\"}},"
            + "\"user\":{\"type\":\"IAMUser\",\"uid\":\"arn:aws:iam::" + ACCOUNT + ":user/alice\","
            + "\"name\":\"alice\"},\"src_endpoint\":{\"ip\":\"81.2.69.142\"},"
            + "\"cloud\":{\"region\":\"us-east-1\",\"account\":{\"uid\":\"" + ACCOUNT + "\"}}}"));
    parquet(root.resolve("region=us-east-1/accountId=" + ACCOUNT + "/eventDay=20260106"), List.of(
        row("ev-4", 1767690000000L, 6003, "GetObject", "s3.amazonaws.com", "AssumedRole",
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/ops/alice", "ASIAEXAMPLE000000003",
            "arn:aws:iam::" + ACCOUNT + ":role/ops", "81.2.69.142", null)));
    Files.writeString(root.resolve("region=us-east-1/accountId=" + ACCOUNT + "/eventDay=20260106/broken.parquet"),
        "PAR1 this is not parquet PAR1");
    Lake lake = new Lake(spark, tmp.resolve("lake").toString());

    LocalDate day = LocalDate.of(2026, 1, 6);
    IngestJob.Result one = IngestJobTest.ingest(lake, SecurityLakeSource.NAME, Map.of(), root, new DateRange(day, day),
        false, 1.0);
    assertThat(one.filesRead()).as("only eventDay=20260106: its part file and the broken one").isEqualTo(2);
    assertThat(one.listedPrefixes()).noneMatch(p -> p.contains("eventDay=20260105"));
    assertThat(one.eventsWritten()).isEqualTo(1);
    assertThat(one.quarantined()).isEqualTo(1);

    IngestJob.Result all = IngestJobTest.ingest(lake, SecurityLakeSource.NAME, Map.of(), root, DateRange.ALL, false,
        1.0);
    assertThat(all.filesRead()).isEqualTo(1);
    assertThat(all.eventsWritten()).isEqualTo(3);
    assertThat(count(lake, "SELECT count(*) FROM events")).isEqualTo(4);
    assertThat(IngestJobTest.ingest(lake, SecurityLakeSource.NAME, Map.of(), root, DateRange.ALL, false, 1.0)
        .status()).isEqualTo("noop");

    Row e1 = lake.spark().sql("SELECT credential_id, credential_type, access_key_id, session_name, action, service,"
        + " source_ip, region, account_id, event_time, outcome FROM delta.`" + lake.path("events")
        + "` WHERE event_id = 'ev-1'").first();
    assertThat(e1.getString(0)).as("the role, as the CloudTrail source names it")
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/ops");
    assertThat(e1.getString(1)).isEqualTo("role_session");
    assertThat(e1.getString(2)).isEqualTo("ASIAEXAMPLE000000001");
    assertThat(e1.getString(3)).isEqualTo("alice");
    assertThat(e1.getString(4)).isEqualTo("ListBuckets");
    assertThat(e1.getString(5)).isEqualTo("s3.amazonaws.com");
    assertThat(e1.getString(6)).isEqualTo("81.2.69.142");
    assertThat(e1.getString(7)).isEqualTo("us-east-1");
    assertThat(e1.getString(8)).isEqualTo(ACCOUNT);
    assertThat(e1.get(9).toString()).isEqualTo("2026-01-05T09:00:00Z");
    assertThat(e1.getString(10)).isEqualTo("success");
    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_id = 'ev-2' AND credential_id ="
        + " 'AKIAEXAMPLE000000002' AND credential_type = 'access_key'"
        + " AND get_json_object(response_json, '$.accessKey.accessKeyId') = 'AKIANEWKEY0000000001'")).isEqualTo(1);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_id = 'ev-4' AND outcome = 'failure'"
        + " AND error_code = 'AccessDenied'")).isEqualTo(1);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE raw LIKE '%SECRETVALUE%' OR response_json LIKE"
        + " '%SECRETVALUE%'")).as("the secret access key never reaches the lake").isZero();
    assertThat(count(lake, "SELECT count(*) FROM quarantine WHERE reason = 'UNRECOGNIZED_SHAPE'"
        + " AND event_id = 'ev-3' AND detail LIKE '%4001%'")).as("a Network Activity row is not guessed at")
        .isEqualTo(1);
    assertThat(count(lake, "SELECT count(*) FROM events WHERE event_id = 'ev-5' AND action = 'ConsoleLogin'"
        + " AND event_type = 'AwsConsoleSignIn' AND outcome = 'failure' AND credential_type = 'console_session'"
        + " AND credential_id = 'arn:aws:iam::" + ACCOUNT + ":user/alice'")).as("a console sign-in").isEqualTo(1);
    assertThat(count(lake, "SELECT count(*) FROM quarantine WHERE reason = 'UNRECOGNIZED_SHAPE'"
        + " AND position = -1 AND input_file LIKE '%broken.parquet'")).isEqualTo(1);
  }
}
