package dev.hindsight.lake;

import dev.hindsight.lake.tables.Runs;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * One job run, written as one row of the {@code runs} table when the run ends, whatever its outcome.
 * Mutable while the run is under way; {@link #record(Lake)} appends it.
 */
public final class RunLog {
  private static final Pattern SECRET_CONF = Pattern.compile(
      "(?i)^(.*(secret|password|token|credential|access\\.key|session\\.key|signature)[^=]*)=(.*)$");
  private static final Pattern URI_USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");
  /** An http(s) URL's path, query and fragment: where webhook URLs (Slack's) and signed URLs carry their secret. */
  private static final Pattern HTTP_URL_REST = Pattern.compile("(?i)(https?://[^/?#\\s]+)[/?#][^\\s]*");

  private final String runId;
  private final String command;
  private final String arguments;
  private final Instant startedAt;
  private final String master;
  private String status = "running";
  private String error;
  private LocalDate dateFrom;
  private LocalDate dateTo;
  private String source;
  private List<LocalDate> restated = List.of();
  private long inputFiles;
  private long inputBytes;
  private final Map<String, Long> rowsRead = new LinkedHashMap<>();
  private final Map<String, Long> rowsWritten = new LinkedHashMap<>();
  private long rowsQuarantined;
  private final Map<String, Long> tableVersions = new LinkedHashMap<>();

  public RunLog(String command, List<String> args, String master) {
    this.runId = newRunId();
    this.command = command;
    this.arguments = maskArguments(args);
    this.startedAt = Instant.now();
    this.master = master;
  }

  static String newRunId() {
    return Instant.now().toString().replaceAll("[-:]", "").replaceAll("\\.\\d+", "") + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Masks secret --conf values, user:password@ in URIs, and the path and query of http(s) URLs (a webhook URL is
   * its own secret: {@code https://hooks.example.com/*****}) so the command line can be stored.
   */
  public static String maskArguments(List<String> args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      String masked = URI_USERINFO.matcher(a).replaceAll("$1*****@");
      masked = maskHttpUrls(masked);
      Matcher m = SECRET_CONF.matcher(masked);
      if (m.matches()) {
        masked = m.group(1) + "=*****";
      }
      out.add(masked);
    }
    return String.join(" ", out);
  }

  /** {@code text} with the path, query and fragment of every http(s) URL in it replaced: {@code https://host/*****}. */
  public static String maskHttpUrls(String text) {
    if (text == null) {
      return null;
    }
    return HTTP_URL_REST.matcher(text).replaceAll(u -> Matcher.quoteReplacement(
        u.group().length() == u.group(1).length() + 1 ? u.group() : u.group(1) + "/*****"));
  }

  public String runId() {
    return runId;
  }

  public RunLog dates(LocalDate from, LocalDate to) {
    this.dateFrom = from;
    this.dateTo = to;
    return this;
  }

  /** The source an ingest run reads. */
  public RunLog source(String name) {
    this.source = name;
    return this;
  }

  /** Days before the run's first date that it redid because their input changed (see {@code LateData}). */
  public RunLog restated(List<LocalDate> days) {
    this.restated = List.copyOf(days);
    return this;
  }

  public List<LocalDate> restated() {
    return restated;
  }

  public RunLog input(long files, long bytes) {
    this.inputFiles = files;
    this.inputBytes = bytes;
    return this;
  }

  public RunLog read(String what, long rows) {
    rowsRead.put(what, rows);
    return this;
  }

  public RunLog wrote(String table, long rows) {
    rowsWritten.put(table, rows);
    return this;
  }

  public RunLog quarantined(long rows) {
    this.rowsQuarantined = rows;
    return this;
  }

  public RunLog version(String table, long version) {
    tableVersions.put(table, version);
    return this;
  }

  public RunLog succeeded() {
    this.status = "succeeded";
    return this;
  }

  public RunLog noop() {
    this.status = "noop";
    return this;
  }

  public RunLog failed(Throwable t) {
    this.status = "failed";
    // an exception's message can quote a URL it was given; a webhook URL's path is its secret
    this.error = t.getMessage() == null ? t.getClass().getName()
        : maskHttpUrls(URI_USERINFO.matcher(t.getMessage()).replaceAll("$1*****@"));
    return this;
  }

  public String status() {
    return status;
  }

  /** Appends this run to the runs table. Each run id is written once, so a retried record() is harmless. */
  public void record(Lake lake) {
    lake.ensure(Runs.TABLE);
    Row row = new Runs()
        .runId(runId)
        .command(command)
        .arguments(arguments)
        .startedAt(startedAt)
        .endedAt(Instant.now())
        .status(status)
        .error(error)
        .dateFrom(dateFrom)
        .dateTo(dateTo)
        .inputFiles(inputFiles)
        .inputBytes(inputBytes)
        .rowsRead(rowsRead)
        .rowsWritten(rowsWritten)
        .rowsQuarantined(rowsQuarantined)
        .tableVersions(tableVersions)
        .codeVersion(codeVersion())
        .sparkMaster(master)
        .source(source)
        .restatedDates(restated)
        .toRow();
    if (lake.read(Runs.TABLE).filter(org.apache.spark.sql.functions.col(Runs.RUN_ID).equalTo(runId)).isEmpty()) {
      lake.spark().createDataFrame(List.of(row), Runs.schema()).write().format("delta").mode(SaveMode.Append)
          .save(lake.path(Runs.TABLE));
    }
  }

  /** hindsight's version, plus the git commit when the launcher passed one. */
  public static String codeVersion() {
    Properties p = new Properties();
    try (InputStream in = RunLog.class.getClassLoader().getResourceAsStream("hindsight.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException ignored) {
      // version stays unknown
    }
    String version = p.getProperty("version", "unknown");
    String commit = System.getProperty("hindsight.git.commit", "");
    return commit.isBlank() ? version : version + "+" + commit;
  }
}
