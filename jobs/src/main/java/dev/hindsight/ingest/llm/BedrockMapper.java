package dev.hindsight.ingest.llm;

import static dev.hindsight.ingest.JsonFields.instant;
import static dev.hindsight.ingest.JsonFields.lng;
import static dev.hindsight.ingest.JsonFields.setTime;
import static dev.hindsight.ingest.JsonFields.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.lake.tables.Events;
import dev.hindsight.ingest.JsonFields.Bad;
import dev.hindsight.ingest.Reason;
import dev.hindsight.ingest.cloudtrail.CloudTrailMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Bedrock {@code ModelInvocationLog} record. The credential is the identity ARN in CloudTrail's terms, so
 * a role's Bedrock usage and its CloudTrail activity are one credential: an assumed-role ARN belongs to its
 * role ({@code role_session}, credential_id = the role ARN, as CloudTrailMapper does); an IAM user ARN is the
 * user ({@code iam_user}: the invocation log has no access key id, so it cannot be the AKIA key CloudTrail
 * scores for the same user); root is the root ARN. event_id = requestId, action = operation, resource = modelId,
 * tokens from inputTokenCount / outputTokenCount.
 *
 * <p>Prompt and completion content never reaches the lake: everything in {@code input} and {@code output} except
 * content types, token counts and S3 pointers is replaced by its size and SHA-256 (in raw, request_json and
 * response_json), and a malformed line gets no snippet in quarantine.
 */
final class BedrockMapper extends ContentMapper {
  private static final long serialVersionUID = 1L;
  static final String SERVICE = "bedrock.amazonaws.com";
  private static final Set<String> KEEP = Set.of("inputContentType", "outputContentType", "inputTokenCount",
      "outputTokenCount", "cacheReadInputTokenCount", "cacheWriteInputTokenCount", "inputBodyS3Path",
      "outputBodyS3Path");

  @Override
  public String source() {
    return BedrockInvocationsSource.NAME;
  }

  @Override
  void mapRecord(ObjectNode r, Events v) {
    // Content first: whatever happens next, the record must not carry it.
    ObjectNode inSummary = strip(r, "input");
    ObjectNode outSummary = strip(r, "output");
    String id = str(r, "requestId");
    v.eventId(id);
    setTime(v, instant(r.get("timestamp"), "timestamp", null));
    if (id == null) {
      throw new Bad(Reason.MISSING_EVENT_ID, "the record has no requestId");
    }
    String schema = str(r, "schemaType");
    if (schema != null && !schema.equals("ModelInvocationLog")) {
      throw new Bad(Reason.UNRECOGNIZED_SHAPE, "schemaType " + schema + " is not ModelInvocationLog");
    }
    String operation = str(r, "operation");
    String model = str(r, "modelId");
    if (operation == null && model == null) {
      throw new Bad(Reason.UNRECOGNIZED_SHAPE, "neither operation nor modelId: not a model invocation log");
    }
    v.eventType(schema != null ? schema : "ModelInvocationLog");
    v.service(SERVICE);
    v.action(operation != null ? operation : "InvokeModel");
    v.resource(model);
    v.accountId(str(r, "accountId"));
    v.region(str(r, "region"));
    JsonNode in = r.path("input");
    JsonNode out = r.path("output");
    v.tokensIn(lng(in, "inputTokenCount"));
    v.tokensOut(lng(out, "outputTokenCount"));
    String error = str(r, "errorCode");
    v.errorCode(error);
    v.errorMessage(Secrets.scrubText(str(r, "errorMessage")));
    v.outcome(error == null ? "success" : "failure");
    v.readOnly(Boolean.FALSE);
    identity(r, v);
    ObjectNode req = JsonNodeFactory.instance.objectNode();
    req.put("modelId", model);
    req.put("operation", operation);
    copy(in, req, "inputContentType", "inputTokenCount", "cacheReadInputTokenCount", "cacheWriteInputTokenCount",
        "inputBodyS3Path");
    if (inSummary != null) {
      req.set("omitted", inSummary);
    }
    v.requestJson(req.toString());
    ObjectNode resp = JsonNodeFactory.instance.objectNode();
    copy(out, resp, "outputContentType", "outputTokenCount", "outputBodyS3Path");
    if (outSummary != null) {
      resp.set("omitted", outSummary);
    }
    v.responseJson(resp.isEmpty() ? null : resp.toString());
  }

  private static void identity(JsonNode r, Events v) {
    JsonNode id = r.get("identity");
    String arn = id == null ? null : id.isTextual() ? id.asText() : str(id, "arn");
    v.principal(arn);
    if (arn == null) {
      v.credentialType("unknown");
      return;
    }
    String last = arn.substring(arn.lastIndexOf('/') + 1);
    if (arn.contains(":assumed-role/")) {
      String role = CloudTrailMapper.roleArnFromSession(arn);
      v.credentialId(role);
      v.credentialType("role_session");
      v.principalType("AssumedRole");
      v.sessionIssuer(role);
      v.sessionName(last);
      v.principalName(role.substring(role.lastIndexOf('/') + 1));
    } else if (arn.contains(":user/")) {
      v.credentialId(arn);
      v.credentialType("iam_user");
      v.principalType("IAMUser");
      v.principalName(last);
    } else if (arn.endsWith(":root")) {
      v.credentialId(arn);
      v.credentialType("root");
      v.principalType("Root");
      v.principalName("root");
    } else {
      v.credentialId(arn);
      v.credentialType("unknown");
      v.principalName(last);
    }
  }

  /**
   * Replaces every field of r.input / r.output that is not a content type, token count or S3 pointer by
   * {bytes, sha256}; returns the summary of what was removed (null if nothing).
   */
  static ObjectNode strip(ObjectNode r, String part) {
    JsonNode p = r.get(part);
    if (p == null || p.isNull()) {
      return null;
    }
    if (!p.isObject()) {
      r.set(part, summary(p));
      return summary(p);
    }
    ObjectNode obj = (ObjectNode) p;
    ObjectNode removed = JsonNodeFactory.instance.objectNode();
    List<String> names = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!KEEP.contains(e.getKey()) && !e.getValue().isNull()) {
        names.add(e.getKey());
      }
    }
    for (String n : names) {
      ObjectNode s = summary(obj.get(n));
      obj.set(n, s);
      removed.set(n, s);
    }
    return removed.isEmpty() ? null : removed;
  }

  private static ObjectNode summary(JsonNode content) {
    byte[] b = content.toString().getBytes(StandardCharsets.UTF_8);
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("omitted_by_hindsight", true);
    s.put("bytes", b.length);
    s.put("sha256", dev.hindsight.lake.Hashes.sha256Hex(b));
    return s;
  }

  private static void copy(JsonNode from, ObjectNode to, String... fields) {
    for (String f : fields) {
      JsonNode n = from.get(f);
      if (n != null && !n.isNull() && n.isValueNode()) {
        to.set(f, n);
      }
    }
  }

  @Override
  public String snippet(String text) {
    return null; // a malformed line may hold prompt content that could not be located and removed
  }

  @Override
  public String eventIdOf(JsonNode rec) {
    JsonNode n = rec.get("requestId");
    return n != null && n.isTextual() ? n.asText() : null;
  }
}
