package dev.hindsight.ingest.llm;

/** Test access to the package-private parts of {@link ProxyMapping}. */
public final class ProxyMappingAccess {
  private ProxyMappingAccess() {}

  /** The name of the mapping {@link ProxyMapping#load} reads from a name, a path or a URI. */
  public static String name(String nameOrUri) {
    return ProxyMapping.load(nameOrUri).name;
  }
}
