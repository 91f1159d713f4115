package dev.hindsight.cli;

import dev.hindsight.error.Errors;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * --verbose and --log-file, for the commands that can run quietly (demo always; ingest and backfill on a
 * terminal): quiet means every log line goes to a file, named once at the start, and the console shows one
 * line per step ({@link Progress}); verbose means the logs on stderr and each step's full summary.
 */
public class LogOptions {
  @Option(names = {"-v", "--verbose"},
      description = "The logs (hindsight's, Spark's) on stderr and each step's full summary, instead of a log file and one line per step")
  boolean verbose;

  @Option(names = "--log-file", paramLabel = "FILE",
      description = "Write the logs to FILE (appended) and show one line per step; default when quiet: a new file in"
          + " $HINDSIGHT_LOG_DIR or ~/.cache/hindsight/logs (the 20 newest are kept)")
  Path logFile;

  /** Whether this run is quiet: --log-file given, or quiet by default and not --verbose. */
  boolean quiet(boolean byDefault) {
    if (verbose && logFile != null) {
      throw Errors.usage("--verbose and --log-file do not go together: --verbose puts the logs on the console");
    }
    return !verbose && (logFile != null || byDefault);
  }

  /**
   * When quiet, sends the logs to the file and says where on {@code out} (one line); returns the file, or null
   * when the logs stay on the console.
   */
  Path start(String command, boolean quietByDefault, PrintWriter out) {
    if (!quiet(quietByDefault)) {
      return null;
    }
    Path file = LogFile.redirect(logFile != null ? logFile : LogFile.newDefaultFile(command));
    if (file != null) {
      out.println("log: " + file + "  (--verbose shows it here instead)");
      out.flush();
    }
    return file;
  }
}
