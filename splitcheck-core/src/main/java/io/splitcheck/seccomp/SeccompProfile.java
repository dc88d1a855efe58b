package io.splitcheck.seccomp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An immutable seccomp profile in the Docker/moby format ({@code defaultAction}, {@code
 * defaultErrnoRet}, {@code architectures} or {@code archMap}, {@code syscalls[]} with {@code
 * names}, {@code action}, {@code errnoRet}, {@code args}, {@code includes}/{@code excludes}, {@code
 * comment}).
 */
public final class SeccompProfile {

  private final String defaultAction;
  private final Integer defaultErrnoRet;
  private final List<String> architectures;
  private final List<ArchMapping> archMap;
  private final List<String> flags;
  private final List<SyscallRule> rules;
  private final Extras extras;

  /**
   * The fields that only some engines read: containers-common's symbolic {@code defaultErrno}, and
   * the runtime-spec's {@code listenerPath}/{@code listenerMetadata} (a seccomp agent for
   * SCMP_ACT_NOTIFY).
   */
  public record Extras(String defaultErrno, String listenerPath, String listenerMetadata) {
    public static final Extras NONE = new Extras(null, null, null);
  }

  public SeccompProfile(
      String defaultAction,
      Integer defaultErrnoRet,
      List<String> architectures,
      List<ArchMapping> archMap,
      List<String> flags,
      List<SyscallRule> rules) {
    this(defaultAction, defaultErrnoRet, architectures, archMap, flags, rules, Extras.NONE);
  }

  public SeccompProfile(
      String defaultAction,
      Integer defaultErrnoRet,
      List<String> architectures,
      List<ArchMapping> archMap,
      List<String> flags,
      List<SyscallRule> rules,
      Extras extras) {
    this.extras = extras == null ? Extras.NONE : extras;
    this.defaultAction = Objects.requireNonNull(defaultAction, "defaultAction");
    this.defaultErrnoRet = defaultErrnoRet;
    this.architectures = List.copyOf(architectures);
    this.archMap = List.copyOf(archMap);
    this.flags = List.copyOf(flags);
    this.rules = List.copyOf(rules);
  }

  /**
   * Parses profile JSON; {@code source} names it in errors: {@code Error parsing seccomp profile
   * '<source>': <what>, expected <what was expected>}.
   */
  public static SeccompProfile parse(String json, String source) {
    return new ProfileJsonReader(source).read(json);
  }

  /** Reads and parses a profile file. */
  public static SeccompProfile read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read seccomp profile '" + file + "': " + e, e);
    }
  }

  /**
   * A field this reader does not know: a newer engine may (the engine's own verdict decides), so
   * callers may carry on with a warning; every other parse failure is bad input.
   */
  public static final class UnknownFieldException extends IllegalArgumentException {
    public UnknownFieldException(String message) {
      super(message);
    }
  }

  /** Deterministic JSON: fixed field order, two-space indentation, trailing newline. */
  public String toJson() {
    return ProfileJsonWriter.write(this);
  }

  public String defaultAction() {
    return defaultAction;
  }

  /** The errno of an ERRNO default action, or null (the runtime then uses EPERM). */
  public Integer defaultErrnoRet() {
    return defaultErrnoRet;
  }

  public List<String> architectures() {
    return architectures;
  }

  public List<ArchMapping> archMap() {
    return archMap;
  }

  public List<String> flags() {
    return flags;
  }

  public List<SyscallRule> rules() {
    return rules;
  }

  public Extras extras() {
    return extras;
  }

  public SeccompProfile withRules(List<SyscallRule> newRules) {
    return new SeccompProfile(
        defaultAction, defaultErrnoRet, architectures, archMap, flags, newRules, extras);
  }

  /** This profile with the default errno replaced and the symbolic {@code defaultErrno} dropped. */
  public SeccompProfile withDefaultErrnoRet(Integer errnoRet) {
    return new SeccompProfile(
        defaultAction,
        errnoRet,
        architectures,
        archMap,
        flags,
        rules,
        new Extras(null, extras.listenerPath(), extras.listenerMetadata()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeccompProfile p
        && defaultAction.equals(p.defaultAction)
        && Objects.equals(defaultErrnoRet, p.defaultErrnoRet)
        && architectures.equals(p.architectures)
        && archMap.equals(p.archMap)
        && flags.equals(p.flags)
        && rules.equals(p.rules)
        && extras.equals(p.extras);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        defaultAction, defaultErrnoRet, architectures, archMap, flags, rules, extras);
  }

  @Override
  public String toString() {
    return "SeccompProfile[" + defaultAction + ", " + rules.size() + " rules]";
  }
}
