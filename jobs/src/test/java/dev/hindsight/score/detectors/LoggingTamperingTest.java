package dev.hindsight.score.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.score.ContextBuilder;
import dev.hindsight.score.FeaturesBuilder;
import dev.hindsight.score.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoggingTamperingTest {
  private final LoggingTampering d = new LoggingTampering();

  @Test
  void stoppingAndDeletingTheTrailIsVeryHigh() {
    var daniel = FeaturesBuilder.row().region("us-east-1").loggingTamper(3).actions(List.of(
        "cloudtrail.amazonaws.com:DeleteTrail", "cloudtrail.amazonaws.com:DescribeTrails",
        "cloudtrail.amazonaws.com:PutEventSelectors", "cloudtrail.amazonaws.com:StopLogging"));
    Signal s = d.evaluate(ContextBuilder.of(daniel).history(FeaturesBuilder.row().history(30)).build()).get();
    assertThat(s.score()).isGreaterThanOrEqualTo(90);
    assertThat(s.reason()).isEqualTo("tampered with audit logging (DeleteTrail, StopLogging, PutEventSelectors)");
  }

  @Test
  void noTamperingIsQuiet() {
    assertThat(d.evaluate(ContextBuilder.of(FeaturesBuilder.row()).build())).isEmpty();
  }

  @Test
  void routineReconfigurationIsDampedButStoppingNever() {
    var iac = FeaturesBuilder.row().role("arn:aws:iam::1:role/terraform").loggingTamper(1)
        .actions(List.of("cloudtrail.amazonaws.com:UpdateTrail"));
    var history = iac.history(10);
    Signal s = d.evaluate(ContextBuilder.of(iac).history(history).build()).get();
    assertThat(s.score()).isEqualTo(35);
    Signal stop = d.evaluate(ContextBuilder.of(iac.actions(List.of("cloudtrail.amazonaws.com:StopLogging")))
        .history(history).build()).get();
    assertThat(stop.score()).isGreaterThanOrEqualTo(90);
  }
}
