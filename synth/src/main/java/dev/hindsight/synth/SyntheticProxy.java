package dev.hindsight.synth;

import static dev.hindsight.synth.Json.obj;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * LiteLLM proxy spend logs (SpendLogs rows as JSON lines, read with the built-in {@code litellm} mapping), one
 * gzip file per day under {@code spendlogs/YYYY/MM/DD/}.
 *
 * <p>Background: a production chatbot key (from two AWS eu-west-1 NAT addresses), an analytics notebook key
 * (an office line in Berlin, working days) and a CI evaluation key (AWS us-east-1, nightly), each with steady
 * token use. Incident (malicious): the notebook key leaks and is resold (LLMjacking): for two days it is used
 * from hosting and VPN networks abroad, around the clock, with ~20x its usual tokens on the largest models.
 */
final class SyntheticProxy extends LlmSynth {
  static final String TEAM = "team-platform";

  private record Key(String alias, String hash, String user, String[] ips, String model, int in, int out) {}

  @Override
  public String source() {
    return "proxy";
  }

  @Override
  public Generated generate(Spec spec) throws IOException {
    Path input = fresh(spec, "spendlogs");
    Rng w = Rng.of(spec.seed(), "proxy", "world");
    Key chatbot = new Key("prod-chatbot", w.hex(64), "svc-chatbot",
        new String[] {World.awsIp(w, World.EUW1), World.awsIp(w, World.EUW1)}, "gpt-4o-mini", 900, 250);
    Key notebook = new Key("analytics-notebook", w.hex(64), "katja@example.com",
        new String[] {w.ipIn(World.OFFICE_BERLIN)}, "claude-3-5-sonnet-20240620", 1800, 600);
    Key ci = new Key("ci-evals", w.hex(64), "svc-ci", new String[] {World.awsIp(w, World.USE1)}, "gpt-4o", 1200, 400);
    int perDay = Math.max(20, spec.eventsPerDay() / 10);
    int hit = incidentDay(spec.days());
    Label jack = new Label("proxy-llmjacking-leaked-key", "llmjacking", true)
        .credential("litellm:key/" + notebook.hash(), null, notebook.user(), TEAM);
    jack.description = "the analytics-notebook key is used from hosting and VPN networks abroad with ~20x its usual"
        + " token volume on the largest models";
    String[] attackerIps = {w.ipIn(World.VPN_M247), w.ipIn(World.HOSTING_5_188), w.ipIn(World.HOSTING_5_188)};
    for (int d = 0; d < spec.days(); d++) {
      LocalDate day = spec.start().plusDays(d);
      Rng r = Rng.of(spec.seed(), "proxy", day.toString());
      boolean weekend = day.getDayOfWeek().getValue() >= 6;
      int n = (int) Math.round(perDay * 0.6 * (0.85 + 0.3 * r.nextDouble()));
      for (int i = 0; i < n; i++) {
        call(r, day, chatbot, r.pick(chatbot.ips()), chatbot.model(), 1.0, true, null);
      }
      if (!weekend) {
        for (int i = 0; i < Math.max(3, perDay / 8); i++) {
          call(r, day, notebook, notebook.ips()[0], notebook.model(), 1.0, true, null);
        }
      }
      for (int i = 0; i < Math.max(3, perDay / 6); i++) {
        call(r, day, ci, ci.ips()[0], ci.model(), 1.0, false, null);
      }
      if (d >= hit && d < hit + 2) {
        for (int i = 0; i < Math.max(3, perDay / 8) * 6; i++) {
          call(r, day, notebook, r.pick(attackerIps), r.chance(0.6) ? "claude-3-opus-20240229" : "gpt-4o", 3.5,
              false, jack);
        }
      }
    }
    incidents.add(jack);
    return finish(spec, input);
  }

  private void call(Rng r, LocalDate day, Key k, String ip, String model, double scale, boolean diurnal, Label label)
      throws IOException {
    long t = timeOfDay(r, day, diurnal);
    String id = "chatcmpl-" + r.alnum(29);
    long in = Math.round((k.in() * (0.7 + 0.6 * r.nextDouble())) * scale);
    long out = Math.round((k.out() * (0.7 + 0.6 * r.nextDouble())) * scale);
    boolean failed = r.chance(0.01);
    String start = Json.iso(t).replace("Z", ".000000+00:00");
    String end = Json.iso(t + 1 + r.nextInt(20)).replace("Z", ".000000+00:00");
    Object row = obj("request_id", id, "call_type", "acompletion", "api_key", k.hash(),
        "spend", Math.round((in * 3 + out * 15) / 1000.0) / 1000.0, "total_tokens", in + out,
        "prompt_tokens", in, "completion_tokens", out, "startTime", start, "endTime", end,
        "completionStartTime", end, "model", model, "model_id", "model-" + model.hashCode(), "model_group", model,
        "api_base", "https://api.example-llm.invalid/v1", "user", k.user(), "team_id", TEAM,
        "metadata", obj("user_api_key_alias", k.alias(), "user_api_key_team_id", TEAM,
            "user_api_key_user_id", k.user(), "status", failed ? "failure" : "success"),
        "cache_hit", "False", "cache_key", "Cache OFF", "request_tags", Json.arr(),
        "requester_ip_address", ip, "status", failed ? "failure" : "success", "messages", Json.arr(),
        "response", obj());
    String d = Json.iso(t).substring(0, 10);
    add(d.replace('-', '/') + "/spendlogs-" + d.replace("-", "") + ".jsonl.gz", t, row);
    if (label != null) {
      label.add(t, id, null);
    }
  }
}
