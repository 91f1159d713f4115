package dev.hindsight.cli;

import dev.hindsight.lake.JobFailedException;
import dev.hindsight.lake.RunLog;
import java.io.PrintWriter;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hindsight <command>}: the one entry point for bin/hindsight, spark-submit and the scheduler.
 * Exit codes: 0 success, 1 the job failed, 2 bad usage.
 */
@Command(name = "hindsight", mixinStandardHelpOptions = true, versionProvider = Hindsight.Version.class,
    description = "Retrospective audit of cloud credentials: audit logs in, Delta tables of events and findings out.",
    subcommands = {IngestCommand.class, ScoreCommand.class, PublishCommand.class, RunCommand.class,
        BackfillCommand.class, FindingsCommand.class, EvaluateCommand.class, SqlCommand.class,
        SampleCommand.class, VerifySampleCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class Hindsight implements Runnable {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code (tests call this; main exits with it). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /**
   * The same as {@link #run} under a name no instance method shares, for callers in the same JVM that look
   * methods up by name (a notebook through Py4J: notebooks/hindsight_nb.py). Reuses the running SparkSession.
   */
  public static int execute(String[] args) {
    return run(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Hindsight());
    addPluginCommands(cl);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("hindsight " + ex.getCommandLine().getCommandName() + ": " + ex.getMessage());
      err.println("Try 'hindsight " + qualifiedName(ex.getCommandLine()) + " --help'.");
      return USAGE;
    });
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      PrintWriter err = cmd.getErr();
      if (ex instanceof IllegalArgumentException) {
        err.println("hindsight " + cmd.getCommandName() + ": " + ex.getMessage());
        err.println("Try 'hindsight " + qualifiedName(cmd) + " --help'.");
        return USAGE;
      }
      if (ex instanceof JobFailedException) {
        err.println("hindsight " + cmd.getCommandName() + ": " + ex.getMessage());
        return FAILED;
      }
      err.println("hindsight " + cmd.getCommandName() + ": failed: " + rootMessage(ex));
      ex.printStackTrace(err);
      return FAILED;
    });
    return cl;
  }

  /** Adds the subcommands of every {@link CommandPlugin} on the classpath; {@code help} stays last. */
  private static void addPluginCommands(CommandLine cl) {
    List<CommandPlugin> plugins = ServiceLoader.load(CommandPlugin.class, Hindsight.class.getClassLoader()).stream()
        .map(ServiceLoader.Provider::get).toList();
    if (plugins.isEmpty()) {
      return;
    }
    CommandLine help = cl.getCommandSpec().removeSubcommand("help");
    for (CommandPlugin plugin : plugins) {
      for (Object command : plugin.commands()) {
        cl.addSubcommand(command);
      }
    }
    cl.addSubcommand(help);
  }

  private static String qualifiedName(CommandLine cl) {
    String q = cl.getCommandSpec().qualifiedName(" ");
    return q.startsWith("hindsight ") ? q.substring("hindsight ".length()) : q.equals("hindsight") ? "" : q;
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + c + ")";
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: "
        + String.join(", ", spec.subcommands().keySet()));
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"hindsight " + RunLog.codeVersion()};
    }
  }
}
