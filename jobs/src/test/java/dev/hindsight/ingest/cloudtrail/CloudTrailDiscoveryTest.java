package dev.hindsight.ingest.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.Discovery;
import dev.hindsight.ingest.InputFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudTrailDiscoveryTest {
  static Discovery discover(Path root, DateRange range) throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    return new CloudTrailSource().discover(fs, new org.apache.hadoop.fs.Path(root.toUri()), range);
  }

  static void touch(Path p) throws Exception {
    Files.createDirectories(p.getParent());
    Files.writeString(p, "{}");
  }

  @Test
  void organizationTrailsArePrunedPerAccountAndRegion(@TempDir Path tmp) throws Exception {
    String[] accounts = {"111111111111", "222222222222"};
    for (String acct : accounts) {
      for (String region : new String[] {"us-east-1", "eu-west-1"}) {
        for (String day : new String[] {"03", "04", "05"}) {
          touch(tmp.resolve("AWSLogs/o-abc123/" + acct + "/CloudTrail/" + region + "/2026/02/" + day + "/" + acct
              + "_CloudTrail_" + region + "_202602" + day + "T1200Z_x.json.gz"));
        }
      }
      touch(tmp.resolve("AWSLogs/o-abc123/" + acct + "/CloudTrail-Digest/us-east-1/2026/02/04/d.json.gz"));
    }
    LocalDate day = LocalDate.of(2026, 2, 4);
    Discovery d = discover(tmp, new DateRange(day, day));
    assertThat(d.files()).extracting(InputFile::path).hasSize(4).allMatch(p -> p.contains("/2026/02/04/"));
    List<String> inRegions = d.listedPrefixes().stream().filter(p -> p.matches(".*/CloudTrail/[^/]+/.+")).toList();
    assertThat(inRegions).as("one listing per account and region: the day's prefix").hasSize(4)
        .allMatch(p -> p.endsWith("/2026/02/04"));
    assertThat(d.skipped()).extracting(Discovery.Skipped::status).containsOnly("skipped_digest").hasSize(2);

    Discovery all = discover(tmp, DateRange.ALL);
    assertThat(all.files()).hasSize(12);
  }

  @Test
  void flatFoldersPruneByFileNameAndKeepUndatedFiles(@TempDir Path tmp) throws Exception {
    touch(tmp.resolve("123_CloudTrail_us-east-1_20230710T1145Z_a.json"));
    touch(tmp.resolve("123_CloudTrail_us-east-1_20230711T0000Z_b.json"));
    touch(tmp.resolve("export.jsonl"));
    touch(tmp.resolve("README.md"));
    touch(tmp.resolve("_SUCCESS"));
    touch(tmp.resolve(".hidden/x.json"));
    touch(tmp.resolve("123_CloudTrail-Insight_us-east-1_20230710T1145Z_c.json.gz"));
    LocalDate day = LocalDate.of(2023, 7, 10);
    Discovery d = discover(tmp, new DateRange(day, day));
    assertThat(d.files()).extracting(f -> Path.of(java.net.URI.create(f.path())).getFileName().toString())
        .containsExactly("123_CloudTrail_us-east-1_20230710T1145Z_a.json", "export.jsonl");
    assertThat(d.skipped()).extracting(Discovery.Skipped::status)
        .containsExactlyInAnyOrder("skipped_unsupported", "skipped_insight");
    assertThat(discover(tmp, DateRange.ALL).files()).hasSize(3);
  }

  @Test
  void dateFoldersOutsideTheDeliveryLayoutArePrunedByName(@TempDir Path tmp) throws Exception {
    Path exported = tmp.resolve("exports/2026/01/05/part.jsonl");
    touch(exported);
    touch(tmp.resolve("exports/2026/02/01/part.jsonl"));
    LocalDate day = LocalDate.of(2026, 1, 5);
    Discovery d = discover(tmp.resolve("exports"), new DateRange(day, day));
    assertThat(d.files()).singleElement().satisfies(f -> assertThat(f.path()).endsWith("/2026/01/05/part.jsonl"));
    assertThat(d.listedPrefixes()).noneMatch(p -> p.contains("/2026/02"));
  }
}
