package io.splitcheck.seccomp;

/**
 * A derivation stored in {@code seccomp-profiles/NAME.derive}.
 *
 * @param name file name without {@code .derive}
 * @param description the file's leading comment block, joined into one line
 * @param base {@code default} (the engine default profile) or a profile JSON file next to the
 *     .derive file
 * @param derivation all items of the file
 */
public record NamedDerivation(String name, String description, String base, Derivation derivation) {

  public static final String DEFAULT_BASE = "default";

  public boolean onEngineDefault() {
    return base.equals(DEFAULT_BASE);
  }
}
