package dev.hindsight.score.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.score.ContextBuilder;
import dev.hindsight.score.Features;
import dev.hindsight.score.FeaturesBuilder;
import dev.hindsight.score.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelAbuseTest {
  private final ModelAbuse d = new ModelAbuse();

  private static FeaturesBuilder elena() {
    return FeaturesBuilder.row().region("us-west-2").events(205).modelRecon(4).modelInvocations(200)
        .reconThenInvoke(true);
  }

  @Test
  void reconThenInvokeIsHigh() {
    Signal s = d.evaluate(ContextBuilder.of(elena()).history(FeaturesBuilder.row().history(30)).build()).get();
    assertThat(s.score()).isGreaterThanOrEqualTo(85);
    assertThat(s.reason()).isEqualTo("checked model access, then made 200 model invocations");
    assertThat(s.feature()).isEqualTo("recon_then_invoke");
  }

  @Test
  void noModelCallsIsQuiet() {
    assertThat(d.evaluate(ContextBuilder.of(FeaturesBuilder.row()).build())).isEmpty();
  }

  @Test
  void invocationsFarAboveHistory() {
    var dev = FeaturesBuilder.row().modelInvocations(30);
    List<Features> history = dev.history(20);
    Signal s = d.evaluate(ContextBuilder.of(dev.modelInvocations(900)).history(history).build()).get();
    assertThat(s.score()).isGreaterThanOrEqualTo(80);
    assertThat(s.reason()).isEqualTo("made 900 model invocations, 30x its median of 30");
    assertThat(d.evaluate(ContextBuilder.of(dev.modelInvocations(60)).history(history).build())).isEmpty();
  }

  @Test
  void noHistoryOfInvocationsComparesWithPeers() {
    var first = FeaturesBuilder.row().modelInvocations(200);
    Signal s = d.evaluate(ContextBuilder.of(first).history(FeaturesBuilder.row().history(30))
        .peers(8, 50, 1, 5, 0).build()).get();
    assertThat(s.score()).isBetween(60.0, 75.0);
    assertThat(s.reason()).contains("never before");
    // Peers that invoke as much: quiet.
    assertThat(d.evaluate(ContextBuilder.of(first).peers(8, 50, 1, 5, 150).build())).isEmpty();
    // Below the floor: quiet.
    assertThat(d.evaluate(ContextBuilder.of(first.modelInvocations(10)).build())).isEmpty();
  }

  @Test
  void routineReconThenInvokeOfADeveloperIsNotAlarming() {
    var dev = FeaturesBuilder.row().modelRecon(2).modelInvocations(150).reconThenInvoke(true);
    assertThat(d.evaluate(ContextBuilder.of(dev).history(dev.history(20)).build())).isEmpty();
  }
}
