package dev.hindsight.pull;

import static dev.hindsight.ingest.IngestJobTest.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.TestSpark;
import dev.hindsight.cli.Hindsight;
import dev.hindsight.error.JobFailedException;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.ingest.IngestJobTest;
import dev.hindsight.lake.Hashes;
import dev.hindsight.lake.Lake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hindsight pull} against a real HTTP server on loopback ({@link FakeUsageApi}) that pages, rate-limits,
 * fails and expires keys the way the vendors' admin APIs do; the CLI runs as its own process with the key in
 * its environment, as a scheduler runs it.
 */
class UsagePullTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final LocalDate D1 = LocalDate.of(2026, 11, 18);
  static final LocalDate D2 = D1.plusDays(1);
  static final LocalDate D3 = D1.plusDays(2);

  record Run(int exit, String output) {}

  private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

  /** bin/hindsight pull as a process: this JVM's class path, the key in the environment only. */
  static Run cli(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.hindsight.cli.Hindsight", "pull"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("ANTHROPIC_ADMIN_KEY");
    pb.environment().remove("OPENAI_ADMIN_KEY");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    Path logs = Files.createDirectories(Path.of("target", "pull-cli"));
    Files.writeString(logs.resolve("run-" + RUNS.incrementAndGet() + ".log"), String.join(" ", args) + "\n" + out);
    return new Run(p.exitValue(), out);
  }

  static String newKey(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "") + "AA";
  }

  static Path dayDir(Path out, String report, LocalDate d) {
    return out.resolve(report).resolve(String.format("%04d/%02d/%02d", d.getYear(), d.getMonthValue(),
        d.getDayOfMonth()));
  }

  /** Every byte under a folder, as text. */
  static String allText(Path root) throws IOException {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        b.append(Files.readString(p)).append('\n');
      }
    }
    return b.toString();
  }

  static IngestJob.Result ingest(Lake lake, String source, Path input) {
    return IngestJobTest.ingest(lake, source, Map.of(), input, DateRange.ALL, false, 0.0);
  }

  @Test
  void anthropicDaysArePulledPageByPageThroughA429AndA500AndIngestExactly(@TempDir Path tmp) throws Exception {
    try (FakeUsageApi api = new FakeUsageApi(newKey("sk-ant-admin01-"))) {
      api.fault(D1, 0, 429);
      api.fault(D2, 1, 500);
      Path out = tmp.resolve("pulled");
      String[] args = {"anthropic-usage", "--from", D1.toString(), "--to", D3.toString(), "--out", out.toString(),
          "--api-url", api.url(), "--retry-delay-ms", "10"};
      Run r = cli(Map.of("ANTHROPIC_ADMIN_KEY", api.key), args);
      assertThat(r.exit()).as(r.output()).isZero();
      long rows = 3 * FakeUsageApi.rowsPerDay();
      assertThat(r.output()).contains("3 days pulled (9 pages, 72 buckets, " + rows + " rows), 0 already pulled");
      assertThat(api.requests).as("3 pages a day (10 buckets each at most), the 429 and the 500 asked again")
          .hasSize(9 + 2);
      String first = api.requests.get(0);
      assertThat(FakeUsageApi.param(first, "starting_at")).containsExactly("2026-11-18T00:00:00Z");
      assertThat(FakeUsageApi.param(first, "ending_at")).containsExactly("2026-11-19T00:00:00Z");
      assertThat(FakeUsageApi.param(first, "bucket_width")).containsExactly("1h");
      assertThat(FakeUsageApi.param(first, "limit")).containsExactly("24");
      assertThat(FakeUsageApi.param(first, "group_by[]")).containsExactly("api_key_id", "workspace_id", "model",
          "service_tier", "context_window");
      assertThat(api.requests).noneMatch(q -> q.contains(api.key));

      Path d1 = dayDir(out, "messages", D1);
      try (Stream<Path> s = Files.list(d1)) {
        assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
            .containsExactly("_pull.json", "page-0000.json", "page-0001.json", "page-0002.json");
      }
      JsonNode m = JSON.readTree(d1.resolve("_pull.json").toFile());
      assertThat(m.get("rows").asLong()).isEqualTo(FakeUsageApi.rowsPerDay());
      assertThat(m.get("buckets").asLong()).isEqualTo(24);
      assertThat(m.get("pages").get(2).get("sha256").asText())
          .isEqualTo(Hashes.sha256Hex(Files.readAllBytes(d1.resolve("page-0002.json"))));
      assertThat(allText(out) + r.output()).as("the key is nowhere").doesNotContain(api.key);

      Lake lake = new Lake(TestSpark.get(), tmp.resolve("lake").toString());
      IngestJob.Result in = ingest(lake, "anthropic-usage", out);
      assertThat(in.filesRead()).as("the _pull.json files are not input").isEqualTo(9);
      assertThat(in.eventsWritten()).isEqualTo(rows);
      assertThat(in.records()).as("an empty bucket a day, counted").isEqualTo(rows + 3);
      assertThat(in.quarantined()).isZero();
      assertThat(count(lake, "SELECT sum(tokens_in) FROM events")).isEqualTo(3 * FakeUsageApi.inputTokensPerDay());
      assertThat(count(lake, "SELECT count(DISTINCT credential_id) FROM events")).isEqualTo(3);

      Run again = cli(Map.of("ANTHROPIC_ADMIN_KEY", api.key), args);
      assertThat(again.exit()).as(again.output()).isZero();
      assertThat(again.output()).contains("0 days pulled (0 pages, 0 buckets, 0 rows), 3 already pulled");
      assertThat(api.requests).as("nothing asked again").hasSize(11);
      assertThat(ingest(lake, "anthropic-usage", out).eventsWritten()).isZero();
    }
  }

  @Test
  void anExpiredKeyEndsThePullWithExit1KeepingTheDaysBeforeAndARerunResumes(@TempDir Path tmp) throws Exception {
    try (FakeUsageApi api = new FakeUsageApi(newKey("sk-ant-admin01-"))) {
      api.keyExpiresFrom = D2;
      Path out = tmp.resolve("pulled");
      String[] args = {"anthropic-usage", "--from", D1.toString(), "--to", D3.toString(), "--out", out.toString(),
          "--api-url", api.url(), "--retry-delay-ms", "10"};
      Run r = cli(Map.of("ANTHROPIC_ADMIN_KEY", api.key), args);
      assertThat(r.exit()).as(r.output()).isEqualTo(1);
      assertThat(r.output()).contains("HTTP 401").contains("authentication_error").contains("API key expired")
          .contains("ANTHROPIC_ADMIN_KEY").contains("rerun to resume").doesNotContain(api.key);
      assertThat(api.requests).as("a refused key is not retried").hasSize(3 + 1);
      assertThat(dayDir(out, "messages", D1).resolve("_pull.json")).exists();
      assertThat(dayDir(out, "messages", D2).resolve("_pull.json")).doesNotExist();

      api.keyExpiresFrom = null;
      api.fault(D3, 0, 502, 503);
      Run resumed = cli(Map.of("ANTHROPIC_ADMIN_KEY", api.key), args);
      assertThat(resumed.exit()).as(resumed.output()).isZero();
      assertThat(resumed.output()).contains("2 days pulled (6 pages").contains("1 already pulled");

      // --force asks again for a day already pulled; when that dies, the day is left without its _pull.json
      api.fault(D2, 1, 500, 500);
      Run forced = cli(Map.of("ANTHROPIC_ADMIN_KEY", api.key), "anthropic-usage", "--from", D2.toString(), "--to",
          D2.toString(), "--out", out.toString(), "--api-url", api.url(), "--retry-delay-ms", "10", "--attempts", "2",
          "--force");
      assertThat(forced.exit()).as(forced.output()).isEqualTo(1);
      assertThat(dayDir(out, "messages", D2).resolve("_pull.json")).as("not done: the next run pulls it again")
          .doesNotExist();

      api.fault(D1, 0, 500, 500, 500);
      Run failing = cli(Map.of("ANTHROPIC_ADMIN_KEY", api.key), "anthropic-usage", "--from", D1.toString(), "--to",
          D1.toString(), "--out", tmp.resolve("other").toString(), "--api-url", api.url(), "--retry-delay-ms", "10",
          "--attempts", "3");
      assertThat(failing.exit()).isEqualTo(1);
      assertThat(failing.output()).contains("HTTP 500").contains("after 3 attempts");
    }
  }

  @Test
  void openAiIsPulledWithABearerKeyInUnixSecondsOnlyForFinalDaysAndIngests(@TempDir Path tmp) throws Exception {
    try (FakeUsageApi api = new FakeUsageApi(newKey("sk-admin-"))) {
      Path out = tmp.resolve("pulled");
      // 00:30 on D3 with an hour to settle: D1 is final, D2 (ended 30 minutes ago) and D3 are not
      Clock clock = Clock.fixed(D3.atTime(0, 30).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
      UsagePuller.Options o = new UsagePuller.Options(UsageApi.OPENAI_COMPLETIONS, api.url(), out.toString(), D1, D3,
          "1h", Duration.ofHours(1), 3, Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(30), false);
      UsagePuller.Result r = new UsagePuller(o, api.key, new Configuration(), clock).run();
      assertThat(r.days()).extracting(UsagePuller.Day::status).containsExactly("pulled", "incomplete", "incomplete");
      assertThat(api.requests).hasSize(3);
      String first = api.requests.get(0);
      assertThat(FakeUsageApi.param(first, "start_time")).containsExactly(String.valueOf(
          D1.atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
      assertThat(FakeUsageApi.param(first, "end_time")).containsExactly(String.valueOf(
          D2.atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
      assertThat(FakeUsageApi.param(first, "group_by")).containsExactly("project_id", "api_key_id", "model",
          "user_id", "batch", "service_tier");

      Lake lake = new Lake(TestSpark.get(), tmp.resolve("lake").toString());
      IngestJob.Result in = ingest(lake, "openai-usage", out);
      assertThat(in.eventsWritten()).isEqualTo(FakeUsageApi.rowsPerDay());
      assertThat(count(lake, "SELECT sum(tokens_in) FROM events")).isEqualTo(FakeUsageApi.inputTokensPerDay());
      assertThat(count(lake, "SELECT sum(CAST(get_json_object(response_json, '$.num_model_requests') AS BIGINT))"
          + " FROM events WHERE credential_id = 'openai:key/key_Aaaa'")).isEqualTo(23 * 2);
      assertThat(count(lake, "SELECT count(*) FROM events WHERE credential_id = 'openai:user/user-console'"))
          .isEqualTo(1);

      UsagePuller.Options daily = new UsagePuller.Options(UsageApi.OPENAI_COMPLETIONS, api.url(),
          tmp.resolve("daily").toString(), D1, D1, "1d", Duration.ZERO, 3, Duration.ofMillis(5), Duration.ofMillis(50),
          Duration.ofSeconds(30), false);
      assertThatThrownBy(() -> new UsagePuller(daily, api.key, new Configuration(), clock).run())
          .isInstanceOf(JobFailedException.class).hasMessageContaining("HTTP 400").hasMessageContaining("not retried");
      assertThat(api.requests).as("a 400 is asked once").hasSize(4);
    }
  }

  @Test
  void usageErrorsExit2BeforeAnyRequest(@TempDir Path tmp) {
    String out = tmp.resolve("o").toString();
    assertThat(Hindsight.run("pull", "anthropic-usage", "--from", "2026-11-01", "--to", "2026-11-02", "--out", out,
        "--key-env", "HINDSIGHT_TEST_NO_SUCH_VARIABLE")).isEqualTo(Hindsight.USAGE);
    assertThat(Hindsight.run("pull", "cloudtrail", "--from", "2026-11-01", "--to", "2026-11-02", "--out", out))
        .isEqualTo(Hindsight.USAGE);
    assertThat(Hindsight.run("pull", "openai-usage", "--from", "2026-11-03", "--to", "2026-11-02", "--out", out))
        .isEqualTo(Hindsight.USAGE);
    assertThat(Hindsight.run("pull", "openai-usage", "--from", "2026-11-01", "--to", "2026-11-02", "--out", out,
        "--api-url", "http://api.example.com", "--key-env", "PATH")).isEqualTo(Hindsight.USAGE);
    assertThat(Hindsight.run("pull", "openai-usage", "--from", "2026-11-01", "--to", "2026-11-02", "--out", out,
        "--bucket-width", "5m", "--key-env", "PATH")).isEqualTo(Hindsight.USAGE);
    assertThat(tmp.resolve("o")).doesNotExist();
  }
}
