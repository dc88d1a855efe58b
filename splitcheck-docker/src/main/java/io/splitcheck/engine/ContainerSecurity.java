package io.splitcheck.engine;

/**
 * The security settings of one container, in the engine's vocabulary.
 *
 * @param seccomp which seccomp filter applies
 * @param profileJson the profile's JSON content when {@code seccomp} is {@link Seccomp#CUSTOM}, else null
 * @param dropAllCaps {@code capDrop ALL}
 * @param readOnlyRoot {@code readonlyRootfs}
 * @param tmpfsTmp a tmpfs on {@code /tmp}
 * @param noNetwork {@code networkMode none}
 * @param noNewPrivileges {@code no-new-privileges}
 */
public record ContainerSecurity(Seccomp seccomp, String profileJson, boolean dropAllCaps,
                                boolean readOnlyRoot, boolean tmpfsTmp, boolean noNetwork,
                                boolean noNewPrivileges) {
  /** Which seccomp filter a container runs under. */
  public enum Seccomp {
    /** {@code seccomp=unconfined}. */
    UNCONFINED,
    /** No seccomp option: the engine applies its own default profile. */
    ENGINE_DEFAULT,
    /** {@code seccomp=<json>}: a profile sent by content. */
    CUSTOM
  }

  public ContainerSecurity {
    if ((seccomp == Seccomp.CUSTOM) != (profileJson != null)) {
      throw new IllegalArgumentException("profileJson must be given exactly when seccomp is CUSTOM");
    }
  }

  /** The engine's defaults with seccomp unconfined: the laptop. */
  public static ContainerSecurity unconfined() {
    return new ContainerSecurity(Seccomp.UNCONFINED, null, false, false, false, false, false);
  }

  /** The engine's defaults, its default seccomp profile included. */
  public static ContainerSecurity engineDefault() {
    return new ContainerSecurity(Seccomp.ENGINE_DEFAULT, null, false, false, false, false, false);
  }

  /** The engine's defaults under a custom seccomp profile sent by content. */
  public static ContainerSecurity customProfile(String json) {
    return new ContainerSecurity(Seccomp.CUSTOM, json, false, false, false, false, false);
  }

  public ContainerSecurity withDropAllCaps() {
    return new ContainerSecurity(seccomp, profileJson, true, readOnlyRoot, tmpfsTmp, noNetwork,
        noNewPrivileges);
  }

  public ContainerSecurity withReadOnlyRoot(boolean tmpfsOnTmp) {
    return new ContainerSecurity(seccomp, profileJson, dropAllCaps, true, tmpfsOnTmp, noNetwork,
        noNewPrivileges);
  }

  public ContainerSecurity withNoNetwork() {
    return new ContainerSecurity(seccomp, profileJson, dropAllCaps, readOnlyRoot, tmpfsTmp, true,
        noNewPrivileges);
  }

  public ContainerSecurity withNoNewPrivileges() {
    return new ContainerSecurity(seccomp, profileJson, dropAllCaps, readOnlyRoot, tmpfsTmp, noNetwork,
        true);
  }
}
