package dev.hindsight.notify;

import dev.hindsight.error.Errors;
import dev.hindsight.lake.RunLog;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one JSON body to a {@link Destination} with {@link HttpClient}: connect and request timeouts, and
 * retries with exponential back-off and jitter on a connection error, a timeout, 429 (after its
 * {@code Retry-After} when it gives one) and 5xx. Any other status below 200 or from 300 up is final: it says
 * the message or the URL is wrong, and sending it again would not help. Redirects are not followed (a webhook
 * that redirects is misconfigured, and following it would hand the body to another host).
 */
public final class Sender {
  private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
  /** How much of a refusal's body goes into the error (Slack says why: invalid_blocks, no_service, ...). */
  private static final int BODY_IN_ERROR = 200;

  /**
   * @param attempts tries per message, at least 1
   * @param baseDelay the first back-off; attempt k waits about baseDelay * 2^(k-1) (half of it fixed, half
   *     random), at most {@code maxDelay}
   * @param maxDelay the longest back-off, and the longest {@code Retry-After} honoured
   * @param connectTimeout to open the connection
   * @param requestTimeout for the whole answer
   */
  public record Settings(int attempts, Duration baseDelay, Duration maxDelay, Duration connectTimeout,
      Duration requestTimeout) {
    public Settings {
      if (attempts < 1 || attempts > 20) {
        throw Errors.outOfRange("--attempts", "1..20", attempts);
      }
      if (baseDelay == null || baseDelay.isNegative()) {
        throw Errors.outOfRange("--retry-delay", "0 ms or more", baseDelay);
      }
      if (maxDelay == null || maxDelay.compareTo(baseDelay) < 0) {
        throw Errors.usage("Cannot notify: the longest back-off (" + maxDelay + ") is shorter than the first ("
            + baseDelay + ")");
      }
      if (connectTimeout == null || connectTimeout.isZero() || connectTimeout.isNegative()
          || requestTimeout == null || requestTimeout.isZero() || requestTimeout.isNegative()) {
        throw Errors.usage("Cannot notify: the timeouts must be positive");
      }
    }

    /** 5 attempts, 1 s first back-off, at most 60 s, 10 s to connect, 30 s per request. */
    public static Settings defaults() {
      return new Settings(5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(10),
          Duration.ofSeconds(30));
    }

    public Settings withAttempts(int n) {
      return new Settings(n, baseDelay, maxDelay, connectTimeout, requestTimeout);
    }

    public Settings withBaseDelay(Duration d) {
      return new Settings(attempts, d, maxDelay.compareTo(d) < 0 ? d : maxDelay, connectTimeout, requestTimeout);
    }

    public Settings withRequestTimeout(Duration d) {
      return new Settings(attempts, baseDelay, maxDelay, connectTimeout, d);
    }
  }

  /**
   * How one message went: {@code refused} when the receiver answered with a status that is not retried (the
   * message or the URL is wrong: other messages may still go through), {@code status} the last HTTP status (-1
   * when no answer came), {@code error} why it was not delivered (null when it was), the URL redacted.
   */
  public record Outcome(boolean delivered, boolean refused, int status, int attempts, String error) {}

  private final Destination destination;
  private final Settings settings;
  private final HttpClient client;

  public Sender(Destination destination, Settings settings) {
    this.destination = destination;
    this.settings = settings;
    this.client = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** Posts {@code json}; returns once it was delivered, refused, or the attempts ran out. */
  public Outcome post(String json, String what) {
    HttpRequest request = HttpRequest.newBuilder(destination.url())
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "hindsight/" + RunLog.codeVersion())
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build();
    int status = -1;
    String error = null;
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      Long retryAfter = null;
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        status = response.statusCode();
        if (status >= 200 && status < 300) {
          return new Outcome(true, false, status, attempt, null);
        }
        error = "HTTP " + status + bodyText(response.body());
        if (status != 429 && status < 500) {
          return new Outcome(false, true, status, attempt, error + " (not retried: the receiver refused the message)");
        }
        if (status == 429) {
          retryAfter = retryAfterMillis(response.headers().firstValue("Retry-After")).orElse(null);
        }
      } catch (IOException e) {
        status = -1;
        error = destination.redact(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome(false, false, status, attempt, "interrupted");
      }
      if (attempt == settings.attempts()) {
        break;
      }
      long sleep = retryAfter != null ? Math.min(retryAfter, settings.maxDelay().toMillis()) : backoff(attempt);
      LOG.info("notify {} to {}: {}; attempt {} of {} in {} ms", what, destination, error, attempt + 1,
          settings.attempts(), sleep);
      if (!sleep(sleep)) {
        return new Outcome(false, false, status, attempt, "interrupted");
      }
    }
    return new Outcome(false, false, status, settings.attempts(), error + " after " + settings.attempts()
        + (settings.attempts() == 1 ? " attempt" : " attempts"));
  }

  /** Attempt k's back-off: half of min(max, base * 2^(k-1)) fixed, the other half random. */
  long backoff(int attempt) {
    long base = settings.baseDelay().toMillis();
    long cap = settings.maxDelay().toMillis();
    long b = attempt >= 31 ? cap : Math.min(cap, base << (attempt - 1));
    return b / 2 + ThreadLocalRandom.current().nextLong(b / 2 + 1);
  }

  /** A Retry-After header in milliseconds: delta-seconds or an HTTP date; empty when absent or unreadable. */
  public static Optional<Long> retryAfterMillis(Optional<String> header) {
    if (header.isEmpty() || header.get().isBlank()) {
      return Optional.empty();
    }
    String v = header.get().trim();
    try {
      return Optional.of(Math.max(0L, Long.parseLong(v)) * 1000L);
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Optional.of(Math.max(0L, Duration.between(java.time.Instant.now(), at.toInstant()).toMillis()));
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private String bodyText(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return ": " + destination.redact(oneLine.length() > BODY_IN_ERROR ? oneLine.substring(0, BODY_IN_ERROR) + "..."
        : oneLine);
  }

  private static boolean sleep(long millis) {
    if (millis <= 0) {
      return true;
    }
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
