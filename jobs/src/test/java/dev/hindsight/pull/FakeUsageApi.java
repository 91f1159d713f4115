package dev.hindsight.pull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server on loopback that answers the two admin usage endpoints the way the vendors do (their page
 * shape, limits per bucket width, opaque next_page cursors, the key in x-api-key or a bearer token, their
 * error bodies), over a deterministic set of usage rows; it serves at most {@link #PAGE} buckets per page
 * whatever the limit, so a day takes several pages. Faults are queued per (day, page): statuses answered
 * before the real page. A key can be set to expire from a day on (401 from then).
 */
final class FakeUsageApi implements AutoCloseable {
  static final int PAGE = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  final String key;
  private final HttpServer server;
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Deque<Integer>> faults = new ConcurrentHashMap<>();
  volatile LocalDate keyExpiresFrom;

  FakeUsageApi(String key) throws IOException {
    this.key = key;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/organizations/usage_report/messages", ex -> handle(ex, true));
    server.createContext("/v1/organization/usage/completions", ex -> handle(ex, false));
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answer status before the real page, once per status, for this day's page number. */
  void fault(LocalDate day, int page, Integer... statuses) {
    faults.computeIfAbsent(day + ":" + page, k -> new ArrayDeque<>()).addAll(List.of(statuses));
  }

  /** One result row: the dimensions and tokens of a key (or the console, key null) in hour h. */
  record Usage(String key, String model, long input, long cacheRead, long output, long requests) {}

  /**
   * The rows of hour h of any day: key A every hour but 03:00 (an empty bucket), key B on even hours, the
   * console (no key) at noon.
   */
  static List<Usage> hour(int h) {
    List<Usage> out = new ArrayList<>();
    if (h == 3) {
      return out;
    }
    out.add(new Usage("apikey_01Aaaa", "claude-sonnet-4-20250514", 100 + h, 10, h, 2));
    if (h % 2 == 0) {
      out.add(new Usage("apikey_01Bbbb", "claude-opus-4-20250514", 1000, 0, 10, 1));
    }
    if (h == 12) {
      out.add(new Usage(null, "claude-3-5-haiku-20241022", 7, 0, 3, 1));
    }
    return out;
  }

  static long rowsPerDay() {
    long n = 0;
    for (int h = 0; h < 24; h++) {
      n += hour(h).size();
    }
    return n;
  }

  static long inputTokensPerDay() {
    long n = 0;
    for (int h = 0; h < 24; h++) {
      n += hour(h).stream().mapToLong(u -> u.input() + u.cacheRead()).sum();
    }
    return n;
  }

  private void handle(HttpExchange ex, boolean anthropic) throws IOException {
    try (ex) {
      String query = ex.getRequestURI().getRawQuery();
      requests.add(ex.getRequestURI().getPath() + "?" + query);
      String given = anthropic ? ex.getRequestHeaders().getFirst("x-api-key")
          : bearer(ex.getRequestHeaders().getFirst("Authorization"));
      if (anthropic && !"2023-06-01".equals(ex.getRequestHeaders().getFirst("anthropic-version"))) {
        error(ex, 400, anthropic, "invalid_request_error", "anthropic-version header is required");
        return;
      }
      if (!key.equals(given)) {
        error(ex, 401, anthropic, "authentication_error", "invalid x-api-key");
        return;
      }
      Map<String, List<String>> q = params(query);
      String width = first(q, "bucket_width");
      int max = "1d".equals(width) ? 31 : "1h".equals(width) ? 168 : "1m".equals(width) ? 1440 : -1;
      int limit = Integer.parseInt(first(q, "limit"));
      if (max < 0 || limit > max || !"1h".equals(width)) {
        error(ex, 400, anthropic, "invalid_request_error", "limit must be at most " + max + " for " + width
            + " (this server serves 1h)");
        return;
      }
      Instant start = anthropic ? Instant.parse(first(q, "starting_at"))
          : Instant.ofEpochSecond(Long.parseLong(first(q, "start_time")));
      Instant end = anthropic ? Instant.parse(first(q, "ending_at"))
          : Instant.ofEpochSecond(Long.parseLong(first(q, "end_time")));
      LocalDate day = start.atOffset(ZoneOffset.UTC).toLocalDate();
      if (keyExpiresFrom != null && !day.isBefore(keyExpiresFrom)) {
        error(ex, 401, anthropic, "authentication_error", "API key expired");
        return;
      }
      String page = first(q, "page");
      int offset = page == null ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(
          page.substring("page_".length())), StandardCharsets.UTF_8));
      int pageNo = offset / PAGE;
      Deque<Integer> f = faults.get(day + ":" + pageNo);
      Integer fault = f == null ? null : f.poll();
      if (fault != null) {
        if (fault == 429) {
          ex.getResponseHeaders().add("Retry-After", "0");
          error(ex, 429, anthropic, "rate_limit_error", "Number of requests has exceeded your rate limit");
        } else {
          error(ex, fault, anthropic, "api_error", "Internal server error");
        }
        return;
      }
      long hours = ChronoUnit.HOURS.between(start, end);
      int n = (int) Math.min(Math.min(limit, PAGE), hours - offset);
      ObjectNode body = JSON.createObjectNode();
      if (!anthropic) {
        body.put("object", "page");
      }
      ArrayNode data = body.putArray("data");
      for (int i = offset; i < offset + n; i++) {
        Instant bs = start.plus(i, ChronoUnit.HOURS);
        Instant be = bs.plus(1, ChronoUnit.HOURS);
        ObjectNode b = data.addObject();
        if (anthropic) {
          b.put("starting_at", bs.toString());
          b.put("ending_at", be.toString());
        } else {
          b.put("object", "bucket");
          b.put("start_time", bs.getEpochSecond());
          b.put("end_time", be.getEpochSecond());
        }
        ArrayNode results = b.putArray("results");
        for (Usage u : hour(bs.atOffset(ZoneOffset.UTC).getHour())) {
          ObjectNode r = results.addObject();
          if (anthropic) {
            r.put("uncached_input_tokens", u.input());
            r.put("cache_read_input_tokens", u.cacheRead());
            ObjectNode cc = r.putObject("cache_creation");
            cc.put("ephemeral_1h_input_tokens", 0);
            cc.put("ephemeral_5m_input_tokens", 0);
            r.put("output_tokens", u.output());
            r.putObject("server_tool_use").put("web_search_requests", 0);
            r.put("api_key_id", u.key());
            r.put("workspace_id", "wrkspc_01W1");
            r.put("model", u.model());
            r.put("service_tier", "standard");
            r.put("context_window", "0-200k");
          } else {
            r.put("object", "organization.usage.completions.result");
            r.put("input_tokens", u.input() + u.cacheRead());
            r.put("input_cached_tokens", u.cacheRead());
            r.put("output_tokens", u.output());
            r.put("num_model_requests", u.requests());
            r.put("project_id", "proj_1");
            r.put("api_key_id", u.key() == null ? null : u.key().replace("apikey_01", "key_"));
            r.put("user_id", u.key() == null ? "user-console" : null);
            r.put("model", u.model());
            r.putNull("batch");
            r.put("service_tier", "default");
          }
        }
      }
      boolean more = offset + n < hours;
      body.put("has_more", more);
      if (more) {
        body.put("next_page", "page_" + Base64.getEncoder().encodeToString(String.valueOf(offset + n)
            .getBytes(StandardCharsets.UTF_8)));
      } else {
        body.putNull("next_page");
      }
      send(ex, 200, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
    } catch (RuntimeException e) {
      send(ex, 500, ("{\"error\":\"" + e + "\"}").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String bearer(String h) {
    return h != null && h.startsWith("Bearer ") ? h.substring(7) : null;
  }

  private static void error(HttpExchange ex, int status, boolean anthropic, String type, String message)
      throws IOException {
    ObjectNode e = JSON.createObjectNode();
    if (anthropic) {
      e.put("type", "error");
      ObjectNode inner = e.putObject("error");
      inner.put("type", type);
      inner.put("message", message);
    } else {
      ObjectNode inner = e.putObject("error");
      inner.put("message", message);
      inner.put("type", type);
      inner.putNull("param");
      inner.putNull("code");
    }
    send(ex, status, JSON.writeValueAsBytes(e));
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
  }

  private static Map<String, List<String>> params(String query) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    if (query == null) {
      return m;
    }
    for (String kv : query.split("&")) {
      int i = kv.indexOf('=');
      String k = URLDecoder.decode(i < 0 ? kv : kv.substring(0, i), StandardCharsets.UTF_8);
      String v = i < 0 ? "" : URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8);
      m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return m;
  }

  private static String first(Map<String, List<String>> q, String k) {
    List<String> v = q.get(k);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The values of a query parameter in a logged request. */
  static List<String> param(String request, String name) {
    int i = request.indexOf('?');
    List<String> v = params(i < 0 ? null : request.substring(i + 1)).get(name);
    return v == null ? List.of() : v;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
