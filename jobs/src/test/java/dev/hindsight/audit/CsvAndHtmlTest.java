package dev.hindsight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvAndHtmlTest {
  @Test
  void csvQuotesWhatNeedsItAndTellsEmptyFromMissing() {
    StringBuilder b = new StringBuilder();
    Csv.line(b, Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", "", null, " edge"));
    assertThat(b.toString()).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\",,\" edge\"\n");
  }

  @Test
  void htmlEscapesEverythingFromTheLake() {
    assertThat(ReportHtml.esc("<script>alert('x')</script> & \"q\""))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  }

  @Test
  void missingDaysAreShownAsRanges() {
    LocalDate d = LocalDate.of(2026, 1, 1);
    assertThat(ReportHtml.ranges(List.of(d, d.plusDays(2), d.plusDays(3), d.plusDays(4), d.plusDays(9))))
        .isEqualTo("2026-01-01, 2026-01-03..2026-01-05, 2026-01-10");
  }
}
