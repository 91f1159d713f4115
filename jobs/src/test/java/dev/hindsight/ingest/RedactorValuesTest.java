package dev.hindsight.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Secrets inside string values: SAS signatures, bearer tokens, JSON text with secret fields, GCP key material. */
class RedactorValuesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sasSignatureBearerTokenAndEmbeddedJson() throws Exception {
    JsonNode n = JSON.readTree("{\"uri\":\"https://a.blob.core.windows.net/c/b.zip?sv=2021-12-02&sp=r&sig=AbC%2Bd123&se=x\","
        + "\"headers\":[\"Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOi.abc.def\"],"
        + "\"properties\":{\"requestbody\":\"{\\\"properties\\\":{\\\"password\\\":\\\"hunter22\\\",\\\"size\\\":3}}\"},"
        + "\"response\":{\"privateKeyData\":\"ZXlKMGVYQWlPaUp6\"},\"plain\":\"nothing secret here\"}");
    assertThat(Redactor.redact(n)).isTrue();
    String s = n.toString();
    assertThat(s).doesNotContain("AbC%2Bd123").contains("sig=" + Redactor.MARK + "&se=x")
        .doesNotContain("eyJ0eXAiOiJKV1QiLCJhbGciOi").contains("Bearer " + Redactor.MARK)
        .doesNotContain("hunter22").contains("\\\"size\\\":3")
        .doesNotContain("ZXlKMGVYQWlPaUp6")
        .contains("nothing secret here");
    assertThat(Redactor.redact(n)).as("redacting twice changes nothing").isFalse();
    assertThat(Redactor.redactText("GET /c/b?sv=1&sig=XYZ123abc HTTP/1.1")).doesNotContain("XYZ123abc");
  }

  @Test
  void cleanRecordsAreLeftAlone() throws Exception {
    JsonNode n = JSON.readTree("{\"operationName\":\"Microsoft.Storage/storageAccounts/listKeys/action\","
        + "\"uri\":\"https://a.blob.core.windows.net/c/b.zip?sv=2021-12-02\",\"signature\":\"abc\"}");
    assertThat(Redactor.redact(n)).isFalse();
  }
}
