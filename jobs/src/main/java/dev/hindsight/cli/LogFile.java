package dev.hindsight.cli;

import dev.hindsight.error.Errors;
import dev.hindsight.lake.RunLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.slf4j.LoggerFactory;

/**
 * Sends every log line of this JVM (hindsight's, Spark's, Hadoop's, Delta's: everything log4j2 writes to the
 * console) to one file while a quiet command runs, so the console shows only the command's own output. The
 * levels stay those of log4j2.properties (hindsight INFO, the rest WARN); only where the lines go changes.
 *
 * <p>Redirection swaps the console appenders of the live log4j2 configuration for a file appender, so it works
 * whichever logger was created first and catches Spark's start-up lines when done before the session starts.
 * {@link #restore} puts the console back (in-process callers: tests, notebooks); {@code bin/hindsight}'s JVM
 * ({@link #standalone}) keeps the file to the end so the shutdown lines land there too.
 */
public final class LogFile {
  /** Moves the default folder of log files. */
  public static final String DIR_ENV = "HINDSIGHT_LOG_DIR";
  /** Log files kept in the default folder; older ones are deleted when a new one starts. */
  static final int KEEP = 20;
  private static final String APPENDER = "hindsight-log-file";
  private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5p %c{1}: %m%n";

  private record Swapped(LoggerConfig logger, Appender console, Level level, Filter filter) {}

  private static LogFile active;
  private static boolean standalone;

  private final Path path;
  private final LoggerContext context;
  private final FileAppender appender;
  private final List<Swapped> swapped;

  private LogFile(Path path, LoggerContext context, FileAppender appender, List<Swapped> swapped) {
    this.path = path;
    this.context = context;
    this.appender = appender;
    this.swapped = swapped;
  }

  /** $HINDSIGHT_LOG_DIR, else ~/.cache/hindsight/logs (beside bin/fetch-geoip's ~/.cache/hindsight/geoip). */
  public static Path defaultDir() {
    String dir = System.getenv(DIR_ENV);
    if (dir != null && !dir.isBlank()) {
      return Paths.get(dir.strip());
    }
    String home = System.getenv("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    return Paths.get(home, ".cache", "hindsight", "logs");
  }

  /** A new file name in {@link #defaultDir()}: {@code <command>-<yyyyMMdd-HHmmss>-<pid>.log}. */
  public static Path newDefaultFile(String command) {
    return defaultDir().resolve(command + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
        + "-" + ProcessHandle.current().pid() + ".log");
  }

  /** The JVM ends with this command (Hindsight.main): the file stays the log destination to the end. */
  static synchronized void standalone() {
    standalone = true;
  }

  /** The file the logs go to now, or null when they go to the console. */
  public static synchronized Path active() {
    return active == null ? null : active.path;
  }

  /**
   * Sends the log lines to {@code file} (appended; folders created) until {@link #restore}. When log4j2 is not
   * the logging backend nothing changes and null is returned.
   *
   * @throws dev.hindsight.error.JobFailedException when the file cannot be created
   */
  public static synchronized Path redirect(Path file) {
    if (active != null) {
      if (active.path.equals(file.toAbsolutePath())) {
        return active.path;
      }
      active.undo();
    }
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
      return null;
    }
    Path path = file.toAbsolutePath();
    try {
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      if (!Files.exists(path)) {
        Files.createFile(path);
      }
    } catch (IOException e) {
      throw Errors.jobFailed("Cannot write the log file " + path + ": " + e.getMessage()
          + "; choose another with --log-file, or --verbose for the logs on the console", e);
    }
    if (path.getParent() != null && path.getParent().equals(defaultDir().toAbsolutePath())) {
      prune(path.getParent(), path);
    }
    Configuration config = context.getConfiguration();
    PatternLayout layout = PatternLayout.newBuilder().withPattern(PATTERN).withConfiguration(config).build();
    FileAppender appender = FileAppender.newBuilder().setName(APPENDER).withFileName(path.toString())
        .withAppend(true).setImmediateFlush(true).setLayout(layout).setConfiguration(config).build();
    appender.start();
    config.addAppender(appender);
    List<LoggerConfig> loggers = new ArrayList<>(config.getLoggers().values());
    if (!loggers.contains(config.getRootLogger())) {
      loggers.add(config.getRootLogger());
    }
    List<Swapped> swapped = new ArrayList<>();
    for (LoggerConfig logger : loggers) {
      Swapped first = null;
      for (AppenderRef ref : logger.getAppenderRefs()) {
        Appender a = logger.getAppenders().get(ref.getRef());
        if (a instanceof ConsoleAppender) {
          Swapped s = new Swapped(logger, a, ref.getLevel(), ref.getFilter());
          first = first == null ? s : first;
          swapped.add(s);
          logger.removeAppender(a.getName());
        }
      }
      if (first != null) {
        logger.addAppender(appender, first.level(), null);
      }
    }
    context.updateLoggers();
    active = new LogFile(path, context, appender, swapped);
    LoggerFactory.getLogger(LogFile.class).info("hindsight {}: the log of this run", RunLog.codeVersion());
    return path;
  }

  /** Puts the console back (a no-op when nothing is redirected, or in bin/hindsight's own JVM). */
  public static synchronized void restore() {
    if (active != null && !standalone) {
      active.undo();
    }
  }

  private void undo() {
    for (Swapped s : swapped) {
      s.logger().removeAppender(APPENDER);
    }
    for (Swapped s : swapped) {
      s.logger().addAppender(s.console(), s.level(), s.filter());
    }
    if (context.getConfiguration() instanceof AbstractConfiguration config) {
      config.removeAppender(APPENDER);
    }
    context.updateLoggers();
    appender.stop();
    active = null;
  }

  /** Deletes the oldest *.log files in the default folder beyond {@link #KEEP} (never {@code keep}). */
  private static void prune(Path dir, Path keep) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> logs = files.filter(p -> p.getFileName().toString().endsWith(".log") && !p.equals(keep))
          .sorted(Comparator.comparing(LogFile::modified).reversed()).toList();
      for (Path old : logs.subList(Math.min(logs.size(), KEEP - 1), logs.size())) {
        Files.deleteIfExists(old);
      }
    } catch (IOException | RuntimeException e) {
      // Pruning is housekeeping: a failure must not stop the command.
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0L;
    }
  }
}
