package dev.hindsight.cli;

import java.util.List;

/**
 * More {@code hindsight} subcommands, found with {@link java.util.ServiceLoader} on the classpath (a
 * {@code META-INF/services/dev.hindsight.cli.CommandPlugin} entry). The synthetic data generator's module
 * (hindsight-synth) adds {@code generate} and {@code demo} this way: bin/hindsight runs with it, the cluster jar
 * holds the product only and offers neither.
 */
public interface CommandPlugin {
  /** The subcommands to add, in the order the help lists them: {@code @Command} classes or instances. */
  List<Object> commands();
}
