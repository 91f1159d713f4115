package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.ingest.IngestJob;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The quiet commands' progress lines, on a clock the test moves (no wall clock). */
class ProgressTest {
  static final long SECOND = 1_000_000_000L;

  final AtomicLong now = new AtomicLong();
  final StringWriter text = new StringWriter();

  Progress progress(boolean live, int total) {
    return new Progress(new PrintWriter(text, true), live, total, now::get);
  }

  static IngestJob.Result ingested(int files, long events, long quarantined, String status) {
    return new IngestJob.Result("r1", status, files, 0, files, 0, 0, events, events, events, quarantined, Map.of(),
        List.of(), List.of());
  }

  @Test
  void plainOutputIsOneLinePerStageWithCountsAndElapsedTime() {
    try (Progress p = progress(false, 12)) {
      p.start("ingest cloudtrail");
      now.addAndGet(41_200_000_000L);
      p.done(Progress.counts(ingested(33_753, 179_432, 0, "succeeded")));
      p.start("score");
      now.addAndGet(125 * SECOND);
      p.done("1,512 scores", "GeoIP on");
    }
    assertThat(text.toString()).doesNotContain("\r").isEqualTo(
        "[ 1/12] ingest cloudtrail             33,753 files     179,432 events              41.2 s\n"
            + "[ 2/12] score                      1,512 scores                                2 min 05 s  GeoIP on\n");
  }

  @Test
  void aSingleStageHasNoNumberAndAStageLeftOpenEndsAsFailed() {
    Progress p = progress(false, 1);
    p.start("ingest proxy");
    now.addAndGet(3 * SECOND);
    p.close();
    assertThat(text.toString()).isEqualTo("ingest proxy               failed                                           3.0 s\n");
  }

  @Test
  void onATerminalTheLineUpdatesInPlaceAndTheStageLineReplacesIt() {
    Progress p = progress(true, 3);
    p.start("score");
    now.addAndGet(75 * SECOND);
    p.step("features");
    p.done("9 scores");
    p.close();
    String s = text.toString();
    assertThat(s).startsWith("\r[1/3] score  0:00").contains("\r[1/3] score: features  1:15");
    String last = s.substring(s.lastIndexOf('\r') + 1);
    assertThat(last).as("the updating line cleared, then the stage's own line")
        .isEqualTo("[1/3] score                      9 scores                                    1 min 15 s\n");
    for (String part : s.split("\r")) {
      assertThat(part.stripTrailing().length()).isLessThanOrEqualTo(Math.max(Progress.LIVE_WIDTH, 100));
    }
  }

  @Test
  void theTimeLeftCountsDownOnTheUpdatingLineAndLongFieldsStayApart() {
    Progress p = progress(true, 2);
    p.start("chunk 2026-01-01..2026-01-14");
    p.left(600 * SECOND);
    now.addAndGet(300 * SECOND);
    p.step("score");
    now.addAndGet(2 * SECOND);
    p.done("1,234,567 files 12,345,678 events 1,234 findings");
    p.close();
    String s = text.toString();
    assertThat(s).contains("\r[1/2] chunk 2026-01-01..2026-01-14  0:00  ~10 min left")
        .contains("\r[1/2] chunk 2026-01-01..2026-01-14: score  5:00  ~5 min left");
    assertThat(s.substring(s.lastIndexOf('\r') + 1)).isEqualTo(
        "[1/2] chunk 2026-01-01..2026-01-14  1,234,567 files 12,345,678 events 1,234 findings  5 min 02 s\n");
  }

  @Test
  void countsSayWhatARunDid() {
    assertThat(Progress.counts(ingested(5, 12, 2, "succeeded"))).isEqualTo("        5 files          12 events, 2 quarantined");
    IngestJob.Result noop = new IngestJob.Result("r", "noop", 7, 7, 0, 0, 0, 0, 0, 0, 0, Map.of(), List.of(), List.of());
    assertThat(Progress.counts(noop)).isEqualTo("nothing new (7 files read before)");
  }

  @Test
  void timesRatesAndTimeLeft() {
    assertThat(Progress.seconds(41_249_000_000L)).isEqualTo("41.2 s");
    assertThat(Progress.seconds(3_900 * SECOND)).isEqualTo("1 h 05 min");
    assertThat(Progress.clockTime(3_723 * SECOND)).isEqualTo("1:02:03");
    assertThat(Progress.rate(1_000, "files", 4 * SECOND)).isEqualTo("250 files/s");
    assertThat(Progress.rate(3, "files", 2 * SECOND)).isEqualTo("1.5 files/s");
    assertThat(Progress.rate(3, "files", 0)).isEmpty();
    // 14 of 182 days took 10 min: 168 days left at that pace take 120 min
    assertThat(Progress.timeLeft(14, 182, 600 * SECOND)).isEqualTo("~2 h 00 min left");
    assertThat(Progress.timeLeft(14, 28, 600 * SECOND)).isEqualTo("~10 min left");
    assertThat(Progress.timeLeft(0, 28, 600 * SECOND)).as("unknown before anything is done").isEmpty();
    assertThat(Progress.timeLeft(28, 28, 600 * SECOND)).isEmpty();
    assertThat(Progress.bar(5, 10)).isEqualTo("[=====     ]");
  }
}
