package dev.hindsight.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the real CLI in-process (sharing the test SparkSession) and captures its output and exit code. */
public final class CliRunner {
  public record Result(int code, String out, String err) {}

  private CliRunner() {}

  public static Result run(String... args) {
    dev.hindsight.TestSpark.get();
    CommandLine cl = Hindsight.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
