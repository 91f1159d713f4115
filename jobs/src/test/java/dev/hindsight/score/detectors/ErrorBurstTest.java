package dev.hindsight.score.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.score.ContextBuilder;
import dev.hindsight.score.FeaturesBuilder;
import dev.hindsight.score.Signal;
import org.junit.jupiter.api.Test;

class ErrorBurstTest {
  private final ErrorBurst d = new ErrorBurst();

  private static FeaturesBuilder logShipper() {
    return FeaturesBuilder.row().role("arn:aws:iam::482910375561:role/log-shipper").events(98).accessDenied(0)
        .failures(1).distinctActions(5);
  }

  @Test
  void manyDenialsAcrossManyActionsIsEnumeration() {
    var burst = logShipper().events(400).accessDenied(240).failures(241).distinctActions(50);
    Signal s = d.evaluate(ContextBuilder.of(burst).history(logShipper().history(30)).build()).get();
    assertThat(s.score()).isGreaterThanOrEqualTo(80);
    assertThat(s.reason()).isEqualTo("made 60% of calls AccessDenied (240 of 400, 50 distinct actions)");
    assertThat(s.feature()).isEqualTo("access_denied");
  }

  @Test
  void ordinaryFailuresAreQuiet() {
    assertThat(d.evaluate(ContextBuilder.of(logShipper().accessDenied(2)).history(logShipper().history(30)).build()))
        .isEmpty();
    // Many denials, but a small share of a big day.
    assertThat(d.evaluate(ContextBuilder.of(logShipper().events(5000).accessDenied(60))
        .history(logShipper().history(30)).build())).isEmpty();
  }

  @Test
  void aCredentialThatIsAlwaysDeniedAlotIsQuiet() {
    var scanner = logShipper().events(200).accessDenied(80);
    assertThat(d.evaluate(ContextBuilder.of(scanner.accessDenied(100)).history(scanner.history(30)).build())).isEmpty();
  }

  @Test
  void thresholdsAreParameters() {
    var burst = logShipper().events(60).accessDenied(15).distinctActions(30);
    assertThat(d.evaluate(ContextBuilder.of(burst).history(logShipper().history(30)).build())).isEmpty();
    assertThat(d.evaluate(ContextBuilder.of(burst).history(logShipper().history(30))
        .param("error_burst.min_denied", 10).build())).isPresent();
  }
}
