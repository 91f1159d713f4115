package dev.hindsight.synth;

import static dev.hindsight.synth.Json.arr;
import static dev.hindsight.synth.Json.obj;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Bedrock model-invocation logs in Bedrock's S3 layout
 * ({@code AWSLogs/<account>/BedrockModelInvocationLogs/<region>/YYYY/MM/DD/HH/<time>_<id>.json.gz}).
 *
 * <p>Background: a chatbot role (eu-west-1, Claude Haiku, steady traffic), an indexing role (us-east-1, Titan
 * embeddings) and a developer user trying models now and then. Incident (malicious): the chatbot role's
 * credentials invoke Claude Sonnet and Opus from us-west-2, a region it never used, at ~20x its usual token
 * volume (LLMjacking through a stolen role session). Confounder (benign): a summarisation batch role that runs
 * only on Sundays with a large but recurring token volume.
 */
final class SyntheticBedrock extends LlmSynth {
  static final String ACCOUNT = World.PROD;
  static final String CHATBOT = "arn:aws:iam::" + ACCOUNT + ":role/app-chatbot";
  static final String INDEXER = "arn:aws:iam::" + ACCOUNT + ":role/rag-indexer";
  static final String BATCH = "arn:aws:iam::" + ACCOUNT + ":role/batch-summariser";
  static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
  static final String SONNET = "anthropic.claude-3-5-sonnet-20240620-v1:0";
  static final String OPUS = "anthropic.claude-3-opus-20240229-v1:0";
  static final String TITAN_EMBED = "amazon.titan-embed-text-v2:0";

  @Override
  public String source() {
    return "bedrock-invocations";
  }

  @Override
  public Generated generate(Spec spec) throws IOException {
    Path input = fresh(spec, "AWSLogs");
    int perDay = Math.max(20, spec.eventsPerDay() / 10);
    int hit = incidentDay(spec.days());
    Label jack = new Label("bedrock-llmjacking-new-region", "llmjacking", true)
        .credential(CHATBOT, null, CHATBOT, ACCOUNT);
    jack.description = "app-chatbot role credentials invoke Claude Sonnet/Opus from us-west-2 (never used) at ~20x"
        + " the role's usual token volume";
    Label batch = new Label("bedrock-weekly-batch", "planned_batch", false).credential(BATCH, null, BATCH, ACCOUNT);
    batch.description = "batch-summariser runs every Sunday with a large, recurring token volume";
    for (int d = 0; d < spec.days(); d++) {
      LocalDate day = spec.start().plusDays(d);
      Rng r = Rng.of(spec.seed(), "bedrock", day.toString());
      int chats = (int) Math.round(perDay * 0.7 * (0.85 + 0.3 * r.nextDouble()));
      for (int i = 0; i < chats; i++) {
        invoke(r, day, CHATBOT, "chatbot-task-" + r.hex(8), World.EUW1, "InvokeModel", HAIKU,
            700 + r.nextInt(400), 150 + r.nextInt(150), true, null);
      }
      int embeds = (int) Math.round(perDay * 0.25 * (0.8 + 0.4 * r.nextDouble()));
      for (int i = 0; i < embeds; i++) {
        invoke(r, day, INDEXER, "indexer-" + r.hex(6), World.USE1, "InvokeModel", TITAN_EMBED,
            300 + r.nextInt(300), 0, false, null);
      }
      if (r.chance(0.4)) {
        for (int i = 0; i < 1 + r.nextInt(4); i++) {
          String user = "arn:aws:iam::" + ACCOUNT + ":user/bruno";
          invoke(r, day, user, null, World.EUW1, "Converse", r.chance(0.5) ? SONNET : HAIKU, 200 + r.nextInt(800),
              100 + r.nextInt(600), true, null);
        }
      }
      if (day.getDayOfWeek() == java.time.DayOfWeek.SUNDAY) {
        Label l = d >= hit ? batch : null;
        for (int i = 0; i < perDay * 2; i++) {
          invoke(r, day, BATCH, "batch-" + day, World.EUW1, "InvokeModel", SONNET, 6000 + r.nextInt(3000),
              800 + r.nextInt(400), false, l);
        }
      }
      if (d >= hit && d < hit + 2) {
        int n = chats * 3;
        for (int i = 0; i < n; i++) {
          invoke(r, day, CHATBOT, "botocore-session-" + (1700000000 + d), "us-west-2",
              r.chance(0.5) ? "InvokeModelWithResponseStream" : "InvokeModel", r.chance(0.6) ? SONNET : OPUS,
              2500 + r.nextInt(1500), 1500 + r.nextInt(1500), false, jack);
        }
      }
    }
    incidents.add(jack);
    if (batch.size() > 0) {
      confounders.add(batch);
    }
    return finish(spec, input);
  }

  private void invoke(Rng r, LocalDate day, String who, String session, String region, String op, String model,
      int in, int out, boolean diurnal, Label label) throws IOException {
    long t = timeOfDay(r, day, diurnal);
    String id = r.uuid();
    String identity = session == null ? who
        : who.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/" + session;
    Object body = model.startsWith("amazon.titan-embed")
        ? obj("inputText", "document chunk " + r.hex(12))
        : obj("anthropic_version", "bedrock-2023-05-31", "max_tokens", 1024,
            "messages", arr(obj("role", "user", "content", "synthetic prompt " + r.hex(16))));
    Object outBody = model.startsWith("amazon.titan-embed")
        ? obj("embedding", arr(0.012, -0.034, 0.056), "inputTextTokenCount", in)
        : obj("id", "msg_bdrk_" + r.alnum(24), "type", "message", "role", "assistant",
            "content", arr(obj("type", "text", "text", "synthetic completion " + r.hex(16))),
            "usage", obj("input_tokens", in, "output_tokens", out));
    Object record = obj("schemaType", "ModelInvocationLog", "schemaVersion", "1.0", "timestamp", Json.iso(t),
        "accountId", ACCOUNT, "identity", obj("arn", identity), "region", region, "requestId", id,
        "operation", op, "modelId", model,
        "input", obj("inputContentType", "application/json", "inputBodyJson", body, "inputTokenCount", in),
        "output", obj("outputContentType", "application/json", "outputBodyJson", outBody, "outputTokenCount", out));
    String hour = Json.iso(t - t % 3600);
    String file = ACCOUNT + "/BedrockModelInvocationLogs/" + region + "/" + hour.substring(0, 4) + "/"
        + hour.substring(5, 7) + "/" + hour.substring(8, 10) + "/" + hour.substring(11, 13) + "/"
        + Json.compact(t - t % 3600).replace("Z", "00Z") + "_" + Long.toHexString(Rng.mix(0, region, hour))
        + ".json.gz";
    add(file, t, record);
    if (label != null) {
      label.add(t, id, region);
    }
  }

  static List<String> roles() {
    return List.of(CHATBOT, INDEXER, BATCH);
  }
}
