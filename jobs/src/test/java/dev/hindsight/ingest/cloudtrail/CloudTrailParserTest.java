package dev.hindsight.ingest.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.lake.tables.Events;
import dev.hindsight.ingest.FileBytes;
import dev.hindsight.ingest.ParseLimits;
import dev.hindsight.ingest.Reason;
import dev.hindsight.ingest.Redactor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CloudTrailParserTest {
  static final String R1 = record("e-1", "2026-01-05T10:00:00Z", "AKIAAAAAAAAAAAAAAAA1");
  static final String R2 = record("e-2", "2026-01-05T23:59:59Z", "AKIAAAAAAAAAAAAAAAA2");

  static String record(String id, String time, String key) {
    return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDA1\","
        + "\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\",\"accessKeyId\":\"" + key
        + "\",\"userName\":\"alice\"},\"eventTime\":\"" + time + "\",\"eventSource\":\"s3.amazonaws.com\","
        + "\"eventName\":\"ListBuckets\",\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"81.2.69.160\","
        + "\"userAgent\":\"aws-cli/2.15.0\",\"requestParameters\":null,\"responseElements\":null,"
        + "\"eventID\":\"" + id + "\",\"readOnly\":true,\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\"}";
  }

  static CollectingSink parse(byte[] bytes) {
    return parse(bytes, ParseLimits.DEFAULT);
  }

  static CollectingSink parse(byte[] bytes, ParseLimits limits) {
    CollectingSink sink = new CollectingSink();
    FileBytes fb = FileBytes.read(new ByteArrayInputStream(bytes), limits.maxFileBytes());
    new CloudTrailSource().parse("file:/x.json", fb, limits, sink);
    return sink;
  }

  static String shape(byte[] bytes) {
    FileBytes fb = FileBytes.read(new ByteArrayInputStream(bytes), ParseLimits.DEFAULT.maxFileBytes());
    return new CloudTrailSource().parse("file:/x.json", fb, ParseLimits.DEFAULT, new CollectingSink());
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void readsTheDeliveryWrapperAndKeepsRecordsByteForByte() {
    CollectingSink s = parse(utf8("{\"Records\":[" + R1 + "," + R2 + "]}"));
    assertThat(s.bad).isEmpty();
    assertThat(s.events).hasSize(2);
    assertThat(s.events.get(0).raw()).as("raw is the delivered bytes").isEqualTo(R1);
    assertThat(s.events.get(1).raw()).isEqualTo(R2);
    assertThat(s.events.get(1).inputPosition()).isEqualTo(1L);
    assertThat(s.events.get(0).eventTime()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
    assertThat(s.events.get(0).eventDate()).isEqualTo(LocalDate.of(2026, 1, 5));
    assertThat(shape(utf8("{\"Records\":[" + R1 + "]}"))).isEqualTo("records");
  }

  @Test
  void readsGzipByMagicBytesNotName() throws IOException {
    CollectingSink s = parse(gzip(utf8("{\"Records\":[" + R1 + "," + R2 + "]}")));
    assertThat(s.events).hasSize(2);
    assertThat(s.bad).isEmpty();
  }

  @Test
  void readsBareArraysJsonLinesAndPrettyPrintedSequences() {
    assertThat(parse(utf8("[\n  " + R1 + ",\n  " + R2 + "\n]\n")).events).hasSize(2);
    assertThat(shape(utf8("[" + R1 + "]"))).isEqualTo("array");
    assertThat(parse(utf8(R1 + "\n" + R2 + "\n")).events).hasSize(2);
    assertThat(shape(utf8(R1 + "\n"))).isEqualTo("jsonl");
    String pretty = R1.replace(",\"", ",\n  \"");
    CollectingSink s = parse(utf8(pretty + "\n" + R2.replace(",\"", ",\n  \"")));
    assertThat(s.events).hasSize(2);
    assertThat(s.bad).isEmpty();
  }

  @Test
  void unwrapsLookupEventsEventBridgeAndLogstash() {
    String lookup = "{\"EventId\":\"e-1\",\"EventName\":\"ListBuckets\",\"CloudTrailEvent\":"
        + com.fasterxml.jackson.databind.node.TextNode.valueOf(R1) + "}";
    CollectingSink s = parse(utf8(lookup + "\n"));
    assertThat(s.bad).isEmpty();
    assertThat(s.events).singleElement().satisfies(v -> {
      assertThat(v.eventId()).isEqualTo("e-1");
      assertThat(v.raw()).as("raw is the line as delivered").isEqualTo(lookup);
    });
    assertThat(shape(utf8(lookup))).isEqualTo("lookup_events");

    String bridge = "{\"version\":\"0\",\"id\":\"x\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":" + R2 + "}";
    assertThat(parse(utf8(bridge)).events).singleElement()
        .satisfies(v -> assertThat(v.eventId()).isEqualTo("e-2"));
    assertThat(shape(utf8(bridge))).isEqualTo("eventbridge");

    String logstash = R1.replace("\"eventTime\":\"2026-01-05T10:00:00Z\"", "\"@timestamp\":\"2026-01-05T10:00:00.000Z\"");
    assertThat(parse(utf8(logstash)).events).singleElement()
        .satisfies(v -> assertThat(v.eventTime()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z")));
    assertThat(shape(utf8(logstash))).isEqualTo("logstash");
  }

  @Test
  void skipsDigestFilesAndInsightRecords() {
    CollectingSink s = parse(utf8("{\"awsAccountId\":\"1\",\"digestStartTime\":\"2026-01-01T00:00:00Z\","
        + "\"digestPublicKeyFingerprint\":\"ab\",\"logFiles\":[]}"));
    assertThat(s.events).isEmpty();
    assertThat(s.bad).isEmpty();
    assertThat(shape(utf8("{\"digestStartTime\":\"2026-01-01T00:00:00Z\"}"))).isEqualTo("digest");
    String insight = "{\"eventVersion\":\"1.07\",\"eventTime\":\"2026-01-01T00:00:00Z\",\"eventID\":\"i\","
        + "\"eventCategory\":\"Insight\",\"insightDetails\":{}}";
    CollectingSink i = parse(utf8("{\"Records\":[" + insight + "]}"));
    assertThat(i.events).isEmpty();
    assertThat(i.bad).isEmpty();
    assertThat(i.skipped).isEqualTo(1);
  }

  @Test
  void quarantinesRecordsWithoutIdOrTimeOrWithWrongTypes() {
    String noId = R1.replace("\"eventID\":\"e-1\",", "");
    String noTime = R1.replace("\"eventTime\":\"2026-01-05T10:00:00Z\",", "");
    String badTime = R1.replace("2026-01-05T10:00:00Z", "yesterday");
    String wrongType = R1.replace("\"awsRegion\":\"eu-west-1\"", "\"awsRegion\":{\"x\":1}");
    String numericTime = R1.replace("\"2026-01-05T10:00:00Z\"", "1736071200");
    CollectingSink s = parse(utf8("{\"Records\":[" + String.join(",", noId, noTime, badTime, wrongType, numericTime,
        "42", R2) + "]}"));
    assertThat(s.events).hasSize(1);
    assertThat(s.bad).extracting(CollectingSink.Bad::reason).containsExactly(Reason.MISSING_EVENT_ID,
        Reason.MISSING_EVENT_TIME, Reason.BAD_EVENT_TIME, Reason.WRONG_TYPE, Reason.WRONG_TYPE, Reason.NOT_A_RECORD);
    assertThat(s.bad).extracting(CollectingSink.Bad::position).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(s.bad.get(1).eventId()).isEqualTo("e-1");
    assertThat(s.bad.get(0).snippet()).startsWith("{\"eventVersion\"");
  }

  @Test
  void aBadLineInJsonLinesIsQuarantinedAndTheNextLinesAreRead() {
    CollectingSink s = parse(utf8(R1 + "\n{\"eventID\": broken\n" + R2 + "\n"));
    assertThat(s.events).extracting(v -> v.eventId()).containsExactly("e-1", "e-2");
    assertThat(s.bad).singleElement().satisfies(b -> {
      assertThat(b.reason()).isEqualTo(Reason.INVALID_JSON);
      assertThat(b.position()).isEqualTo(1L);
      assertThat(b.offset()).isEqualTo((long) R1.length() + 1);
      assertThat(b.snippet()).startsWith("{\"eventID\": broken");
    });
  }

  @Test
  void invalidJsonInsideTheRecordsArrayQuarantinesTheRest() {
    CollectingSink s = parse(utf8("{\"Records\":[" + R1 + ",{\"eventID\":tru" + "," + R2 + "]}"));
    assertThat(s.events).hasSize(1);
    assertThat(s.bad).singleElement().satisfies(b -> {
      assertThat(b.reason()).isEqualTo(Reason.INVALID_JSON);
      assertThat(b.position()).isEqualTo(1L);
      assertThat(b.detail()).contains("from #1 on were not readable");
    });
  }

  @Test
  void notUtf8IsItsOwnReason() {
    byte[] good = utf8(R1 + "\n");
    byte[] bad = utf8(R2.replace("alice", "al\u00ffice"));
    // make the user name invalid UTF-8: a lone 0xff byte
    int i = indexOf(bad, "al".getBytes(StandardCharsets.UTF_8)) + 2;
    byte[] broken = Arrays.copyOf(bad, bad.length - 1);
    System.arraycopy(bad, i + 2, broken, i + 1, bad.length - i - 2);
    broken[i] = (byte) 0xff;
    byte[] all = new byte[good.length + broken.length];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(broken, 0, all, good.length, broken.length);
    CollectingSink s = parse(all);
    assertThat(s.events).hasSize(1);
    assertThat(s.bad).singleElement().extracting(CollectingSink.Bad::reason).isEqualTo(Reason.INVALID_UTF8);
  }

  @Test
  void truncatedGzipKeepsTheRecordsBeforeTheCut() throws IOException {
    StringBuilder sb = new StringBuilder("{\"Records\":[");
    for (int i = 0; i < 200; i++) {
      sb.append(i == 0 ? "" : ",").append(record("e-" + i, "2026-01-05T10:00:00Z", "AKIAAAAAAAAAAAAAAAA" + (i % 10)));
    }
    byte[] gz = gzip(utf8(sb.append("]}").toString()));
    CollectingSink s = parse(Arrays.copyOf(gz, gz.length / 2));
    assertThat(s.events).hasSizeBetween(1, 199);
    assertThat(s.bad).singleElement().satisfies(b -> {
      assertThat(b.reason()).isEqualTo(Reason.TRUNCATED_GZIP);
      assertThat(b.position()).isEqualTo((long) s.events.size());
    });
  }

  @Test
  void corruptGzipAndEmptyFilesAreQuarantined() throws IOException {
    byte[] gz = gzip(utf8("{\"Records\":[" + R1 + "]}"));
    for (int i = 12; i < gz.length - 8; i++) {
      gz[i] = (byte) (gz[i] ^ 0x5a);
    }
    assertThat(parse(gz).bad).extracting(CollectingSink.Bad::reason)
        .containsAnyOf(Reason.CORRUPT_GZIP, Reason.TRUNCATED_GZIP);
    assertThat(parse(new byte[0]).bad).singleElement().extracting(CollectingSink.Bad::reason)
        .isEqualTo(Reason.EMPTY_FILE);
    assertThat(parse(utf8("hello")).bad).singleElement().extracting(CollectingSink.Bad::reason)
        .isEqualTo(Reason.INVALID_JSON);
  }

  @Test
  void aDecompressionBombStopsAtTheBound() throws IOException {
    byte[] zeros = new byte[8 << 20];
    byte[] bomb = gzip(zeros);
    assertThat(bomb.length).as("the bomb is small on disk").isLessThan(64 << 10);
    FileBytes fb = FileBytes.read(new ByteArrayInputStream(bomb), 1 << 20);
    assertThat(fb.problem()).isEqualTo(Reason.FILE_TOO_LARGE);
    assertThat(fb.length()).isEqualTo(1 << 20);
    CollectingSink s = parse(bomb, new ParseLimits(1 << 20, 1 << 20));
    assertThat(s.events).isEmpty();
    assertThat(s.bad).extracting(CollectingSink.Bad::reason).contains(Reason.FILE_TOO_LARGE);
  }

  @Test
  void oversizedRecordsAreQuarantined() {
    String big = R1.replace("\"requestParameters\":null", "\"requestParameters\":{\"pad\":\"" + "x".repeat(2000) + "\"}");
    CollectingSink s = parse(utf8("{\"Records\":[" + big + "," + R2 + "]}"), new ParseLimits(1 << 20, 1024));
    assertThat(s.events).hasSize(1);
    assertThat(s.bad).singleElement().satisfies(b -> {
      assertThat(b.reason()).isEqualTo(Reason.OVERSIZED_RECORD);
      assertThat(b.eventId()).isEqualTo("e-1");
      assertThat(b.snippet()).hasSizeLessThanOrEqualTo(512);
    });
  }

  @Test
  void sessionTokensNeverReachTheEventOrQuarantine() {
    String token = "IQoJb3JpZ2luX2VjEC0aSECRETSECRETSECRET";
    String withToken = R1.replace("\"responseElements\":null", "\"responseElements\":{\"credentials\":{"
        + "\"accessKeyId\":\"ASIAXXXXXXXXXXXXXXXX\",\"sessionToken\":\"" + token + "\",\"expiration\":\"x\"}}");
    CollectingSink s = parse(utf8("{\"Records\":[" + withToken + "]}"));
    assertThat(s.events).singleElement().satisfies(v -> {
      assertThat(String.valueOf(v.raw())).doesNotContain(token).contains(Redactor.MARK)
          .contains("ASIAXXXXXXXXXXXXXXXX");
      assertThat(String.valueOf(v.responseJson())).doesNotContain(token).contains(Redactor.MARK);
    });
    String badWithToken = withToken.replace("\"eventID\":\"e-1\",", "");
    CollectingSink q = parse(utf8("{\"Records\":[" + badWithToken + "]}"));
    assertThat(q.bad).singleElement().satisfies(b -> assertThat(b.snippet()).doesNotContain(token));
    assertThat(Redactor.redactText("{\"SessionToken\": \"" + token + "\"}")).doesNotContain(token);
  }

  @Test
  void jacksonOffsetsAreRelativeToTheParserStart() throws IOException {
    byte[] data = utf8("xxxx{\"a\":1}");
    try (com.fasterxml.jackson.core.JsonParser p = CloudTrailParser.MAPPER.getFactory().createParser(data, 4, 7)) {
      p.nextToken();
      assertThat(p.currentTokenLocation().getByteOffset()).isZero();
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
