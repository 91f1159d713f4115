package dev.hindsight.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain-Java checks of the synthetic CloudTrail generator (no Spark). */
class SyntheticCloudTrailTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate START = LocalDate.of(2026, 1, 1);

  private static final Pattern LOG_FILE = Pattern.compile(
      "AWSLogs/(\\d{12})/CloudTrail/([a-z]{2}-[a-z]+-\\d)/(\\d{4})/(\\d{2})/(\\d{2})/"
          + "\\1_CloudTrail_\\2_(\\d{8})T(\\d{4})Z_[A-Za-z0-9]{16}\\.json\\.gz");
  private static final Pattern DIGEST_FILE = Pattern.compile(
      "AWSLogs/(\\d{12})/CloudTrail-Digest/([a-z]{2}-[a-z]+-\\d)/(\\d{4})/(\\d{2})/(\\d{2})/"
          + "\\1_CloudTrail-Digest_\\2_[A-Za-z0-9-]+_[a-z]{2}-[a-z]+-\\d_(\\d{8})T(\\d{6})Z\\.json\\.gz");

  /** One 5-day run shared by the determinism and the layout checks. */
  @TempDir
  static Path shared;

  private static SyntheticCloudTrail.Result fiveDays;

  @TempDir
  Path tmp;

  @BeforeAll
  static void generateFiveDays() throws IOException {
    fiveDays = new SyntheticCloudTrail(small(shared.resolve("a"), 42)).generate();
  }

  private static SyntheticCloudTrail.Options small(Path out, long seed) {
    return new SyntheticCloudTrail.Options(out, START, 5, seed, 2000, true);
  }

  @Test
  void sameSeedGivesByteIdenticalTreesAndAnotherSeedDiffers() throws IOException {
    SyntheticCloudTrail.Result a = fiveDays;
    SyntheticCloudTrail.Result b = new SyntheticCloudTrail(small(tmp.resolve("b"), 42)).generate();
    SyntheticCloudTrail.Result c = new SyntheticCloudTrail(small(tmp.resolve("c"), 7)).generate();

    Map<String, byte[]> ta = tree(shared.resolve("a"));
    Map<String, byte[]> tb = tree(tmp.resolve("b"));
    assertThat(ta.keySet()).isEqualTo(tb.keySet());
    for (String f : ta.keySet()) {
      assertThat(tb.get(f)).as(f).isEqualTo(ta.get(f));
    }
    assertThat(b.records()).isEqualTo(a.records());
    assertThat(b.files()).isEqualTo(a.files());

    Map<String, byte[]> tc = tree(tmp.resolve("c"));
    assertThat(tc.keySet()).isNotEqualTo(ta.keySet());
    assertThat(c.records()).isNotEqualTo(a.records());
  }

  @Test
  void filesLookLikeCloudTrailDeliveryAndCountsMatchTheResult() throws IOException {
    Path out = shared.resolve("a");
    SyntheticCloudTrail.Result result = fiveDays;

    int logFiles = 0;
    int digestFiles = 0;
    long records = 0;
    Map<String, JsonNode> firstSeen = new HashMap<>();
    Map<String, String> firstFile = new HashMap<>();
    Set<String> identityTypes = new HashSet<>();
    Set<String> eventTypes = new HashSet<>();
    Set<String> regions = new HashSet<>();
    boolean sawSessionToken = false;
    long failures = 0;
    List<JsonNode> digests = new ArrayList<>();

    for (String rel : relativeFiles(out)) {
      if (rel.equals("labels.json")) {
        continue;
      }
      if (rel.contains("/CloudTrail-Digest/")) {
        assertThat(rel).matches(DIGEST_FILE);
        JsonNode d = read(out.resolve(rel));
        assertThat(d.has("Records")).isFalse();
        for (String field : List.of("digestStartTime", "digestEndTime", "digestS3Bucket",
            "digestPublicKeyFingerprint", "logFiles")) {
          assertThat(d.has(field)).as(rel + " has " + field).isTrue();
        }
        digests.add(d);
        digestFiles++;
        continue;
      }
      Matcher m = LOG_FILE.matcher(rel);
      assertThat(m.matches()).as(rel).isTrue();
      LocalDate folderDay = LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
          Integer.parseInt(m.group(5)));
      assertThat(m.group(6)).isEqualTo(m.group(3) + m.group(4) + m.group(5));
      JsonNode file = read(out.resolve(rel));
      assertThat(file.fieldNames()).toIterable().containsExactly("Records");
      JsonNode recs = file.get("Records");
      assertThat(recs.isArray()).isTrue();
      assertThat(recs.size()).isPositive();
      logFiles++;
      for (JsonNode r : recs) {
        records++;
        for (String field : List.of("eventVersion", "eventID", "eventTime", "eventSource", "eventName",
            "awsRegion", "sourceIPAddress", "eventType", "recipientAccountId", "eventCategory")) {
          assertThat(r.path(field).isTextual()).as(rel + " " + field).isTrue();
        }
        assertThat(r.path("userIdentity").path("type").isTextual()).isTrue();
        assertThat(r.has("requestParameters")).isTrue();
        assertThat(r.has("responseElements")).isTrue();
        assertThat(r.get("eventTime").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        LocalDate eventDay = LocalDate.parse(r.get("eventTime").asText().substring(0, 10));
        assertThat(eventDay).as("event day vs folder of " + rel).isBetween(folderDay.minusDays(1), folderDay);
        assertThat(r.get("awsRegion").asText()).isEqualTo(m.group(2));
        assertThat(r.get("recipientAccountId").asText()).isEqualTo(m.group(1));
        identityTypes.add(r.get("userIdentity").get("type").asText());
        eventTypes.add(r.get("eventType").asText());
        regions.add(r.get("awsRegion").asText());
        if (r.has("errorCode")) {
          failures++;
          assertThat(r.path("errorMessage").isTextual()).isTrue();
        }
        String sessionToken = r.path("responseElements").path("credentials").path("sessionToken").asText("");
        if (!sessionToken.isEmpty()) {
          assertThat(sessionToken).startsWith("IQoJb3JpZ2luX2Vj");
          sawSessionToken = true;
        }
        String id = r.get("eventID").asText();
        JsonNode before = firstSeen.putIfAbsent(id, r);
        if (before != null) {
          assertThat(r).as("redelivered record is identical").isEqualTo(before);
          assertThat(rel).as("redelivered in another file").isNotEqualTo(firstFile.get(id));
        } else {
          firstFile.put(id, rel);
        }
      }
    }

    long distinct = firstSeen.size();
    assertThat(result.files()).isEqualTo(logFiles);
    assertThat(result.records()).isEqualTo(records);
    assertThat(result.distinctEvents()).isEqualTo(distinct);
    assertThat(result.duplicateRecords()).isEqualTo(records - distinct);
    double duplicateShare = (double) (records - distinct) / records;
    assertThat(duplicateShare).isBetween(0.02, 0.08);
    assertThat(records / 5.0).as("records per day").isBetween(1400.0, 2800.0);
    assertThat((double) failures / records).isBetween(0.005, 0.04);

    assertThat(identityTypes).contains("IAMUser", "AssumedRole", "AWSService");
    assertThat(eventTypes).contains("AwsApiCall", "AwsConsoleSignIn");
    assertThat(regions).contains("us-east-1", "eu-west-1");
    assertThat(sawSessionToken).isTrue();

    // Digests: one per account/region/day, listing files that exist.
    assertThat(digestFiles).isPositive();
    for (JsonNode d : digests) {
      for (JsonNode lf : d.get("logFiles")) {
        assertThat(out.resolve(lf.get("s3Object").asText())).exists();
        assertThat(lf.get("hashValue").asText()).hasSize(64);
      }
    }

    JsonNode labels = JSON.readTree(result.labels().toFile());
    assertThat(labels.get("generator").asText()).isEqualTo("hindsight-synth");
    assertThat(labels.get("seed").asLong()).isEqualTo(42);
    assertThat(labels.get("days").asInt()).isEqualTo(5);
    assertThat(labels.get("incidents")).isEmpty();
    assertThat(result.incidents()).isZero();
    // 2026-01-01 is the 1st of a month: the month-end batch job is the only label in 5 days.
    assertThat(labels.get("confounders")).hasSize(1);
    assertThat(labels.get("confounders").get(0).get("kind").asText()).isEqualTo("monthly_batch");
    assertThat(result.confounders()).isEqualTo(1);
    for (JsonNode id : labels.get("confounders").get(0).get("event_ids")) {
      assertThat(firstSeen).containsKey(id.asText());
    }
  }

  @Test
  void longerRunHoldsEveryLabelledIncidentAfterTheWarmUp() throws IOException {
    Path out = tmp.resolve("incidents");
    SyntheticCloudTrail.Result result = new SyntheticCloudTrail(
        new SyntheticCloudTrail.Options(out, START, 55, 42, 400, false)).generate();
    assertThat(relativeFiles(out)).noneMatch(f -> f.contains("CloudTrail-Digest"));

    Map<String, JsonNode> events = new HashMap<>();
    for (String rel : relativeFiles(out)) {
      if (rel.endsWith(".json.gz")) {
        for (JsonNode r : read(out.resolve(rel)).get("Records")) {
          events.put(r.get("eventID").asText(), r);
        }
      }
    }
    assertThat((long) events.size()).isEqualTo(result.distinctEvents());

    JsonNode labels = JSON.readTree(result.labels().toFile());
    List<JsonNode> incidents = new ArrayList<>();
    labels.get("incidents").forEach(incidents::add);
    List<JsonNode> confounders = new ArrayList<>();
    labels.get("confounders").forEach(confounders::add);
    assertThat(result.incidents()).isEqualTo(incidents.size());
    assertThat(result.confounders()).isEqualTo(confounders.size());
    assertThat(incidents.stream().map(l -> l.get("kind").asText())).containsExactlyInAnyOrder(
        "leaked_access_key", "access_key_created_for_other_user", "privilege_escalation",
        "secrets_mass_retrieval", "logging_tampering", "enumeration_burst", "dormant_credential", "llmjacking",
        "impossible_travel", "volume_spike");
    assertThat(confounders.stream().map(l -> l.get("kind").asText()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("monthly_batch", "region_rollout", "new_employee", "key_rotation");

    String warmUpEnd = START.plusDays(20) + "T00:00:00Z";
    Map<String, JsonNode> byKind = new TreeMap<>();
    for (JsonNode l : incidents) {
      byKind.put(l.get("kind").asText(), l);
      assertThat(l.get("label").asText()).isEqualTo("malicious");
      assertThat(l.get("first_seen").asText()).isGreaterThanOrEqualTo(warmUpEnd);
      assertThat(l.get("description").asText()).isNotBlank();
    }
    for (JsonNode l : confounders) {
      assertThat(l.get("label").asText()).isEqualTo("benign");
    }
    for (JsonNode l : concat(incidents, confounders)) {
      assertThat(l.get("event_ids")).as(l.get("id").asText()).isNotEmpty();
      for (JsonNode id : l.get("event_ids")) {
        JsonNode e = events.get(id.asText());
        assertThat(e).as(l.get("id").asText() + " event " + id.asText()).isNotNull();
        assertThat(e.get("recipientAccountId").asText()).isEqualTo(l.get("account_id").asText());
      }
    }

    // credential_id convention shared with the ingest.
    assertThat(byKind.get("leaked_access_key").get("credential_id").asText()).matches("AKIA[A-Z2-7]{16}");
    assertThat(byKind.get("secrets_mass_retrieval").get("credential_id").asText())
        .matches("arn:aws:iam::\\d{12}:role/orders-api");
    assertThat(byKind.get("secrets_mass_retrieval").get("access_key_id").asText()).startsWith("ASIA");
    assertThat(byKind.get("impossible_travel").get("credential_id").asText())
        .matches("arn:aws:iam::\\d{12}:user/ines");
    JsonNode leaked = byKind.get("leaked_access_key");
    assertThat(leaked.get("regions").size()).isGreaterThan(10);
    JsonNode firstLeaked = events.get(leaked.get("event_ids").get(0).asText());
    assertThat(firstLeaked.get("userIdentity").get("accessKeyId").asText())
        .isEqualTo(leaked.get("credential_id").asText());

    JsonNode secrets = byKind.get("secrets_mass_retrieval");
    Set<String> secretIds = new HashSet<>();
    for (JsonNode id : secrets.get("event_ids")) {
      JsonNode e = events.get(id.asText());
      if (e.get("eventName").asText().equals("GetSecretValue")) {
        secretIds.add(e.get("requestParameters").get("secretId").asText());
      }
    }
    assertThat(secretIds).hasSizeGreaterThanOrEqualTo(30);

    JsonNode llm = byKind.get("llmjacking");
    Set<String> llmNames = new HashSet<>();
    for (JsonNode id : llm.get("event_ids")) {
      JsonNode e = events.get(id.asText());
      llmNames.add(e.get("eventName").asText());
      assertThat(e.get("eventSource").asText()).isIn("bedrock.amazonaws.com", "sts.amazonaws.com");
    }
    assertThat(llmNames).contains("GetModelInvocationLoggingConfiguration", "ListFoundationModels",
        "InvokeModel", "Converse");
    String llmKey = llm.get("credential_id").asText();
    String llmRegion = llm.get("regions").get(0).asText();
    String llmFirst = llm.get("first_seen").asText();
    for (JsonNode e : events.values()) {
      if (llmKey.equals(e.path("userIdentity").path("accessKeyId").asText())
          && e.get("eventTime").asText().compareTo(llmFirst) < 0) {
        assertThat(e.get("awsRegion").asText()).as("key never used the llmjacking region before")
            .isNotEqualTo(llmRegion);
      }
    }

    JsonNode dormant = byKind.get("dormant_credential");
    String dormantKey = dormant.get("credential_id").asText();
    String dormantFirst = dormant.get("first_seen").asText();
    String lastBefore = events.values().stream()
        .filter(e -> dormantKey.equals(e.path("userIdentity").path("accessKeyId").asText()))
        .map(e -> e.get("eventTime").asText())
        .filter(t -> t.compareTo(dormantFirst) < 0)
        .max(String::compareTo).orElseThrow();
    assertThat(LocalDate.parse(dormantFirst.substring(0, 10)).toEpochDay()
        - LocalDate.parse(lastBefore.substring(0, 10)).toEpochDay()).isGreaterThanOrEqualTo(45);
  }

  @Test
  void optionsAreValidated() {
    Path out = tmp.resolve("x");
    assertThatThrownBy(() -> new SyntheticCloudTrail.Options(out, START, 0, 1, 2000, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot generate: days must be >= 1 (got 0)");
    assertThatThrownBy(() -> new SyntheticCloudTrail.Options(out, START, 5, 1, 5, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot generate: eventsPerDay must be >= 100 (got 5)");
    assertThatThrownBy(() -> new SyntheticCloudTrail.Options(null, START, 5, 1, 2000, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot generate: out");
    assertThatThrownBy(() -> new SyntheticCloudTrail.Options(out, null, 5, 1, 2000, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot generate: start");

    SyntheticCloudTrail.Options d = SyntheticCloudTrail.Options.defaults(out);
    assertThat(d.start()).isEqualTo(START);
    assertThat(d.days()).isEqualTo(90);
    assertThat(d.seed()).isEqualTo(42);
    assertThat(d.eventsPerDay()).isEqualTo(2000);
    assertThat(d.digests()).isTrue();
  }

  @Test
  void refusesToWriteOverAnExistingTree() throws IOException {
    Path out = tmp.resolve("existing");
    Files.createDirectories(out.resolve("AWSLogs"));
    assertThatThrownBy(() -> new SyntheticCloudTrail(small(out, 1)).generate())
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("Cannot generate");
  }

  // ---------------------------------------------------------------------------------------------

  private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
    List<JsonNode> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static JsonNode read(Path gz) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      return JSON.readTree(in);
    }
  }

  private static List<String> relativeFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    for (String rel : relativeFiles(root)) {
      files.put(rel, Files.readAllBytes(root.resolve(rel)));
    }
    return files;
  }
}
