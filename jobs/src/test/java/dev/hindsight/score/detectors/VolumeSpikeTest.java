package dev.hindsight.score.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.score.ContextBuilder;
import dev.hindsight.score.Features;
import dev.hindsight.score.FeaturesBuilder;
import dev.hindsight.score.Signal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeSpikeTest {
  private final VolumeSpike d = new VolumeSpike();

  private static FeaturesBuilder media() {
    return FeaturesBuilder.row().role("arn:aws:iam::482910375561:role/media-processor").region("us-east-1")
        .events(284).dataReads(140).discovery(0);
  }

  /** 35 ordinary days with a little day-to-day wobble. */
  private static List<Features> ordinary(FeaturesBuilder b, long events, long reads) {
    List<Features> out = new ArrayList<>();
    List<Features> days = b.history(35);
    for (int i = 0; i < days.size(); i++) {
      double w = 0.9 + 0.2 * ((i * 7) % 10) / 10.0;
      out.add(FeaturesBuilder.from(days.get(i)).events(Math.round(events * w)).dataReads(Math.round(reads * w))
          .build());
    }
    return out;
  }

  @Test
  void twentyTimesTheUsualReadsIsASpike() {
    var today = media().events(2934).dataReads(2790);
    Signal s = d.evaluate(ContextBuilder.of(today).history(ordinary(media(), 284, 140)).build()).get();
    assertThat(s.feature()).isEqualTo("data_reads");
    assertThat(s.score()).isGreaterThanOrEqualTo(75);
    assertThat(s.baseline()).isBetween(130.0, 150.0);
    assertThat(s.reason()).startsWith("made 2,790 data reads, 2").contains("x its median of 1");
  }

  @Test
  void anOrdinaryDayIsQuiet() {
    assertThat(d.evaluate(ContextBuilder.of(media().events(310).dataReads(150))
        .history(ordinary(media(), 284, 140)).build())).isEmpty();
  }

  @Test
  void otherRegionsDoNotMakeTheBaseline() {
    List<Features> elsewhere = ordinary(media().region("eu-west-1"), 5000, 3000);
    var today = media().events(2934).dataReads(2790);
    var ctx = ContextBuilder.of(today).history(ordinary(media(), 284, 140)).history(elsewhere).build();
    assertThat(d.evaluate(ctx)).isPresent();
  }

  @Test
  void aMonthlyJobIsDampedByItsRunAMonthEarlier() {
    var billing = FeaturesBuilder.row().role("arn:aws:iam::482910375561:role/billing-export").region("us-east-1")
        .events(44).dataReads(20);
    List<Features> history = new ArrayList<>(ordinary(billing, 44, 20));
    int monthAgo = history.size() - 31;
    history.set(monthAgo, FeaturesBuilder.from(history.get(monthAgo)).events(430).dataReads(190).build());
    var firstOfMonth = billing.events(440).dataReads(200);
    Signal s = d.evaluate(ContextBuilder.of(firstOfMonth).history(history).build()).get();
    assertThat(s.score()).isLessThanOrEqualTo(5);
    assertThat(s.reason()).contains("31 days earlier: a recurring job");

    // Without last month's run it is a spike.
    Signal first = d.evaluate(ContextBuilder.of(firstOfMonth).history(ordinary(billing, 44, 20)).build()).get();
    assertThat(first.score()).isGreaterThanOrEqualTo(50);
  }

  @Test
  void daysWithoutActivityAreNotZerosAndAShortHistoryIsNotJudged() {
    List<Features> few = ordinary(media(), 284, 140).subList(0, 4);
    assertThat(d.evaluate(ContextBuilder.of(media().events(2934).dataReads(2790)).history(few).build())).isEmpty();
  }

  @Test
  void coldStartComparesWithPeersAndStaysModerate() {
    var fresh = media().daysActiveBefore(1).events(3000).dataReads(50);
    Signal s = d.evaluate(ContextBuilder.of(fresh).peers(6, 150, 1, 40, 0).build()).get();
    assertThat(s.reason()).contains("the median of its 6 peers");
    assertThat(s.score()).isLessThanOrEqualTo(45);
    assertThat(d.evaluate(ContextBuilder.of(fresh).build())).isEmpty(); // no peers
    assertThat(d.evaluate(ContextBuilder.of(fresh.events(300)).peers(6, 150, 1, 40, 0).build())).isEmpty();
  }

  @Test
  void tokensCountWhenTheSourceHasThem() {
    var llm = media().source("bedrock-invocations").events(40).dataReads(0);
    List<Features> history = new ArrayList<>();
    for (Features f : llm.history(20)) {
      history.add(FeaturesBuilder.from(f).tokensIn(20_000L).tokensOut(5_000L).build());
    }
    Signal s = d.evaluate(ContextBuilder.of(llm.tokensIn(900_000L).tokensOut(400_000L)).history(history).build())
        .get();
    assertThat(s.feature()).isEqualTo("tokens_in");
    assertThat(s.reason()).startsWith("used 1,300,000 model tokens, 52x its median of 25,000");
  }

  @Test
  void thresholdsAreParameters() {
    var today = media().events(2934).dataReads(2790);
    var ctx = ContextBuilder.of(today).history(ordinary(media(), 284, 140)).param("volume_spike.min_ratio", 30)
        .build();
    assertThat(d.evaluate(ctx)).isEmpty();
  }
}
