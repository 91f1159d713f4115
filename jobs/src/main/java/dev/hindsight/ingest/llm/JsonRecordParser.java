package dev.hindsight.ingest.llm;

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
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Reads a file of JSON records for the LLM and proxy sources: JSON lines (one record per line; a bad line is
 * quarantined and reading goes on with the next), an API page ({@code {"object":"list","data":[...]}}, as the
 * OpenAI and Anthropic admin APIs return it, or any object whose {@code data} is an array of records), or a
 * bare JSON array of records. Each record is handed to the source's {@link RecordMapper}; raw is the record
 * after the mapper and {@link Secrets#scrub} removed what must not be stored, re-serialised.
 */
final class JsonRecordParser {
  static final ObjectMapper MAPPER;

  static {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE / 2).build())
        .build();
    MAPPER = new ObjectMapper(factory);
  }

  private static final int SNIPPET = 512;

  private final String source;
  private final String inputFile;
  private final ParseLimits limits;
  private final RecordSink sink;
  private final RecordMapper mapper;
  private byte[] data;
  private int length;
  private long ordinal;

  JsonRecordParser(String source, String inputFile, ParseLimits limits, RecordSink sink, RecordMapper mapper) {
    this.source = source;
    this.inputFile = inputFile;
    this.limits = limits;
    this.sink = sink;
    this.mapper = mapper;
  }

  /** @return the file's shape: jsonl, page, array or unknown */
  String parse(FileBytes fb) {
    data = fb.data();
    length = fb.length();
    int start = skipWhitespace(0);
    if (start >= length) {
      sink.quarantine(-1, fb.problem() != null ? 0L : null, fb.problem() != null ? fb.problem() : Reason.EMPTY_FILE,
          fb.problem() != null ? fb.detail() : "the file has no content", null, null, null);
      return "unknown";
    }
    String shape;
    JsonNode whole = singleValue(start);
    if (whole != null && whole.isObject() && whole.path("data").isArray()) {
      shape = "page";
      int i = 0;
      for (JsonNode rec : whole.get("data")) {
        element(rec, start, i++);
      }
    } else if (whole != null && whole.isArray()) {
      shape = "array";
      int i = 0;
      for (JsonNode rec : whole) {
        element(rec, start, i++);
      }
    } else {
      shape = "jsonl";
      lines(start, fb);
    }
    if (fb.problem() != null) {
      sink.quarantine(ordinal, (long) length, fb.problem(), fb.detail() + "; the records before it were read", null,
          null, null);
    }
    return shape;
  }

  /** The file's only JSON value, or null when it holds more than one (JSON lines) or is not JSON. */
  private JsonNode singleValue(int start) {
    if (data[start] != '{' && data[start] != '[') {
      return null;
    }
    try (JsonParser p = MAPPER.getFactory().createParser(data, start, length - start)) {
      if (p.nextToken() == null) {
        return null;
      }
      // A one-record JSON lines file is read as lines: only containers that look like pages or arrays count.
      JsonNode n = MAPPER.readTree(p);
      return p.nextToken() == null ? n : null;
    } catch (IOException e) {
      return null;
    }
  }

  private void element(JsonNode rec, int fileOffset, int index) {
    long position = ordinal++;
    if (!(rec instanceof ObjectNode obj)) {
      sink.quarantine(position, (long) fileOffset, Reason.NOT_A_RECORD, "element " + index + " is "
          + rec.getNodeType().name().toLowerCase(), null, null, null);
      return;
    }
    String text = obj.toString();
    record(obj, position, fileOffset, text.length());
  }

  private void lines(int start, FileBytes fb) {
    int s = start;
    while (s < length) {
      int e = s;
      while (e < length && data[e] != '\n') {
        e++;
      }
      int end = e;
      while (end > s && (data[end - 1] == '\r' || data[end - 1] == ' ' || data[end - 1] == '\t')) {
        end--;
      }
      int from = s;
      while (from < end && (data[from] == ' ' || data[from] == '\t')) {
        from++;
      }
      if (from < end) {
        line(from, end, fb);
      }
      s = e + 1;
    }
  }

  private void line(int s, int e, FileBytes fb) {
    long position = ordinal++;
    if (e - s > limits.maxRecordBytes()) {
      sink.quarantine(position, (long) s, Reason.OVERSIZED_RECORD,
          "record of " + (e - s) + " bytes is over --max-record-bytes " + limits.maxRecordBytes(), snippet(s, e),
          null, null);
      return;
    }
    JsonNode node;
    try (JsonParser p = MAPPER.getFactory().createParser(data, s, e - s)) {
      JsonToken t = p.nextToken();
      node = MAPPER.readTree(p);
      if (p.nextToken() != null) {
        throw new JsonProcessingException("content after the end of the record on the same line") {};
      }
      if (t != JsonToken.START_OBJECT) {
        sink.quarantine(position, (long) s, Reason.NOT_A_RECORD, "the line is " + (t == null ? "empty" : t.asString()
            + " (" + node.getNodeType().name().toLowerCase() + "), not a JSON object"), snippet(s, e), null, null);
        return;
      }
    } catch (IOException ex) {
      Reason reason = ex instanceof CharConversionException || String.valueOf(ex.getMessage()).contains("UTF-8")
          ? Reason.INVALID_UTF8 : e >= length && fb.problem() != null ? fb.problem() : Reason.INVALID_JSON;
      sink.quarantine(position, (long) s, reason, shortMessage(ex), snippet(s, e), null, null);
      return;
    }
    record((ObjectNode) node, position, s, e - s);
  }

  private void record(ObjectNode rec, long position, long offset, int size) {
    if (size > limits.maxRecordBytes()) {
      sink.quarantine(position, offset, Reason.OVERSIZED_RECORD,
          "record of " + size + " bytes is over --max-record-bytes " + limits.maxRecordBytes(), null,
          mapper.eventIdOf(rec), null);
      return;
    }
    String original = rec.toString();
    Object[] v = EventRow.create();
    RecordMapper.Problem problem;
    try {
      problem = mapper.map(rec, v);
    } catch (RuntimeException ex) {
      problem = new RecordMapper.Problem(Reason.WRONG_TYPE, "cannot map the record: " + ex.getMessage());
    }
    if (problem != null) {
      Object date = v[EventRow.EVENT_DATE];
      Object id = v[EventRow.EVENT_ID];
      sink.quarantine(position, offset, problem.reason(), problem.detail(), clip(mapper.snippet(original)),
          id instanceof String sid ? sid : mapper.eventIdOf(rec), date instanceof LocalDate d ? d : null);
      return;
    }
    Secrets.scrub(rec);
    for (int i = 0; i < v.length; i++) {
      // a safety net for every text column the mapper filled (request_json from a payload, user agents, ...)
      if (v[i] instanceof String t && (Secrets.looksLikeKey(t) || dev.hindsight.ingest.Redactor.mayContainSecrets(t))) {
        v[i] = Secrets.scrubText(t);
      }
    }
    v[EventRow.SOURCE] = source;
    v[EventRow.RAW] = rec.toString();
    v[EventRow.INPUT_FILE] = inputFile;
    v[EventRow.INPUT_POSITION] = position;
    if (v[EventRow.OUTCOME] == null) {
      v[EventRow.OUTCOME] = "success";
    }
    sink.event(v, (LocalDate) v[EventRow.EVENT_DATE]);
  }

  private String snippet(int s, int e) {
    int to = Math.min(e, Math.min(length, s + SNIPPET * 4));
    return clip(mapper.snippet(new String(data, s, Math.max(0, to - s), StandardCharsets.UTF_8)));
  }

  private static String clip(String s) {
    return s == null || s.length() <= SNIPPET ? s : s.substring(0, SNIPPET);
  }

  private static String shortMessage(Throwable e) {
    String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    if (m == null) {
      m = e.getClass().getSimpleName();
    }
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
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
}
