package dev.hindsight.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.tables.Findings;
import dev.hindsight.lake.tables.Triage;
import dev.hindsight.publish.Episodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/** A real HTTP receiver on loopback, tiny findings and triage fixtures, and a capture of every log line. */
final class NotifyFixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  static final LocalDate DAY = LocalDate.of(2026, 3, 2);

  private NotifyFixtures() {}

  /** One request the receiver got. */
  record Request(String path, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** What the receiver answers one request with. */
  record Answer(int status, String body, Map<String, String> headers) {
    static Answer ok() {
      return new Answer(200, "ok", Map.of());
    }

    static Answer status(int status, String body) {
      return new Answer(status, body, Map.of());
    }
  }

  /**
   * The JDK's HttpServer bound to 127.0.0.1 on a free port: records every request, answers each with what
   * {@code answers} says for it (given the requests so far, this one last).
   */
  static final class Receiver implements AutoCloseable {
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;
    private volatile Function<List<Request>, Answer> answers = all -> Answer.ok();

    Receiver() {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext("/", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer a;
        synchronized (requests) {
          requests.add(new Request(exchange.getRequestURI().getRawPath(), body));
          a = answers.apply(List.copyOf(requests));
        }
        a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
          exchange.getResponseBody().write(out);
        }
        exchange.close();
      });
      server.start();
    }

    Receiver answering(Function<List<Request>, Answer> f) {
      this.answers = f;
      return this;
    }

    /** A URL on this receiver whose path holds {@code secret}, as a Slack webhook URL holds its token. */
    String url(String secret) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T0HINDSIGHT/B0NOTIFY/" + secret;
    }

    List<Request> requests() {
      synchronized (requests) {
        return List.copyOf(requests);
      }
    }

    List<String> findingIds() {
      return requests().stream().map(r -> r.json().path("finding_id").asText()).toList();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** Every log event of every logger (hindsight's, Spark's, the JDK client's through SLF4J), as text. */
  static final class LogCapture implements AutoCloseable {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final AbstractAppender appender;
    private final LoggerContext ctx;

    LogCapture() {
      ctx = (LoggerContext) LogManager.getContext(false);
      appender = new AbstractAppender("notify-test-capture", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
          StringBuilder b = new StringBuilder(event.getLoggerName()).append(": ")
              .append(event.getMessage().getFormattedMessage());
          for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
            b.append(" | ").append(t);
          }
          lines.add(b.toString());
        }
      };
      appender.start();
      Configuration config = ctx.getConfiguration();
      config.addAppender(appender);
      config.getRootLogger().addAppender(appender, Level.ALL, null);
      config.getLoggers().values().forEach(l -> l.addAppender(appender, Level.ALL, null));
      ctx.updateLoggers();
    }

    String text() {
      synchronized (lines) {
        return String.join("\n", lines);
      }
    }

    @Override
    public void close() {
      Configuration config = ctx.getConfiguration();
      config.getRootLogger().removeAppender(appender.getName());
      config.getLoggers().values().forEach(l -> l.removeAppender(appender.getName()));
      ctx.updateLoggers();
      appender.stop();
    }
  }

  /** A finding of key {@code AKIA<n>} first seen on DAY. */
  static Findings finding(String id, double score, String summary) {
    return new Findings()
        .findingId(id)
        .credentialId("AKIAHINDSIGHT" + id.toUpperCase(java.util.Locale.ROOT))
        .credentialType("access_key")
        .principal("arn:aws:iam::111122223333:user/alice")
        .accountId("111122223333")
        .sources(List.of("cloudtrail"))
        .regions(List.of("us-east-1", "eu-west-1"))
        .firstSeen(DAY)
        .lastSeen(DAY.plusDays(1))
        .days(2)
        .score(score)
        .severity(Episodes.severity(score))
        .detectors(List.of("new_origin", "rare_actions"))
        .summary(summary)
        .reasons(List.of())
        .coldStart(false)
        .evidenceEventIds(List.of("ev-" + id + "-1", "ev-" + id + "-2"))
        .runId("fixture")
        .configVersion("cfg-1");
  }

  static void writeFindings(Lake lake, Findings... rows) {
    lake.ensure(Findings.TABLE);
    List<Row> out = new ArrayList<>();
    for (Findings f : rows) {
      out.add(f.toRow());
    }
    lake.spark().createDataFrame(out, Findings.schema()).write().format("delta").mode(SaveMode.Append)
        .save(lake.path(Findings.TABLE));
  }

  static Triage triage(String findingId, String status, String note, Instant at, double score) {
    return new Triage()
        .triageId(dev.hindsight.lake.Ids.of(24, findingId, at.toString(), status, "alice"))
        .findingId(findingId)
        .status(status)
        .note(note)
        .changedBy("alice")
        .changedAt(at)
        .findingScore(score)
        .findingLastSeen(DAY.plusDays(1))
        .findingDays(2)
        .suppressionId(null)
        .runId("triage-fixture");
  }

  static void writeTriage(Lake lake, Triage... rows) {
    lake.ensure(Triage.TABLE);
    List<Row> out = new ArrayList<>();
    for (Triage t : rows) {
      out.add(t.toRow());
    }
    lake.spark().createDataFrame(out, Triage.schema()).write().format("delta").mode(SaveMode.Append)
        .save(lake.path(Triage.TABLE));
  }

  /** Every row of a table as JSON text (all columns, nested ones too), for "the secret is nowhere" checks. */
  static String tableText(Lake lake, String table) {
    return String.join("\n", lake.read(table).toJSON().collectAsList());
  }
}
