package dev.hindsight.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.error.Errors;
import dev.hindsight.ingest.llm.Secrets;
import dev.hindsight.lake.Hashes;
import dev.hindsight.lake.RunLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages through a vendor's admin usage API one UTC day at a time and writes each page, byte for byte as
 * answered, to {@code <out>/<report>/YYYY/MM/DD/page-NNNN.json}; then the day's {@code _pull.json} (hidden from
 * ingest: its pages, their sha256, the buckets and rows they hold, the width and grouping, when; never the key).
 * A day with a {@code _pull.json} is done and is not asked for again (unless forced), so a rerun of a range
 * resumes where a failed one stopped; a day without one (a pull that died in it) is pulled again whole, its
 * stale pages replaced. Only days that ended at least {@code settle} before now are pulled: the vendors
 * revise the current day's buckets, and events are insert-only, so a bucket must be final when written.
 *
 * <p>Requests: one day of buckets per request ({@code limit} = the buckets in a day at the width), every
 * dimension that names a credential grouped by, {@code next_page} followed while {@code has_more}. A
 * connection error, a timeout, 429 (after its {@code Retry-After}) and 5xx are retried with exponential
 * back-off and jitter; 401 and 403 (an expired, revoked or non-admin key) end the pull at once, as does any
 * other 4xx. The key is sent only in its header: it is in no URL, file, log line or message.
 */
public final class UsagePuller {
  private static final Logger LOG = LoggerFactory.getLogger(UsagePuller.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Pages a day may take before the pull stops (a cursor that never ends is a vendor bug, not a reason to loop). */
  static final int MAX_PAGES_PER_DAY = 1000;
  static final String MANIFEST = "_pull.json";

  /**
   * @param baseUrl the API's root ({@code https://api.anthropic.com}; a loopback server in tests)
   * @param width bucket width: 1m, 1h or 1d
   * @param settle how long after a day's end its buckets count as final
   * @param attempts tries per request, at least 1
   * @param baseDelay first back-off (attempt k waits about baseDelay x 2^(k-1), half of it random)
   * @param maxDelay longest back-off, and longest Retry-After honoured
   * @param force pull days again that already have a {@code _pull.json}
   */
  public record Options(UsageApi api, String baseUrl, String out, LocalDate from, LocalDate to, String width,
      Duration settle, int attempts, Duration baseDelay, Duration maxDelay, Duration requestTimeout, boolean force) {
    public Options {
      if (from.isAfter(to)) {
        throw Errors.usage("--from " + from + " is after --to " + to);
      }
      if (!List.of("1m", "1h", "1d").contains(width)) {
        throw Errors.outOfRange("--bucket-width", "1m, 1h or 1d", width);
      }
      if (attempts < 1 || attempts > 20) {
        throw Errors.outOfRange("--attempts", "1..20", attempts);
      }
      if (settle.isNegative() || baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
        throw Errors.usage("Cannot pull: --settle-minutes and --retry-delay must not be negative");
      }
      URI u;
      try {
        u = URI.create(baseUrl);
      } catch (IllegalArgumentException e) {
        throw Errors.usage("Cannot pull: --api-url '" + baseUrl + "' is not a URL");
      }
      if (!"https".equals(u.getScheme()) && !("http".equals(u.getScheme()) && isLoopback(u.getHost()))) {
        throw Errors.usage("Cannot pull: --api-url must be https:// (http:// only to a loopback host), got "
            + baseUrl);
      }
    }
  }

  /** How one day went. status: pulled, already (a _pull.json was there), incomplete (not final yet). */
  public record Day(LocalDate date, String status, int pages, long buckets, long rows) {}

  /** What a pull did, day by day. */
  public record Result(String source, String report, String out, List<Day> days) {
    public long pages() {
      return days.stream().mapToLong(Day::pages).sum();
    }

    public long rows() {
      return days.stream().mapToLong(Day::rows).sum();
    }

    public long count(String status) {
      return days.stream().filter(d -> d.status().equals(status)).count();
    }

    public String summary() {
      return "pulled " + source + " " + report + " into " + out + ": " + count("pulled") + " days pulled ("
          + pages() + " pages, " + days.stream().mapToLong(Day::buckets).sum() + " buckets, " + rows()
          + " rows), " + count("already") + " already pulled, " + count("incomplete") + " not final yet";
    }
  }

  private final Options o;
  private final String key;
  private final Configuration conf;
  private final Clock clock;
  private final HttpClient client;

  public UsagePuller(Options options, String key, Configuration conf, Clock clock) {
    if (key == null || key.isBlank()) {
      throw Errors.usage("Cannot pull " + options.api().source() + ": no admin key (set " + options.api().keyEnv()
          + " or name the variable with --key-env)");
    }
    this.o = options;
    this.key = key.strip();
    this.conf = conf;
    this.clock = clock;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public Result run() {
    List<Day> days = new ArrayList<>();
    Path root = new Path(o.out(), o.api().report());
    FileSystem fs;
    try {
      fs = root.getFileSystem(conf);
      fs.setWriteChecksum(false); // no .crc files beside the pages on a local disk: the manifest has their sha256
    } catch (IOException e) {
      throw Errors.usage("Cannot pull into " + o.out() + ": " + e.getMessage(), e);
    }
    Instant finalBefore = clock.instant().minus(o.settle());
    for (LocalDate d = o.from(); !d.isAfter(o.to()); d = d.plusDays(1)) {
      Path dir = new Path(root, String.format("%04d/%02d/%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
      Instant end = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      if (end.isAfter(finalBefore)) {
        LOG.info("pull {} {}: not final until {} (+{} settle)", o.api().source(), d, end, o.settle());
        days.add(new Day(d, "incomplete", 0, 0, 0));
        continue;
      }
      try {
        if (!o.force() && fs.exists(new Path(dir, MANIFEST))) {
          days.add(new Day(d, "already", 0, 0, 0));
          continue;
        }
        days.add(pullDay(fs, dir, d));
      } catch (IOException e) {
        throw Errors.jobFailed("Cannot pull " + o.api().source() + " for " + d + ": writing " + dir + " failed: "
            + e.getMessage() + " (the days before it are kept; rerun to resume)", e);
      }
    }
    return new Result(o.api().source(), o.api().report(), o.out(), List.copyOf(days));
  }

  private Day pullDay(FileSystem fs, Path dir, LocalDate d) throws IOException {
    Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    int limit = UsageApi.bucketsPerDay(o.width());
    // a day without a manifest is pulled again whole: its pages from a pull that died are stale. The manifest
    // (there when forced) goes first, so a forced pull that dies leaves the day to be pulled again, not done.
    fs.delete(new Path(dir, MANIFEST), false);
    if (fs.exists(dir)) {
      for (FileStatus st : fs.listStatus(dir)) {
        if (st.getPath().getName().startsWith("page-")) {
          fs.delete(st.getPath(), false);
        }
      }
    }
    ArrayNode pages = JSON.createArrayNode();
    long buckets = 0;
    long rows = 0;
    String cursor = null;
    int n = 0;
    do {
      if (n >= MAX_PAGES_PER_DAY) {
        throw Errors.jobFailed("Cannot pull " + o.api().source() + " for " + d + ": the API still had more after "
            + MAX_PAGES_PER_DAY + " pages (its next_page cursor does not end)");
      }
      URI uri = URI.create(o.baseUrl().replaceAll("/+$", "") + o.api().path() + "?"
          + o.api().query(start, end, o.width(), limit, cursor));
      byte[] body = get(uri, d, n);
      JsonNode page;
      try {
        page = JSON.readTree(body);
      } catch (IOException e) {
        throw Errors.jobFailed("Cannot pull " + o.api().source() + " for " + d + ": page " + n + " is not JSON ("
            + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + ")");
      }
      JsonNode data = page == null ? null : page.get("data");
      if (data == null || !data.isArray()) {
        throw Errors.jobFailed("Cannot pull " + o.api().source() + " for " + d + ": page " + n
            + " has no data array (not a usage report page)");
      }
      for (JsonNode b : data) {
        buckets++;
        rows += b.path("results").size();
      }
      String name = String.format("page-%04d.json", n);
      write(fs, new Path(dir, name), body);
      ObjectNode p = pages.addObject();
      p.put("file", name);
      p.put("bytes", body.length);
      p.put("sha256", Hashes.sha256Hex(body));
      p.put("buckets", data.size());
      boolean more = page.path("has_more").asBoolean(false);
      cursor = more && page.hasNonNull("next_page") ? page.get("next_page").asText() : null;
      if (more && cursor == null) {
        throw Errors.jobFailed("Cannot pull " + o.api().source() + " for " + d + ": page " + n
            + " says has_more but gives no next_page");
      }
      n++;
    } while (cursor != null);
    ObjectNode m = JSON.createObjectNode();
    m.put("source", o.api().source());
    m.put("report", o.api().report());
    m.put("endpoint", o.api().path());
    m.put("date", d.toString());
    m.put("bucket_width", o.width());
    m.set("group_by", JSON.valueToTree(o.api().groupBy()));
    m.put("buckets", buckets);
    m.put("rows", rows);
    m.set("pages", pages);
    m.put("pulled_at", clock.instant().toString());
    m.put("code_version", RunLog.codeVersion());
    write(fs, new Path(dir, MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
    LOG.info("pull {} {}: {} pages, {} buckets, {} rows", o.api().source(), d, n, buckets, rows);
    return new Day(d, "pulled", n, buckets, rows);
  }

  /** Writes a whole file (replacing one there); on a local disk through a temporary name and a rename. */
  private static void write(FileSystem fs, Path p, byte[] bytes) throws IOException {
    Path tmp = new Path(p.getParent(), "." + p.getName() + ".tmp");
    try (OutputStream os = fs.create(tmp, true)) {
      os.write(bytes);
    }
    fs.delete(p, false);
    if (!fs.rename(tmp, p)) {
      throw new IOException("cannot rename " + tmp + " to " + p);
    }
  }

  /** One page, retried on what may pass; anything final is a JobFailedException naming day and page. */
  private byte[] get(URI uri, LocalDate d, int pageNo) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(o.requestTimeout()).GET()
        .header("Accept", "application/json")
        .header("User-Agent", "hindsight/" + RunLog.codeVersion());
    o.api().headers(key).forEach(b::header);
    HttpRequest request = b.build();
    String where = o.api().source() + " for " + d + " (page " + pageNo + ")";
    String error = null;
    for (int attempt = 1; attempt <= o.attempts(); attempt++) {
      Long retryAfter = null;
      try {
        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = r.statusCode();
        if (status >= 200 && status < 300) {
          return r.body();
        }
        String text = bodyText(r.body());
        if (status == 401 || status == 403) {
          throw Errors.jobFailed("Cannot pull " + where + ": the API refused the admin key (HTTP " + status + text
              + "): it is expired, revoked or not an admin key; give a valid one in " + o.api().keyEnv()
              + " (or --key-env). The days before " + d + " are kept; rerun to resume");
        }
        error = "HTTP " + status + text;
        if (status != 429 && status < 500) {
          throw Errors.jobFailed("Cannot pull " + where + ": " + error + " (not retried)");
        }
        if (status == 429) {
          retryAfter = dev.hindsight.notify.Sender.retryAfterMillis(r.headers().firstValue("Retry-After")).orElse(null);
        }
      } catch (IOException e) {
        error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + Secrets.scrubText(e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Errors.jobFailed("Cannot pull " + where + ": interrupted");
      }
      if (attempt == o.attempts()) {
        break;
      }
      long sleep = retryAfter != null ? Math.min(retryAfter, o.maxDelay().toMillis()) : backoff(attempt);
      LOG.info("pull {}: {}; attempt {} of {} in {} ms", where, error, attempt + 1, o.attempts(), sleep);
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Errors.jobFailed("Cannot pull " + where + ": interrupted");
      }
    }
    throw Errors.jobFailed("Cannot pull " + where + ": " + error + " after " + o.attempts() + " attempts (the days"
        + " before " + d + " are kept; rerun to resume)");
  }

  private long backoff(int attempt) {
    long base = o.baseDelay().toMillis();
    long cap = o.maxDelay().toMillis();
    long b = attempt >= 31 ? cap : Math.min(cap, base << (attempt - 1));
    return b / 2 + ThreadLocalRandom.current().nextLong(b / 2 + 1);
  }

  /** The start of an error body on one line, key material scrubbed (an API may echo a header back). */
  private String bodyText(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String t = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    t = Secrets.scrubText(t.replace(key, "[REDACTED]"));
    return ": " + (t.length() > 200 ? t.substring(0, 200) + "..." : t);
  }

  static boolean isLoopback(String host) {
    return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
        || host.equals("::1"));
  }
}
