package dev.hindsight.ingest.cloudtrail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.ingest.EventRow;
import dev.hindsight.ingest.FileBytes;
import dev.hindsight.ingest.ParseLimits;
import dev.hindsight.ingest.Reason;
import dev.hindsight.ingest.RecordSink;
import dev.hindsight.ingest.Redactor;
import java.io.CharConversionException;
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
final class CloudTrailParser {
  static final ObjectMapper MAPPER;

  static {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE / 2).build())
        .build();
    MAPPER = new ObjectMapper(factory);
  }

  private static final int SNIPPET = 512;

  private final String inputFile;
  private final ParseLimits limits;
  private final RecordSink sink;
  private byte[] data;
  private int length;
  private long ordinal;
  private String shape;

  CloudTrailParser(String inputFile, ParseLimits limits, RecordSink sink) {
    this.inputFile = inputFile;
    this.limits = limits;
    this.sink = sink;
  }

  /** @return the file's shape: records, array, jsonl, lookup_events, eventbridge, logstash, digest, unknown */
  String parse(FileBytes fb) {
    data = fb.data();
    length = fb.length();
    int start = skipWhitespace(0);
    if (start >= length) {
      if (fb.problem() != null) {
        quarantine(-1, 0L, fb.problem(), fb.detail(), null, null, null);
      } else {
        quarantine(-1, null, Reason.EMPTY_FILE, "the file has no content", null, null, null);
      }
      return "unknown";
    }
    boolean ended;
    byte first = data[start];
    if (first == '[') {
      shape = "array";
      ended = parseArrayFile(fb);
    } else if (first == '{') {
      switch (peekRootObject(start)) {
        case RECORDS -> {
          shape = "records";
          ended = parseRecordsFile(fb);
        }
        case DIGEST -> {
          return "digest";
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
      return "unknown";
    }
    if (!ended && fb.problem() != null) {
      // The records were all read, but the file still ended badly (e.g. a truncated gzip trailer).
      quarantine(ordinal, (long) length, fb.problem(), fb.detail(), null, null, null);
    }
    return shape;
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

  /** {"Records":[...]}: returns true if a file-level problem was already reported. */
  private boolean parseRecordsFile(FileBytes fb) {
    try (JsonParser p = MAPPER.getFactory().createParser(data, 0, length)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("Records".equals(name) && value == JsonToken.START_ARRAY) {
          readArrayElements(p);
        } else {
          p.skipChildren();
        }
      }
      return false;
    } catch (IOException e) {
      return failRest(e, fb);
    }
  }

  private boolean parseArrayFile(FileBytes fb) {
    try (JsonParser p = MAPPER.getFactory().createParser(data, 0, length)) {
      p.nextToken();
      readArrayElements(p);
      if (p.nextToken() != null) {
        quarantine(ordinal, p.currentTokenLocation().getByteOffset(), Reason.INVALID_JSON,
            "content after the end of the records array was not read",
            snippet((int) p.currentTokenLocation().getByteOffset(), length), null, null);
      }
      return false;
    } catch (IOException e) {
      return failRest(e, fb);
    }
  }

  private void readArrayElements(JsonParser p) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "end of input inside the records array");
      }
      int s = (int) p.currentTokenLocation().getByteOffset();
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        int e = (int) p.currentLocation().getByteOffset();
        quarantine(ordinal++, (long) s, Reason.NOT_A_RECORD, "array element is " + t.asString(),
            snippet(s, e), null, null);
        continue;
      }
      JsonNode node = MAPPER.readTree(p);
      int e = (int) p.currentLocation().getByteOffset();
      record(node, s, e);
    }
  }

  /** A parse error inside an array: everything after it is quarantined as one row. */
  private boolean failRest(IOException e, FileBytes fb) {
    long offset = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
        ? Math.max(0, jpe.getLocation().getByteOffset()) : -1;
    Reason reason = classify(e, fb);
    String detail = (reason == fb.problem() ? fb.detail() + "; " : "") + "records from #" + ordinal
        + " on were not readable: " + shortMessage(e);
    int from = offset < 0 ? 0 : (int) Math.min(offset, length);
    quarantine(ordinal, offset < 0 ? null : offset, reason, detail, snippet(Math.max(0, from - 64), length),
        null, null);
    return true;
  }

  /**
   * A sequence of root values (JSON lines, or pretty-printed objects one after another). On a syntax error,
   * resumes at the next line that starts with '{'.
   */
  private boolean parseRootSequence(int start, FileBytes fb) {
    int pos = start;
    while (pos < length) {
      int resumeAt;
      // Jackson reports offsets relative to where the parser started (checked in CloudTrailParserTest).
      long base = pos;
      int current = -1; // start of the root value being read, if any
      try (JsonParser p = MAPPER.getFactory().createParser(data, pos, length - pos)) {
        JsonToken t;
        while ((t = p.nextToken()) != null) {
          int s = (int) (base + p.currentTokenLocation().getByteOffset());
          if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            int e = (int) (base + p.currentLocation().getByteOffset());
            quarantine(ordinal++, (long) s, Reason.NOT_A_RECORD, "root value is " + t.asString(),
                snippet(s, e), null, null);
            continue;
          }
          current = s;
          JsonNode node = MAPPER.readTree(p);
          current = -1;
          int e = (int) (base + p.currentLocation().getByteOffset());
          if (ordinal == 0) {
            shape = sequenceShape(node);
          }
          record(node, s, e);
        }
        return false;
      } catch (IOException e) {
        long errAt = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
            ? jpe.getLocation().getByteOffset() : -1;
        // Jackson may report the error past the bad token (even on the next line): prefer the record's start.
        int lineStart = current >= 0 ? lineStartBefore(current, pos)
            : lineStartBefore(errAt < 0 ? pos : (int) Math.min(length, base + Math.max(0, errAt)), pos);
        resumeAt = nextRootLine(Math.max(lineStart + 1, pos + 1));
        Reason reason = classify(e, fb);
        if (resumeAt >= length && fb.problem() != null && reason == fb.problem()) {
          quarantine(ordinal, (long) lineStart, reason, fb.detail() + "; the last record was cut: "
              + shortMessage(e), snippet(lineStart, length), null, null);
          return true;
        }
        quarantine(ordinal++, (long) lineStart, reason, shortMessage(e), snippet(lineStart, resumeAt), null, null);
      }
      pos = resumeAt;
    }
    return false;
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
  private void record(JsonNode node, int s, int e) {
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
    Object[] v = EventRow.create();
    CloudTrailMapper.Problem problem = CloudTrailMapper.map(rec, v);
    if (problem != null) {
      Object date = v[EventRow.EVENT_DATE];
      quarantine(position, (long) s, problem.reason(), problem.detail(), Redactor.redactText(clip(raw)),
          (String) v[EventRow.EVENT_ID], date instanceof LocalDate d ? d : null);
      return;
    }
    v[EventRow.SOURCE] = CloudTrailSource.NAME;
    v[EventRow.RAW] = raw;
    v[EventRow.INPUT_FILE] = inputFile;
    v[EventRow.INPUT_POSITION] = position;
    sink.event(v, (LocalDate) v[EventRow.EVENT_DATE]);
  }

  private Reason classify(IOException e, FileBytes fb) {
    if (e instanceof CharConversionException || String.valueOf(e.getMessage()).contains("UTF-8")
        || String.valueOf(e.getMessage()).contains("UTF8")) {
      return Reason.INVALID_UTF8;
    }
    if (fb.problem() != null && (e instanceof com.fasterxml.jackson.core.io.JsonEOFException
        || String.valueOf(e.getMessage()).contains("end-of-input"))) {
      return fb.problem();
    }
    return Reason.INVALID_JSON;
  }

  private void quarantine(long position, Long offset, Reason reason, String detail, String snippet,
      String eventId, LocalDate date) {
    sink.quarantine(position, offset, reason, detail, snippet, eventId, date);
  }

  private static String shortMessage(Throwable e) {
    String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    if (m == null) {
      m = e.getClass().getSimpleName();
    }
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  /** At most SNIPPET characters of bytes [s, e), decoded leniently, secrets redacted. */
  private String snippet(int s, int e) {
    int from = Math.max(0, Math.min(s, length));
    int to = Math.max(from, Math.min(e, Math.min(length, from + SNIPPET * 4)));
    return Redactor.redactText(clip(new String(data, from, to - from, StandardCharsets.UTF_8)));
  }

  private static String clip(String s) {
    return s.length() <= SNIPPET ? s : s.substring(0, SNIPPET);
  }

  private int skipWhitespace(int i) {
    if (i == 0 && length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB && (data[2] & 0xff) == 0xBF) {
      i = 3;
    }
    while (i < length && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) {
      i++;
    }
    return i;
  }

  private int lineStartBefore(int at, int floor) {
    int i = Math.min(at, length - 1);
    while (i > floor && data[i - 1] != '\n') {
      i--;
    }
    return Math.max(i, floor);
  }

  /** The start of the next line at or after i that begins with '{' in column 0, or length. */
  private int nextRootLine(int i) {
    for (int j = i; j < length; j++) {
      if (data[j] == '\n' && j + 1 < length && data[j + 1] == '{') {
        return j + 1;
      }
    }
    return length;
  }
}
