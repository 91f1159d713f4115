package dev.hindsight.ingest.cloudtrail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.lake.tables.Events;
import dev.hindsight.ingest.FileBytes;
import dev.hindsight.ingest.JsonScanner;
import dev.hindsight.ingest.ParseLimits;
import dev.hindsight.ingest.Reason;
import dev.hindsight.ingest.RecordSink;
import dev.hindsight.ingest.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Parses one CloudTrail file in a single streaming pass over its decompressed bytes. Records are kept byte
 * for byte as delivered (raw), unless a secret had to be redacted from them.
 *
 * <p>Shapes: {@code {"Records":[...]}} (delivery files), {@code [...]} (a bare array), and a sequence of
 * root objects, one per line or pretty-printed (JSON lines from CloudTrail Lake, EventBridge, Logstash, or
 * {@code aws cloudtrail lookup-events}). A bad line in a sequence is quarantined and parsing resumes at the
 * next line that starts a root object; a syntax error inside an array ends the file with one quarantine row
 * that says how much was not read.
 */
final class CloudTrailParser extends JsonScanner {
  private final String inputFile;
  private final ParseLimits limits;
  private String shape;

  CloudTrailParser(String inputFile, ParseLimits limits, RecordSink sink) {
    super(sink);
    this.inputFile = inputFile;
    this.limits = limits;
  }

  /** @return the file's shape: records, array, jsonl, lookup_events, eventbridge, logstash, digest, unknown */
  String parse(FileBytes fb) {
    return scan(fb);
  }

  @Override
  protected Body body(FileBytes fb, int start) {
    boolean ended;
    byte first = data[start];
    if (first == '[') {
      shape = "array";
      ended = parseArrayFile(fb);
    } else if (first == '{') {
      switch (peekRootObject(start)) {
        case RECORDS -> {
          shape = "records";
          ended = parseRecordsFile(fb, "Records");
        }
        case DIGEST -> {
          return new Body("digest", true); // a digest file: nothing more to read or report
        }
        default -> {
          shape = "jsonl";
          ended = parseRootSequence(start, fb);
        }
      }
    } else {
      quarantine(-1, (long) start, fb.problem() != null ? fb.problem() : Reason.INVALID_JSON,
          fb.problem() != null ? fb.detail() : "the file does not start with a JSON object or array",
          snippet(start, length), null, null);
      return new Body("unknown", true);
    }
    return new Body(shape, ended);
  }

  private enum Root { RECORDS, DIGEST, OTHER }

  /** Looks at the top-level field names of the first root object without building it. */
  private Root peekRootObject(int start) {
    try (JsonParser p = MAPPER.getFactory().createParser(data, 0, length)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("Records".equals(name) && value == JsonToken.START_ARRAY) {
          return Root.RECORDS;
        }
        if ("digestStartTime".equals(name) || "digestPublicKeyFingerprint".equals(name)) {
          return Root.DIGEST;
        }
        if ("eventVersion".equals(name) || "eventID".equals(name) || "eventTime".equals(name)) {
          return Root.OTHER;
        }
        p.skipChildren();
      }
      return Root.OTHER;
    } catch (IOException e) {
      return Root.OTHER; // the sequence parser reports it, record by record
    }
  }

  @Override
  protected void rootValue(JsonNode node) {
    if (ordinal == 0) {
      shape = sequenceShape(node);
    }
  }

  @Override
  protected String snippetOf(String text) {
    return Redactor.redactText(clip(text));
  }

  private static String sequenceShape(JsonNode node) {
    if (node.has("CloudTrailEvent")) {
      return "lookup_events";
    }
    if (node.has("detail-type") && node.has("detail")) {
      return "eventbridge";
    }
    if (node.has("@timestamp") && !node.has("eventTime")) {
      return "logstash";
    }
    return "jsonl";
  }

  /** One record object, bytes [s, e) of the file. */
  @Override
  protected void record(JsonNode node, int s, int e) {
    long position = ordinal++;
    if (e - s > limits.maxRecordBytes()) {
      quarantine(position, (long) s, Reason.OVERSIZED_RECORD,
          "record of " + (e - s) + " bytes is over --max-record-bytes " + limits.maxRecordBytes(),
          snippet(s, e), text(node, "eventID"), null);
      return;
    }
    String raw = new String(data, s, e - s, StandardCharsets.UTF_8);
    JsonNode rec = node;
    if (node.has("CloudTrailEvent")) {
      JsonNode inner = node.get("CloudTrailEvent");
      if (!inner.isTextual()) {
        quarantine(position, (long) s, Reason.WRONG_TYPE, "CloudTrailEvent is not a string", snippet(s, e),
            text(node, "EventId"), null);
        return;
      }
      try {
        rec = MAPPER.readTree(inner.asText());
      } catch (IOException ex) {
        quarantine(position, (long) s, Reason.INVALID_JSON, "CloudTrailEvent is not JSON: " + shortMessage(ex),
            snippet(s, e), text(node, "EventId"), null);
        return;
      }
      if (Redactor.mayContainSecrets(raw) && Redactor.redact(rec)) {
        ((ObjectNode) node).put("CloudTrailEvent", rec.toString());
        raw = node.toString();
      }
    } else {
      if (node.has("detail-type") && node.path("detail").isObject()) {
        rec = node.get("detail");
      }
      if (Redactor.mayContainSecrets(raw) && Redactor.redact(node)) {
        raw = node.toString();
      }
    }
    if (!rec.isObject()) {
      quarantine(position, (long) s, Reason.NOT_A_RECORD, "the record is not a JSON object", snippet(s, e), null,
          null);
      return;
    }
    if ("Insight".equals(rec.path("eventCategory").asText()) || rec.has("insightDetails")) {
      sink.skippedRecord();
      return;
    }
    Events v = new Events();
    CloudTrailMapper.Problem problem = CloudTrailMapper.map(rec, v);
    if (problem != null) {
      quarantine(position, (long) s, problem.reason(), problem.detail(), Redactor.redactText(clip(raw)),
          v.eventId(), v.eventDate());
      return;
    }
    v.source(CloudTrailSource.NAME);
    v.raw(raw);
    v.inputFile(inputFile);
    v.inputPosition(position);
    sink.event(v, v.eventDate());
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

}
