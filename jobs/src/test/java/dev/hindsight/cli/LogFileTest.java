package dev.hindsight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A quiet command's logs: every console line of log4j2 to one file, at the configured levels, then back. */
class LogFileTest {
  @AfterEach
  void consoleBack() {
    LogFile.restore();
  }

  static java.util.Collection<Appender> rootAppenders() {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    return ctx.getConfiguration().getRootLogger().getAppenders().values();
  }

  @Test
  void everyLoggerWritesToTheFileAtItsLevelUntilRestored(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("logs/run.log");
    assertThat(rootAppenders()).anyMatch(a -> a instanceof ConsoleAppender);

    assertThat(LogFile.redirect(file)).isEqualTo(file.toAbsolutePath());
    assertThat(LogFile.active()).isEqualTo(file.toAbsolutePath());
    assertThat(rootAppenders()).noneMatch(a -> a instanceof ConsoleAppender);
    LoggerFactory.getLogger("org.apache.spark.util.Utils").warn("spark says hostname");
    LoggerFactory.getLogger("org.apache.spark.util.Utils").info("spark info stays below its level");
    LoggerFactory.getLogger(LogFileTest.class).info("hindsight says ingest");
    LoggerFactory.getLogger(LogFileTest.class).debug("hindsight debug stays below its level");
    LogFile.restore();

    assertThat(LogFile.active()).isNull();
    assertThat(rootAppenders()).anyMatch(a -> a instanceof ConsoleAppender)
        .noneMatch(a -> a.getName().equals("hindsight-log-file"));
    LoggerFactory.getLogger(LogFileTest.class).info("back on the console");

    String log = Files.readString(file);
    assertThat(log).contains("WARN  Utils: spark says hostname").contains("INFO  LogFileTest: hindsight says ingest")
        .contains("LogFile: hindsight ").doesNotContain("below its level").doesNotContain("back on the console");
  }

  @Test
  void aSecondRedirectMovesToTheNewFile(@TempDir Path tmp) throws Exception {
    LogFile.redirect(tmp.resolve("a.log"));
    LogFile.redirect(tmp.resolve("b.log"));
    LoggerFactory.getLogger(LogFileTest.class).warn("to b");
    LogFile.restore();
    assertThat(Files.readString(tmp.resolve("a.log"))).doesNotContain("to b");
    assertThat(Files.readString(tmp.resolve("b.log"))).contains("to b");
    assertThat(rootAppenders()).filteredOn(a -> a instanceof ConsoleAppender).hasSize(1);
  }
}
