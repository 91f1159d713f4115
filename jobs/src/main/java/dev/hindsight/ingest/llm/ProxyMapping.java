package dev.hindsight.ingest.llm;

import dev.hindsight.error.UsageException;
import dev.hindsight.error.Errors;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.ingest.JsonRecordsParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the fields of one proxy's JSON log lines map onto events: a JSON file (see README, "Proxy logs"), or one
 * of the mappings shipped with hindsight ({@code litellm}, {@code apigateway}). Each field names a path in the
 * record (dots go into nested objects) or a list of paths, the first present one wins.
 */
public final class ProxyMapping implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final List<String> BUILT_IN = List.of("litellm", "apigateway");
  static final Set<String> FIELDS = Set.of("event_id", "timestamp", "key", "key_name", "principal", "client_ip",
      "user_agent", "action", "method", "route", "model", "status", "tokens_in", "tokens_out", "bytes", "account_id",
      "region");
  private static final Set<String> TOP = Set.of("name", "description", "service", "account_id", "region",
      "credential_prefix", "key_is", "timestamp_format", "fields", "default_action", "omit");

  final String name;
  final String service;
  final String accountId;
  final String region;
  final String credentialPrefix;
  /** id: the vendor's key id; hash: a hash of the key the proxy already made; raw: the key itself. */
  final String keyIs;
  final String timestampFormat;
  final String defaultAction;
  final Map<String, List<String[]>> fields;
  /** Paths of prompt / completion content: replaced by their size and SHA-256 before anything is stored. */
  final List<String[]> omit;

  private ProxyMapping(String name, JsonNode m) {
    Set<String> unknown = new TreeSet<>();
    m.fieldNames().forEachRemaining(f -> {
      if (!TOP.contains(f)) {
        unknown.add(f);
      }
    });
    if (!unknown.isEmpty()) {
      throw bad(name, "unknown setting " + String.join(", ", unknown) + " (known: " + String.join(", ",
          new TreeSet<>(TOP)) + ")");
    }
    this.name = m.path("name").asText(name);
    this.service = m.path("service").asText("proxy");
    this.accountId = text(m, "account_id");
    this.region = text(m, "region");
    this.credentialPrefix = m.path("credential_prefix").asText(this.name + ":key/");
    this.keyIs = m.path("key_is").asText("raw").toLowerCase(Locale.ROOT);
    if (!Set.of("id", "hash", "raw").contains(keyIs)) {
      throw bad(name, "key_is must be id, hash or raw (got " + keyIs + ")");
    }
    this.timestampFormat = text(m, "timestamp_format");
    if (timestampFormat != null) {
      try {
        DateTimeFormatter.ofPattern(timestampFormat, Locale.ROOT);
      } catch (IllegalArgumentException e) {
        throw bad(name, "timestamp_format '" + timestampFormat + "' is not a date-time pattern: " + e.getMessage());
      }
    }
    this.defaultAction = text(m, "default_action");
    JsonNode f = m.path("fields");
    if (!f.isObject()) {
      throw bad(name, "fields must be an object of event field -> record path(s)");
    }
    Map<String, List<String[]>> map = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = f.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!FIELDS.contains(e.getKey())) {
        throw bad(name, "unknown field " + e.getKey() + " (known: " + String.join(", ", new TreeSet<>(FIELDS)) + ")");
      }
      List<String[]> paths = new ArrayList<>();
      if (e.getValue().isTextual()) {
        paths.add(e.getValue().asText().split("\\."));
      } else if (e.getValue().isArray()) {
        for (JsonNode p : e.getValue()) {
          if (!p.isTextual()) {
            throw bad(name, "field " + e.getKey() + " must be a path or a list of paths");
          }
          paths.add(p.asText().split("\\."));
        }
      } else {
        throw bad(name, "field " + e.getKey() + " must be a path or a list of paths");
      }
      map.put(e.getKey(), paths);
    }
    if (!map.containsKey("timestamp")) {
      throw bad(name, "fields.timestamp is required");
    }
    if (!map.containsKey("key")) {
      throw bad(name, "fields.key is required (the key or token id the credential is scored by)");
    }
    this.fields = map;
    List<String[]> o = new ArrayList<>();
    JsonNode om = m.path("omit");
    if (!om.isMissingNode() && !om.isArray()) {
      throw bad(name, "omit must be a list of paths");
    }
    for (JsonNode p : om) {
      o.add(p.asText().split("\\."));
    }
    this.omit = o;
  }

  private static String text(JsonNode m, String f) {
    JsonNode n = m.get(f);
    return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText();
  }

  private static UsageException bad(String name, String why) {
    return Errors.usage("Cannot use proxy mapping " + name + ": " + why);
  }

  /** A built-in mapping by name, or a mapping file by path. */
  public static ProxyMapping load(String nameOrPath) {
    if (nameOrPath == null || nameOrPath.isBlank()) {
      throw Errors.usage("Cannot use proxy mapping: give mapping=litellm|apigateway|/path/to/file.json");
    }
    try {
      if (BUILT_IN.contains(nameOrPath)) {
        try (InputStream in = ProxyMapping.class.getResourceAsStream("/proxy-mappings/" + nameOrPath + ".json")) {
          return new ProxyMapping(nameOrPath, JsonRecordsParser.MAPPER.readTree(in));
        }
      }
      if (dev.hindsight.lake.RemoteFiles.isLocal(nameOrPath) && !nameOrPath.startsWith("file:")
          && !Files.isRegularFile(Path.of(nameOrPath))) {
        throw Errors.usage("Cannot use proxy mapping " + nameOrPath + ": not one of "
            + String.join(", ", BUILT_IN) + " and no such file");
      }
      // a path, file: or s3a:// URI (the Hadoop settings of this JVM's Spark configuration reach it)
      JsonNode m = JsonRecordsParser.MAPPER.readTree(dev.hindsight.lake.RemoteFiles.readText(nameOrPath, Map.of()));
      if (m == null || !m.isObject()) {
        throw bad(nameOrPath, "the file is not a JSON object");
      }
      String base = nameOrPath.substring(nameOrPath.lastIndexOf('/') + 1).replaceFirst("\\.json$", "");
      return new ProxyMapping(base, m);
    } catch (IOException e) {
      throw bad(nameOrPath, "cannot read it: " + e.getMessage());
    }
  }

  /** The first present, non-empty value of a mapped field (API Gateway writes "-" for none), or null. */
  JsonNode get(JsonNode rec, String field) {
    List<String[]> paths = fields.get(field);
    if (paths == null) {
      return null;
    }
    for (String[] path : paths) {
      JsonNode n = rec;
      for (String step : path) {
        n = n == null ? null : n.get(step);
      }
      if (n != null && !n.isNull() && !(n.isTextual() && (n.asText().isEmpty() || n.asText().equals("-")))) {
        return n;
      }
    }
    return null;
  }

  /** Replaces the value at the first present path of a field (used to take raw keys out of the record). */
  void set(com.fasterxml.jackson.databind.node.ObjectNode rec, String field, String value) {
    for (String[] path : fields.getOrDefault(field, List.of())) {
      JsonNode n = rec;
      for (int i = 0; i < path.length - 1 && n != null; i++) {
        n = n.get(path[i]);
      }
      if (n instanceof com.fasterxml.jackson.databind.node.ObjectNode o && o.has(path[path.length - 1])
          && !o.get(path[path.length - 1]).isNull()) {
        o.put(path[path.length - 1], value);
        return;
      }
    }
  }
}
