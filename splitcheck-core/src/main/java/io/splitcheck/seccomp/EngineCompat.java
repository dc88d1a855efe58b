package io.splitcheck.seccomp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a given engine makes of a profile: which fields its profile loader reads, and so what the
 * runtime is really handed. Read from the loaders' sources:
 *
 * <ul>
 *   <li>Docker 20.10 (moby {@code profiles/seccomp/seccomp.go}, struct {@code Seccomp}): {@code
 *       defaultAction}, {@code architectures}, {@code archMap}, {@code syscalls[]} with {@code
 *       errnoRet}; Go's JSON decoder drops everything else, so {@code defaultErrnoRet} is lost and
 *       runc returns EPERM for the default action (measured on 20.10.24: a profile with {@code
 *       "defaultErrnoRet": 38} still fails unlisted syscalls with EPERM).
 *   <li>Docker 23.0 and later: the struct embeds the runtime-spec's {@code LinuxSeccomp}, so {@code
 *       defaultErrnoRet}, {@code flags}, {@code listenerPath} and {@code listenerMetadata} reach
 *       runc too.
 *   <li>Podman (containers/common {@code pkg/seccomp}): all of the above plus the symbolic {@code
 *       defaultErrno} and per-rule {@code errno}, which win over the numeric fields ({@code
 *       getErrno}); the runtime is crun.
 * </ul>
 *
 * None of them read containers-common's names on a Docker engine; all ignore {@code comment}.
 */
public final class EngineCompat {

  /** A profile loader and its runtime. */
  public enum Target {
    DOCKER_20_10("Docker 20.10 (moby profile loader, runc)", true, false, false),
    DOCKER_23(
        "Docker 23.0 and later (moby profile loader with runtime-spec fields, runc)",
        true,
        true,
        false),
    PODMAN("Podman (containers/common profile loader, crun)", false, true, true);

    private final String description;
    private final boolean runc;
    private final boolean specFields;
    private final boolean errnoNames;

    Target(String description, boolean runc, boolean specFields, boolean errnoNames) {
      this.description = description;
      this.runc = runc;
      this.specFields = specFields;
      this.errnoNames = errnoNames;
    }

    public String description() {
      return description;
    }

    /** Whether the runtime is runc (whose -ENOSYS stub {@link RuncConfig} models). */
    public boolean runc() {
      return runc;
    }

    /**
     * {@code docker-20.10}, {@code docker-26}, {@code podman} (the {@code scripts/engine --kind}
     * names), or a Docker engine version like {@code 20.10.24+dfsg1}.
     */
    public static Target of(String engine) {
      String e = engine.strip().toLowerCase(Locale.ROOT);
      if (e.startsWith("podman")) {
        return PODMAN;
      }
      String version = e.startsWith("docker-") ? e.substring("docker-".length()) : e;
      return major(version) >= 23 ? DOCKER_23 : DOCKER_20_10;
    }
  }

  /**
   * The target of a version a Docker engine reports ({@code 20.10.24+dfsg1}: Docker's versions
   * start at 17); empty for anything else, such as Podman's Docker-compatible API reporting {@code
   * 4.3.1}.
   */
  public static Optional<Target> dockerTarget(String engineVersion) {
    return engineVersion != null && engineVersion.matches("(1[7-9]|[2-9]\\d)\\..*")
        ? Optional.of(Target.of(engineVersion))
        : Optional.empty();
  }

  /**
   * What {@code target} does with one field the profile uses.
   *
   * @param changes whether what the engine does instead changes what some call returns (a dropped
   *     {@code errno: EPERM} beside {@code errnoRet: 1} does not): only those are warnings
   */
  public record FieldEffect(String field, boolean honoured, String effect, boolean changes) {
    /** A field whose dropping changes what the filter does. */
    public FieldEffect(String field, boolean honoured, String effect) {
      this(field, honoured, effect, !honoured);
    }
  }

  private EngineCompat() {}

  /** True when the engine passes {@code defaultErrnoRet} through to the runtime. */
  public static boolean honoursDefaultErrnoRet(String engineVersion) {
    return Target.of(engineVersion).specFields;
  }

  /**
   * The profile as a Docker engine of this version hands it to runc (for evaluation and
   * attribution).
   */
  public static SeccompProfile asLoaded(SeccompProfile p, String engineVersion) {
    return asLoaded(p, Target.of(engineVersion));
  }

  /** The profile as {@code target}'s loader hands it to the runtime. */
  public static SeccompProfile asLoaded(SeccompProfile p, Target target) {
    if (target.errnoNames) {
      return resolveNames(p);
    }
    boolean names =
        p.extras().defaultErrno() != null || p.rules().stream().anyMatch(r -> r.errno() != null);
    boolean dropDefault = p.defaultErrnoRet() != null && !target.specFields;
    if (!names && !dropDefault && (target.specFields || !hasSpecOnlyFields(p))) {
      return p;
    }
    List<SyscallRule> rules =
        p.rules().stream().map(r -> r.errno() == null ? r : r.withErrnoRet(r.errnoRet())).toList();
    SeccompProfile.Extras extras =
        target.specFields
            ? new SeccompProfile.Extras(
                null, p.extras().listenerPath(), p.extras().listenerMetadata())
            : SeccompProfile.Extras.NONE;
    return new SeccompProfile(
        p.defaultAction(),
        target.specFields ? p.defaultErrnoRet() : null,
        p.architectures(),
        p.archMap(),
        target.specFields ? p.flags() : List.of(),
        rules,
        extras);
  }

  private static boolean hasSpecOnlyFields(SeccompProfile p) {
    return !p.flags().isEmpty()
        || p.extras().listenerPath() != null
        || p.extras().listenerMetadata() != null;
  }

  /**
   * containers/common's {@code getErrno}: a symbolic or numeric-string errno wins over the number.
   */
  private static SeccompProfile resolveNames(SeccompProfile p) {
    List<SyscallRule> rules =
        p.rules().stream()
            .map(r -> r.errno() == null ? r : r.withErrnoRet(errnoNumber(r.errno())))
            .toList();
    SeccompProfile resolved = p.withRules(rules);
    String name = p.extras().defaultErrno();
    return name == null ? resolved : resolved.withDefaultErrnoRet(errnoNumber(name));
  }

  static int errnoNumber(String name) {
    return name.matches("\\d+")
        ? Integer.parseInt(name)
        : Errnos.number(name)
            .orElseThrow(() -> new IllegalArgumentException("unknown errno '" + name + "'"));
  }

  /** Per field the profile uses: whether {@code target} honours it and what it applies instead. */
  public static List<FieldEffect> fieldEffects(SeccompProfile p, Target target) {
    List<FieldEffect> result = new ArrayList<>();
    if (p.defaultErrnoRet() != null) {
      result.add(
          target.specFields
              ? new FieldEffect(
                  "defaultErrnoRet",
                  true,
                  "the default action returns " + Errnos.nameOrNumber(p.defaultErrnoRet()))
              : new FieldEffect(
                  "defaultErrnoRet", false, "dropped; the default action returns EPERM"));
    }
    if (p.extras().defaultErrno() != null) {
      result.add(target.errnoNames ? defaultErrnoHonoured(p) : defaultErrnoDropped(p, target));
    }
    List<SyscallRule> named = p.rules().stream().filter(r -> r.errno() != null).toList();
    if (!named.isEmpty()) {
      result.add(
          target.errnoNames
              ? new FieldEffect(
                  "syscalls[].errno",
                  true,
                  named.size() + " rules return their named errno (wins over errnoRet)")
              : errnoNamesDropped(named));
    }
    if (p.rules().stream().anyMatch(r -> r.errnoRet() != null)) {
      result.add(new FieldEffect("syscalls[].errnoRet", true, "returned by ERRNO rules"));
    }
    if (!p.flags().isEmpty()) {
      result.add(
          new FieldEffect(
              "flags",
              target.specFields,
              target.specFields
                  ? "passed to the runtime "
                      + p.flags()
                      + " (they change logging and speculation, not decisions)"
                  : "dropped"));
    }
    if (p.extras().listenerPath() != null || p.extras().listenerMetadata() != null) {
      result.add(
          new FieldEffect(
              "listenerPath",
              target.specFields,
              target.specFields
                  ? "SCMP_ACT_NOTIFY calls go to the agent at " + p.extras().listenerPath()
                  : "dropped; a profile with SCMP_ACT_NOTIFY rules then fails to start"));
    }
    if (!p.archMap().isEmpty()) {
      result.add(
          new FieldEffect(
              "archMap",
              true,
              "the native architecture's entry becomes the filter's architectures"));
    }
    if (p.rules().stream().anyMatch(r -> !r.includes().isEmpty() || !r.excludes().isEmpty())) {
      result.add(
          new FieldEffect(
              "syscalls[].includes/excludes",
              true,
              "rules are kept or dropped by the container's capabilities, the architecture and the kernel"));
    }
    return List.copyOf(result);
  }

  private static FieldEffect defaultErrnoHonoured(SeccompProfile p) {
    return new FieldEffect(
        "defaultErrno",
        true,
        "the default action returns "
            + p.extras().defaultErrno()
            + (p.defaultErrnoRet() != null ? " (wins over defaultErrnoRet)" : ""));
  }

  /**
   * Dropped: the default returns defaultErrnoRet (an engine passing it on) or EPERM. Its own
   * warning says so when defaultErrnoRet is dropped too, so this one changes something only when
   * its errno differs from what the default returns and that is not already the other's news.
   */
  private static FieldEffect defaultErrnoDropped(SeccompProfile p, Target target) {
    int named = errnoNumber(p.extras().defaultErrno());
    Integer ret = p.defaultErrnoRet();
    int applied = target.specFields && ret != null ? ret : Errnos.EPERM;
    boolean toldByDefaultErrnoRet = ret != null && !target.specFields && ret == named;
    return new FieldEffect(
        "defaultErrno",
        false,
        "dropped (a containers-common field); the default action returns "
            + Errnos.nameOrNumber(applied)
            + (named == applied ? ", the errno it names" : ""),
        named != applied && !toldByDefaultErrnoRet);
  }

  /**
   * Dropped: each ERRNO rule returns its errnoRet, else EPERM. A change only for the rules whose
   * named errno is another; those are listed (containers-common's profile names the errnoRet's own
   * errno in every rule).
   */
  private static FieldEffect errnoNamesDropped(List<SyscallRule> named) {
    List<String> differ = new ArrayList<>();
    for (SyscallRule r : named) {
      int applied = r.errnoRet() != null ? r.errnoRet() : Errnos.EPERM;
      if (r.action().startsWith("SCMP_ACT_ERRNO") && errnoNumber(r.errno()) != applied) {
        differ.add(
            String.join(",", r.names())
                + " returns "
                + Errnos.nameOrNumber(applied)
                + ", not "
                + r.errno());
      }
    }
    return new FieldEffect(
        "syscalls[].errno",
        false,
        named.size()
            + " rules' errno names dropped; each returns its errnoRet, else EPERM"
            + (differ.isEmpty()
                ? " (the errno each names)"
                : ": " + differ.size() + " differ (" + String.join("; ", differ) + ")"),
        !differ.isEmpty());
  }

  /**
   * Warnings about parts of the profile the engine ignores and whose dropping changes what a call
   * returns, naming the profile and what applies instead.
   */
  public static List<String> warnings(SeccompProfile p, String source, String engine) {
    Target target = Target.of(engine);
    List<String> warnings = new ArrayList<>();
    if (p.defaultErrnoRet() != null && !target.specFields && p.defaultErrnoRet() != Errnos.EPERM) {
      warnings.add(
          "seccomp profile '"
              + source
              + "': defaultErrnoRet "
              + p.defaultErrnoRet()
              + " ("
              + Errnos.nameOrNumber(p.defaultErrnoRet())
              + ") is ignored by engine "
              + engine
              + "; the default action returns EPERM (engines from 23.0 honour it)");
    }
    for (FieldEffect f : fieldEffects(p, target)) {
      if (f.changes() && !f.field().equals("defaultErrnoRet")) {
        warnings.add(
            "seccomp profile '"
                + source
                + "': "
                + f.field()
                + " is ignored by engine "
                + engine
                + " ("
                + target.description()
                + "): "
                + f.effect());
      }
    }
    return List.copyOf(warnings);
  }

  private static int major(String version) {
    try {
      return Integer.parseInt(version.strip().split("[.+-]")[0]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Error parsing engine '"
              + version
              + "': expected docker-20.10, docker-26,"
              + " podman or a Docker version MAJOR.MINOR.PATCH like 20.10.24");
    }
  }
}
