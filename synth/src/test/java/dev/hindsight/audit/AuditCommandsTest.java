package dev.hindsight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.TestSpark;
import dev.hindsight.cli.CliRunner;
import dev.hindsight.lake.Lake;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor's commands end to end through the CLI, on one small generated lake: sample (reproducible, pinned
 * version, stratified, manifest), verify-sample (and tamper detection), report (and its rendering in headless
 * Chromium).
 */
class AuditCommandsTest {
  @TempDir
  static Path tmp;
  static String lakeUri;
  static Lake lake;
  /** The events table's version after the first 40 days, before the last ten arrive. */
  static long firstVersion;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void buildLake() {
    TestSpark.get();
    Path logs = tmp.resolve("logs");
    lakeUri = tmp.resolve("lake").toString();
    ok(CliRunner.run("generate", "--out", logs.toString(), "--days", "50", "--events-per-day", "300", "--seed", "3",
        "--no-digests"));
    ok(CliRunner.run("ingest", "--lake", lakeUri, "--source", "cloudtrail", "--input",
        logs.resolve("AWSLogs").toString(), "--from", "2026-01-01", "--to", "2026-02-09"));
    lake = new Lake(TestSpark.get(), lakeUri);
    firstVersion = lake.version("events");
    ok(CliRunner.run("ingest", "--lake", lakeUri, "--source", "cloudtrail", "--input",
        logs.resolve("AWSLogs").toString(), "--from", "2026-02-10", "--to", "2026-02-19"));
    ok(CliRunner.run("score", "--lake", lakeUri, "--from", "2026-01-01", "--to", "2026-02-19"));
    ok(CliRunner.run("publish", "--lake", lakeUri, "--from", "2026-01-01", "--to", "2026-02-19"));
    assertThat(lake.version("events")).isGreaterThan(firstVersion);
  }

  static CliRunner.Result ok(CliRunner.Result r) {
    assertThat(r.code()).as(r.err()).isZero();
    return r;
  }

  static CliRunner.Result sample(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("sample", "--lake", lakeUri, "--table", "events", "--from",
        "2026-01-01", "--to", "2026-02-19", "--out", out.toString()));
    args.addAll(List.of(extra));
    return CliRunner.run(args.toArray(String[]::new));
  }

  static JsonNode manifest(Path dir) throws Exception {
    return JSON.readTree(Files.readString(dir.resolve("manifest.json")));
  }

  @Test
  void sameSeedAndVersionGiveTheSameBytesAndTheManifestProvesIt() throws Exception {
    Path a = tmp.resolve("same-a");
    Path b = tmp.resolve("same-b");
    ok(sample(a, "--size", "40", "--seed", "11", "--stratify-by", "account_id,region"));
    ok(sample(b, "--size", "40", "--seed", "11", "--stratify-by", "account_id,region"));
    byte[] exportA = Files.readAllBytes(a.resolve("sample.csv"));
    assertThat(Files.readAllBytes(b.resolve("sample.csv"))).isEqualTo(exportA);
    assertThat(Files.readString(b.resolve("manifest.json"))).isEqualTo(Files.readString(a.resolve("manifest.json")));

    JsonNode m = manifest(a);
    assertThat(m.path("export").path("sha256").asText()).isEqualTo(dev.hindsight.lake.Hashes.sha256Hex(exportA));
    assertThat(m.path("export").path("bytes").asLong()).isEqualTo(exportA.length);
    assertThat(m.path("table_version").asLong()).isEqualTo(lake.version("events"));
    assertThat(m.path("rows").asInt()).isEqualTo(40);
    assertThat(Files.readAllLines(a.resolve("sample.csv"))).hasSize(41);

    // The samples table records each drawn row once; drawing the same sample into the same folder adds nothing.
    String id = m.path("sample_id").asText();
    assertThat(samplesRows(id)).isEqualTo(40);
    CliRunner.Result again = ok(sample(a, "--size", "40", "--seed", "11", "--stratify-by", "account_id,region"));
    assertThat(again.out()).contains("already written, identical");
    assertThat(samplesRows(id)).isEqualTo(40);
    assertThat(lake.read("runs").where("command = 'sample' AND status = 'succeeded'").count()).isGreaterThanOrEqualTo(3);

    CliRunner.Result other = ok(sample(tmp.resolve("same-c"), "--size", "40", "--seed", "12", "--stratify-by",
        "account_id,region"));
    assertThat(other.out()).doesNotContain(id);
    assertThat(Files.readAllBytes(tmp.resolve("same-c").resolve("sample.csv"))).isNotEqualTo(exportA);
  }

  static long samplesRows(String sampleId) {
    return lake.read("samples").where(org.apache.spark.sql.functions.col("sample_id").equalTo(sampleId)).count();
  }

  @Test
  void aPinnedVersionDrawsTheSameRowsAfterNewDataArrives() throws Exception {
    Path then = tmp.resolve("pinned-then");
    Path latest = tmp.resolve("pinned-latest");
    ok(sample(then, "--size", "25", "--seed", "5", "--as-of-version", Long.toString(firstVersion)));
    ok(sample(latest, "--size", "25", "--seed", "5"));
    JsonNode mThen = manifest(then);
    JsonNode mLatest = manifest(latest);
    assertThat(mThen.path("table_version").asLong()).isEqualTo(firstVersion);
    long eventsThen = lake.spark().read().format("delta").option("versionAsOf", firstVersion)
        .load(lake.path("events")).count();
    assertThat(mThen.path("population").asLong()).isEqualTo(eventsThen);
    assertThat(mLatest.path("population").asLong()).isEqualTo(lake.read("events").count())
        .isGreaterThan(eventsThen);

    // The pinned draw is reproducible later, whatever was written since.
    Path again = tmp.resolve("pinned-again");
    ok(sample(again, "--size", "25", "--seed", "5", "--as-of-version", Long.toString(firstVersion)));
    assertThat(Files.readAllBytes(again.resolve("sample.csv"))).isEqualTo(Files.readAllBytes(then.resolve("sample.csv")));

    CliRunner.Result future = sample(tmp.resolve("pinned-future"), "--size", "5", "--seed", "5", "--as-of-version",
        "999");
    assertThat(future.code()).isEqualTo(2);
    assertThat(future.err()).contains("--as-of-version 999 does not exist yet");
  }

  @Test
  void stratificationKeepsSmallStrataAndTheExportMatchesTheAllocation() throws Exception {
    Path dir = tmp.resolve("strata");
    CliRunner.Result r = ok(sample(dir, "--size", "30", "--seed", "9", "--stratify-by", "region"));
    JsonNode m = manifest(dir);
    Map<String, Long> population = new HashMap<>();
    for (Row row : lake.read("events").groupBy("region").count().collectAsList()) {
      population.put(row.getString(0), row.getLong(1));
    }
    assertThat(population.size()).as("the fixture has more strata than a proportional draw of 30 would reach")
        .isGreaterThan(5);
    long smallest = population.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    long total = population.values().stream().mapToLong(Long::longValue).sum();
    assertThat(smallest * 30.0 / total).as("a proportional draw would miss the smallest stratum").isLessThan(0.5);

    Map<String, Long> sampled = new HashMap<>();
    long sum = 0;
    for (JsonNode s : m.path("strata")) {
      String region = s.path("values").path("region").asText();
      assertThat(s.path("population").asLong()).isEqualTo(population.get(region));
      assertThat(s.path("sampled").asLong()).as("stratum " + region).isGreaterThanOrEqualTo(1);
      sampled.put(region, s.path("sampled").asLong());
      sum += s.path("sampled").asLong();
    }
    assertThat(sampled.keySet()).isEqualTo(population.keySet());
    assertThat(sum).isEqualTo(30);
    assertThat(r.out()).contains("allocation:").contains("region=us-east-1");

    // The export holds exactly the allocated rows of each stratum.
    List<String> lines = Files.readAllLines(dir.resolve("sample.csv"));
    int regionCol = List.of(lines.get(0).split(",")).indexOf("region");
    Map<String, Long> exported = new HashMap<>();
    Set<String> ids = new HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      exported.merge(cells[regionCol], 1L, Long::sum);
      ids.add(cells[0]);
    }
    assertThat(exported).isEqualTo(sampled);
    assertThat(ids).hasSize(30);
  }

  @Test
  void jsonExportAndFindingsSamples() throws Exception {
    Path dir = tmp.resolve("json");
    ok(sample(dir, "--size", "12", "--seed", "1", "--format", "json"));
    List<String> lines = Files.readAllLines(dir.resolve("sample.jsonl"));
    assertThat(lines).hasSize(12);
    Set<String> ids = new HashSet<>();
    for (String l : lines) {
      JsonNode n = JSON.readTree(l);
      assertThat(n.has("raw")).as("raw is left out unless --include-raw").isFalse();
      assertThat(n.path("event_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
      ids.add(n.path("source").asText() + ":" + n.path("event_id").asText());
    }
    assertThat(ids).hasSize(12);
    long inLake = lake.read("events").selectExpr("concat(source, ':', event_id) AS id")
        .where(org.apache.spark.sql.functions.col("id").isin(ids.toArray())).count();
    assertThat(inLake).isEqualTo(12);

    long findings = lake.read("findings").count();
    assertThat(findings).as("the fixture has findings").isPositive();
    Path f = tmp.resolve("findings-sample");
    ok(CliRunner.run("sample", "--lake", lakeUri, "--table", "findings", "--from", "2026-01-01", "--to", "2026-02-19",
        "--size", "100", "--seed", "1", "--stratify-by", "severity", "--out", f.toString()));
    assertThat(manifest(f).path("rows").asLong()).as("a sample larger than the table takes all of it").isEqualTo(findings);
  }

  @Test
  void verifySampleChecksTheBytesAndRedrawsAndCatchesTampering() throws Exception {
    Path dir = tmp.resolve("verify");
    ok(sample(dir, "--size", "20", "--seed", "21", "--stratify-by", "account_id"));
    CliRunner.Result v = ok(CliRunner.run("verify-sample", "--lake", lakeUri, "--out", dir.toString()));
    assertThat(v.out()).contains("ok    export sha256").contains("ok    redraw at events version")
        .contains("verified:");

    Path copy = tmp.resolve("verify-tampered");
    Files.createDirectories(copy);
    Files.copy(dir.resolve("manifest.json"), copy.resolve("manifest.json"));
    String csv = Files.readString(dir.resolve("sample.csv"));
    Files.writeString(copy.resolve("sample.csv"), csv.replaceFirst("success", "failure"));
    CliRunner.Result bad = CliRunner.run("verify-sample", "--lake", lakeUri, "--out", copy.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.out()).contains("FAIL  export sha256");

    CliRunner.Result clash = sample(dir, "--size", "20", "--seed", "22");
    assertThat(clash.code()).as("an export is never overwritten by another sample").isEqualTo(2);
    assertThat(clash.err()).contains("already holds another sample");
    assertThat(Files.readString(dir.resolve("sample.csv"))).isEqualTo(csv);

    CliRunner.Result badColumn = sample(tmp.resolve("bad-col"), "--size", "5", "--seed", "1", "--stratify-by", "nope");
    assertThat(badColumn.code()).isEqualTo(2);
    assertThat(badColumn.err()).contains("has no column 'nope'");
  }

  @Test
  void reportIsSelfContainedHoldsTheFiguresAndRendersInChromium() throws Exception {
    Path html = tmp.resolve("report.html");
    ok(CliRunner.run("report", "--lake", lakeUri, "--from", "2026-01-01", "--to", "2026-02-19", "--out",
        html.toString()));
    String page = Files.readString(html);
    assertThat(page).contains("<svg class=\"chart\" data-chart=\"severity\"")
        .contains("data-chart=\"timeline\"").contains("id=\"coverage\"").contains("id=\"top\"");
    assertThat(page).as("nothing fetched: no scripts, links or remote references")
        .doesNotContain("<script").doesNotContain("<link").doesNotContainPattern("(src|href)=");

    // The figures are the lake's: severity bars and table versions.
    for (Row r : lake.read("findings").groupBy("severity").count().collectAsList()) {
      assertThat(page).contains("data-severity=\"" + r.getString(0) + "\" data-count=\"" + r.getLong(1) + "\"");
    }
    for (String t : List.of("events", "findings", "scores")) {
      assertThat(page).containsPattern("<td>" + t + "</td><td class=\"num\">" + lake.version(t) + "</td>");
    }
    assertThat(page).contains("<td>cloudtrail</td><td class=\"num\">" + lake.read("events").count() + "</td>");
    long topEvidence = lake.read("findings").count() > 0 ? 1 : 0;
    assertThat(count(page, "<article class=\"finding\"")).isEqualTo(Math.min(20, lake.read("findings").count()));
    assertThat(count(page, "data-table=\"evidence\"")).isGreaterThanOrEqualTo(topEvidence);

    Path chromium = chromium();
    Path png = tmp.resolve("report.png");
    Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--window-size=1280,1600", "--screenshot=" + png, html.toUri().toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("chromium.log"))).isZero();
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(1280);
    // The critical/high bars' colours are on the screenshot: the charts were drawn, not just the text.
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        colours.add(img.getRGB(x, y) & 0xFFFFFF);
      }
    }
    assertThat(colours.size()).as("a rendered page, not a blank one").isGreaterThan(50);
    String dominant = lake.read("findings").groupBy("severity").count().orderBy(org.apache.spark.sql.functions
        .col("count").desc()).first().getString(0);
    int rgb = Integer.parseInt(Map.of("critical", "8e1b1b", "high", "d9480f", "medium", "e8a317", "low", "6c8ebf")
        .get(dominant), 16);
    assertThat(colours).as("the severity chart's " + dominant + " bar is on the screenshot").contains(rgb);

    Process dom = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--dump-dom", html.toUri().toString()).redirectError(tmp.resolve("chromium-dom.log").toFile()).start();
    String rendered = new String(dom.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(dom.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(count(rendered, "<rect class=\"bar\"")).isEqualTo(4);
    assertThat(rendered).contains("Credential audit report");
  }

  static long count(String s, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
    long n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** Debian's chromium (.ci/run installs it), or $CHROMIUM. */
  static Path chromium() {
    String env = System.getenv("CHROMIUM");
    for (String c : new String[] {env, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
      if (c != null && new File(c).canExecute()) {
        return Path.of(c);
      }
    }
    throw new AssertionError("The report test renders in headless Chromium: install Debian's chromium"
        + " (apt-get install chromium; .ci/run does) or set CHROMIUM to its path");
  }
}
