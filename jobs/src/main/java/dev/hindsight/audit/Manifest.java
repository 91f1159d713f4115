package dev.hindsight.audit;

import dev.hindsight.error.Errors;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hindsight.lake.RunLog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * manifest.json beside a sample's export: everything needed to prove later what was sampled and to draw it
 * again (table, Delta version, period, size, seed, strata), the allocation, and the export's sha256. It holds
 * no wall-clock time, so the same sample always has the same manifest.
 */
record Manifest(String sampleId, String table, String tableUri, long tableVersion, LocalDate from, LocalDate to,
    int sizeRequested, long seed, List<String> stratifyBy, boolean includeRaw, String format, long population,
    long rows, List<SampleJob.Stratum> strata, String exportFile, long exportBytes, String exportSha256,
    String codeVersion) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static Manifest of(SampleJob.Options o, String tableUri, SampleJob.Drawn d, String exportFile, String sha) {
    return new Manifest(d.sampleId(), o.table().name(), tableUri, d.version(), o.from(), o.to(), o.size(), o.seed(),
        o.stratifyBy(), o.includeRaw(), o.format().name(), d.population(), d.rowIds().size(), d.strata(), exportFile,
        d.export().length, sha, RunLog.codeVersion());
  }

  SampleJob.Options options(String out) {
    return new SampleJob.Options(SampleJob.Table.valueOf(table), from, to, sizeRequested, seed, stratifyBy,
        tableVersion, out, SampleJob.Format.valueOf(format), includeRaw);
  }

  String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sample_id", sampleId);
    m.put("table", table);
    m.put("table_uri", tableUri);
    m.put("table_version", tableVersion);
    Map<String, Object> period = new LinkedHashMap<>(); // Map.of's order changes from one JVM to the next
    period.put("from", from.toString());
    period.put("to", to.toString());
    m.put("period", period);
    m.put("size_requested", sizeRequested);
    m.put("seed", seed);
    m.put("stratify_by", stratifyBy);
    m.put("include_raw", includeRaw);
    m.put("method", "rows of the period ordered by sha256(seed|row_id) within each stratum; each stratum keeps its"
        + " first k. Allocation: one row per non-empty stratum, the rest in proportion to the rows each has left"
        + " (largest remainder, ties by stratum label).");
    m.put("row_id", "events".equals(table) ? "source:event_id" : "finding_id");
    m.put("population", population);
    m.put("rows", rows);
    List<Map<String, Object>> s = new ArrayList<>();
    for (SampleJob.Stratum st : strata) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("stratum", st.label());
      x.put("values", st.values());
      x.put("population", st.population());
      x.put("sampled", st.sampled());
      s.add(x);
    }
    m.put("strata", s);
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("file", exportFile);
    e.put("format", format);
    e.put("bytes", exportBytes);
    e.put("sha256", exportSha256);
    m.put("export", e);
    m.put("hindsight_version", codeVersion);
    try {
      return JSON.writeValueAsString(m) + "\n";
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  static Manifest read(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      List<String> strat = new ArrayList<>();
      n.path("stratify_by").forEach(x -> strat.add(x.asText()));
      List<SampleJob.Stratum> strata = new ArrayList<>();
      for (JsonNode s : n.path("strata")) {
        Map<String, String> values = new LinkedHashMap<>();
        s.path("values").fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().asText()));
        strata.add(new SampleJob.Stratum(values, s.path("population").asLong(), s.path("sampled").asLong()));
      }
      JsonNode e = n.path("export");
      return new Manifest(text(n, "sample_id"), text(n, "table"), text(n, "table_uri"), n.path("table_version").asLong(),
          LocalDate.parse(text(n.path("period"), "from")), LocalDate.parse(text(n.path("period"), "to")),
          n.path("size_requested").asInt(), n.path("seed").asLong(), strat, n.path("include_raw").asBoolean(),
          text(n.path("export"), "format"), n.path("population").asLong(), n.path("rows").asLong(), strata, text(e, "file"),
          e.path("bytes").asLong(), text(e, "sha256"), n.path("hindsight_version").asText(""));
    } catch (JsonProcessingException | RuntimeException ex) {
      throw Errors.jobFailed("Cannot verify the sample: its manifest.json is not a hindsight sample manifest: " + ex.getMessage(), ex);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing '" + field + "'");
    }
    return v.asText();
  }
}
