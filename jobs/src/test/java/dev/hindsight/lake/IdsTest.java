package dev.hindsight.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The stored ids' recipes are frozen (rows of existing lakes are keyed by them). The expected values were computed
 * outside Java (Python's hashlib and hmac over the documented recipe), so a change of recipe fails here.
 */
class IdsTest {
  @Test
  void derivedEventIdsFollowTheUnitSeparatorConvention() {
    assertThat(Ids.derivedEventId("gcp-audit", "2026-01-01T00:00:00Z", null))
        .isEqualTo("h-925fc045770d6d06675e576643af8682");
    assertThat(Ids.derivedEventId("ab", null)).as("parts are separated, not concatenated")
        .isNotEqualTo(Ids.derivedEventId("a", "b"));
  }

  @Test
  void findingSampleAndDrawIdsKeepTheirStoredRecipes() {
    assertThat(Ids.findingId("aws:AKIA1", LocalDate.of(2026, 1, 5))).isEqualTo("56c12c1f81088afb541bf6e8");
    assertThat(Ids.sampleId("events", "3", "2026-01-01")).isEqualTo("b59c7519266f3dbed1a1b315");
    assertThat(Ids.drawKey("42", "e-1")).isEqualTo("5d5450d40d4f0c1ac497780b65614c246153abb99804df2faa8449e6cd127d5e");
  }

  @Test
  void keyedHashesAreHmacSha256() {
    assertThat(Hashes.hmacSha256Hex("secret", "sk-ant-raw", 32)).isEqualTo("de17a0ae538b01df9a395ca3388685b5");
    assertThat(Hashes.sha256Hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}
