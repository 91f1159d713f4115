package dev.hindsight.cli;

import java.util.List;

/** Adds {@code generate} and {@code demo} to {@code hindsight} when this module is on the classpath. */
public final class SynthCommands implements CommandPlugin {
  @Override
  public List<Object> commands() {
    return List.of(new GenerateCommand(), new DemoCommand());
  }
}
