package dev.hindsight.cli;

import dev.hindsight.error.Errors;
import dev.hindsight.error.ExitCode;
import dev.hindsight.error.HindsightException;
import dev.hindsight.error.UsageException;
import dev.hindsight.lake.RunLog;
import java.io.PrintWriter;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code hindsight <command>}: the one entry point for bin/hindsight, spark-submit and the scheduler.
 * Exit codes ({@link ExitCode}): 0 success, 1 the job failed, 2 bad usage. Only the project's own errors
 * ({@link HindsightException}, built in {@link Errors}) choose one; any other exception is a bug: exit 1, one
 * line on stderr, the stack trace in the log.
 */
@Command(name = "hindsight", mixinStandardHelpOptions = true, versionProvider = Hindsight.Version.class,
    description = "Retrospective audit of cloud credentials: audit logs in, Delta tables of events and findings out.",
    subcommands = {IngestCommand.class, ScoreCommand.class, PublishCommand.class, RunCommand.class,
        BackfillCommand.class, FindingsCommand.class, EvaluateCommand.class, SqlCommand.class,
        SampleCommand.class, VerifySampleCommand.class, ReportCommand.class, ExportCommand.class, TriageCommand.class,
        NotifyCommand.class, MaintainCommand.class, CatalogCommand.class, PullCommand.class, CredentialsCommand.class,
        CommandLine.HelpCommand.class})
public final class Hindsight implements Runnable {
  public static final int OK = ExitCode.OK;
  public static final int FAILED = ExitCode.FAILED;
  public static final int USAGE = ExitCode.USAGE;
  private static final Logger LOG = LoggerFactory.getLogger(Hindsight.class);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    LogFile.standalone(); // a quiet command's log file stays the destination until the JVM exits
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code (tests call this; main exits with it). */
  public static int run(String... args) {
    try {
      return commandLine().execute(args);
    } finally {
      LogFile.restore();
    }
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
    // A quiet command sent the logs to a file (LogFile): the console comes back when it ends; on a failure the
    // handler below does it, after the stack trace of a bug went to that file.
    cl.setExecutionStrategy(parseResult -> {
      int code = new CommandLine.RunLast().execute(parseResult);
      LogFile.restore();
      return code;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("hindsight " + ex.getCommandLine().getCommandName() + ": " + ex.getMessage());
      err.println("Try 'hindsight " + qualifiedName(ex.getCommandLine()) + " --help'.");
      return USAGE;
    });
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      PrintWriter err = cmd.getErr();
      HindsightException known = Errors.find(ex);
      java.nio.file.Path logFile = LogFile.active();
      if (known == null) {
        LOG.error("hindsight {} failed with an unexpected error", cmd.getCommandName(), ex);
      } else if (logFile != null) {
        LOG.error("hindsight {} failed: {}", cmd.getCommandName(), known.getMessage()); // the file says why it ends
      }
      LogFile.restore();
      if (known instanceof UsageException) {
        err.println("hindsight " + cmd.getCommandName() + ": " + known.getMessage());
        err.println("Try 'hindsight " + qualifiedName(cmd) + " --help'.");
        return known.exitCode();
      }
      if (known != null) {
        err.println("hindsight " + cmd.getCommandName() + ": " + known.getMessage());
        return known.exitCode();
      }
      err.println("hindsight " + cmd.getCommandName() + ": " + Errors.bugLine(ex));
      err.println("The stack trace is in " + (logFile != null ? logFile : "the log above")
          + "; please report it with the command line.");
      return ExitCode.of(ex);
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
