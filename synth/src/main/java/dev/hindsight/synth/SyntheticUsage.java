package dev.hindsight.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.ingest.llm.AnthropicUsageSource;
import dev.hindsight.ingest.llm.OpenAiUsageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The vendors' admin usage reports of one organisation (Anthropic's Messages usage report, or OpenAI's
 * completions usage), as {@code hindsight pull} writes them: one page per day of 24 hourly buckets,
 * {@code <report>/YYYY/MM/DD/page-0000.json}, grouped by key, workspace / project, model and service tier.
 *
 * <p>Background: a production backend key at office hours on weekdays (high prompt-cache reads), lighter on
 * weekends; a developer key; console (Workbench) traffic on Anthropic. Incident (malicious): the backend key is
 * stolen and, for three days from the incident day, also runs around the clock on a model it never used, with no
 * cache reads and about 15x its usual daily tokens. Benign look-alikes: a planned weekly batch job on its own
 * key (batch tier, Sundays at night, large but every week the same), and the developer key's model upgrade on
 * the incident day (a new model at the same volume).
 */
final class SyntheticUsage implements SyntheticSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  enum Vendor { ANTHROPIC, OPENAI }

  private final Vendor vendor;
  private final List<Label> incidents = new ArrayList<>();
  private final List<Label> confounders = new ArrayList<>();

  SyntheticUsage(Vendor vendor) {
    this.vendor = vendor;
  }

  @Override
  public String source() {
    return vendor == Vendor.ANTHROPIC ? AnthropicUsageSource.NAME : OpenAiUsageSource.NAME;
  }

  private boolean anthropic() {
    return vendor == Vendor.ANTHROPIC;
  }

  /** One result row of an hour. */
  private record Row(String key, String model, String tier, long input, long cacheRead, long output, long requests) {}

  @Override
  public Generated generate(Spec spec) throws IOException {
    Path input = LlmSynth.fresh(spec, "usage");
    Rng w = Rng.of(spec.seed(), source(), "world");
    String app = anthropic() ? "apikey_01" + w.base32(22) : "key_" + w.alnum(16);
    String dev = anthropic() ? "apikey_01" + w.base32(22) : "key_" + w.alnum(16);
    String batch = anthropic() ? "apikey_01" + w.base32(22) : "key_" + w.alnum(16);
    String account = anthropic() ? "wrkspc_01" + w.base32(22) : "proj_" + w.alnum(24);
    String prefix = anthropic() ? "anthropic:key/" : "openai:key/";
    String usual = anthropic() ? "claude-sonnet-4-20250514" : "gpt-4o-2024-08-06";
    String devOld = anthropic() ? "claude-3-5-haiku-20241022" : "gpt-4o-mini-2024-07-18";
    String devNew = anthropic() ? "claude-haiku-4-5-20251001" : "gpt-4.1-mini-2025-04-14";
    String attackModel = anthropic() ? "claude-opus-4-1-20250805" : "gpt-4.1-2025-04-14";
    int hit = LlmSynth.incidentDay(spec.days());

    Label theft = new Label(source() + "-stolen-key", "stolen_llm_key_token_abuse", true)
        .credential(prefix + app, app, app, account);
    theft.description = "the production backend key is also used around the clock on a model it never used, with"
        + " no prompt-cache reads and about 15x its usual tokens, for three days";
    Label batchJob = new Label(source() + "-weekly-batch-job", "planned_batch_job", false)
        .credential(prefix + batch, batch, batch, account);
    batchJob.description = "a planned batch job on its own key, every Sunday night at the batch tier";
    Label upgrade = new Label(source() + "-model-upgrade", "model_upgrade", false)
        .credential(prefix + dev, dev, dev, account);
    upgrade.description = "the developer key moves to a newer model at the same volume";

    int files = 0;
    long rows = 0;
    for (int d = 0; d < spec.days(); d++) {
      LocalDate day = spec.start().plusDays(d);
      Rng r = Rng.of(spec.seed(), source(), day.toString());
      boolean weekend = day.getDayOfWeek().getValue() >= 6;
      ObjectNode page = JSON.createObjectNode();
      if (!anthropic()) {
        page.put("object", "page");
      }
      ArrayNode data = page.putArray("data");
      for (int h = 0; h < 24; h++) {
        List<Row> hour = new ArrayList<>();
        boolean office = h >= 8 && h <= 18;
        if (office && (!weekend || r.chance(0.3))) {
          long in = r.between(20_000, 40_000);
          hour.add(new Row(app, usual, "standard", in, in * r.between(60, 80) / 100, r.between(1_000, 3_000),
              r.between(40, 90)));
        }
        if (h >= 9 && h <= 17 && !weekend && r.chance(0.6)) {
          hour.add(new Row(dev, d >= hit ? devNew : devOld, "standard", r.between(2_000, 6_000), 0,
              r.between(300, 900), r.between(5, 20)));
        }
        if (day.getDayOfWeek() == DayOfWeek.SUNDAY && h >= 1 && h <= 5) {
          hour.add(new Row(batch, usual, "batch", r.between(700_000, 800_000), 0, r.between(40_000, 50_000),
              r.between(900, 1_100)));
        }
        if (anthropic() && office && !weekend && r.chance(0.3)) {
          hour.add(new Row(null, usual, "standard", r.between(500, 3_000), 0, r.between(100, 600), r.between(1, 5)));
        }
        if (d >= hit && d < hit + 3) {
          hour.add(new Row(app, attackModel, "standard", r.between(300_000, 500_000), 0, r.between(20_000, 40_000),
              r.between(200, 400)));
        }
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600L * h);
        Instant end = start.plusSeconds(3600);
        ObjectNode b = data.addObject();
        if (anthropic()) {
          b.put("starting_at", start.toString());
          b.put("ending_at", end.toString());
        } else {
          b.put("object", "bucket");
          b.put("start_time", start.getEpochSecond());
          b.put("end_time", end.getEpochSecond());
        }
        ArrayNode results = b.putArray("results");
        for (Row x : hour) {
          Map<String, String> dims = write(results.addObject(), x, account);
          String id = anthropic() ? AnthropicUsageSource.rowEventId(start, end, dims)
              : OpenAiUsageSource.rowEventId(start, end, dims);
          long t = start.getEpochSecond();
          if (x.key() != null && x.key().equals(app) && x.model().equals(attackModel)) {
            theft.add(t, id, null);
          } else if (x.key() != null && x.key().equals(batch) && d >= hit) {
            batchJob.add(t, id, null);
          } else if (x.key() != null && x.key().equals(dev) && d >= hit && d < hit + 3) {
            upgrade.add(t, id, null);
          }
          rows++;
        }
      }
      page.put("has_more", false);
      page.putNull("next_page");
      Path file = input.resolve(String.format("%s/%04d/%02d/%02d/page-0000.json", anthropic() ? "messages"
          : "completions", day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
      Files.createDirectories(file.getParent());
      Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(page));
      files++;
    }
    incidents.add(theft);
    for (Label l : List.of(batchJob, upgrade)) {
      if (l.size() > 0) {
        confounders.add(l);
      }
    }
    Path labels = spec.out().resolve("labels.json");
    Label.writeFile(labels, spec.seed(), spec.start(), spec.days(), spec.eventsPerDay(), incidents, confounders);
    return new Generated(source(), input, files, rows, rows, 0, incidents.size(), confounders.size(), labels);
  }

  /** Fills one result row in the vendor's shape; returns its dimensions as ingest names them (for its id). */
  private Map<String, String> write(ObjectNode o, Row x, String account) {
    Map<String, String> dims = new HashMap<>();
    if (anthropic()) {
      o.put("uncached_input_tokens", x.input());
      o.put("cache_read_input_tokens", x.cacheRead());
      ObjectNode cc = o.putObject("cache_creation");
      cc.put("ephemeral_1h_input_tokens", 0);
      cc.put("ephemeral_5m_input_tokens", x.cacheRead() > 0 ? x.input() / 20 : 0);
      o.put("output_tokens", x.output());
      o.putObject("server_tool_use").put("web_search_requests", 0);
      o.put("api_key_id", x.key());
      o.put("workspace_id", account);
      o.put("model", x.model());
      o.put("service_tier", x.tier());
      o.put("context_window", "0-200k");
      dims.put("api_key_id", x.key());
      dims.put("workspace_id", account);
      dims.put("model", x.model());
      dims.put("service_tier", x.tier());
      dims.put("context_window", "0-200k");
    } else {
      boolean isBatch = "batch".equals(x.tier());
      o.put("object", "organization.usage.completions.result");
      o.put("input_tokens", x.input() + x.cacheRead());
      o.put("output_tokens", x.output());
      o.put("input_cached_tokens", x.cacheRead());
      o.put("input_audio_tokens", 0);
      o.put("output_audio_tokens", 0);
      o.put("num_model_requests", x.requests());
      o.put("project_id", account);
      o.putNull("user_id");
      o.put("api_key_id", x.key());
      o.put("model", x.model());
      o.put("batch", isBatch);
      o.put("service_tier", "default");
      dims.put("project_id", account);
      dims.put("api_key_id", x.key());
      dims.put("model", x.model());
      dims.put("batch", String.valueOf(isBatch));
      dims.put("service_tier", "default");
    }
    return dims;
  }
}
