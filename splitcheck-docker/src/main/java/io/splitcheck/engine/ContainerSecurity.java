package io.splitcheck.engine;

/**
 * The security settings of one container, in the engine's vocabulary.
 *
 * @param seccomp which seccomp filter applies
 * @param profileJson the profile's JSON content when {@code seccomp} is {@link Seccomp#CUSTOM},
 *     else null
 * @param dropAllCaps {@code capDrop ALL}
 * @param readOnlyRoot {@code readonlyRootfs}
 * @param tmpfsTmp a tmpfs on {@code /tmp}
 * @param noNetwork {@code networkMode none}
 * @param noNewPrivileges {@code no-new-privileges}
 * @param pod user, groups, added/dropped capabilities, limits, mounts and process of a pod-like
 *     cell
 */
public record ContainerSecurity(
    Seccomp seccomp,
    String profileJson,
    boolean dropAllCaps,
    boolean readOnlyRoot,
    boolean tmpfsTmp,
    boolean noNetwork,
    boolean noNewPrivileges,
    PodSettings pod) {
  /** A cell without pod settings. */
  public ContainerSecurity(
      Seccomp seccomp,
      String profileJson,
      boolean dropAllCaps,
      boolean readOnlyRoot,
      boolean tmpfsTmp,
      boolean noNetwork,
      boolean noNewPrivileges) {
    this(
        seccomp,
        profileJson,
        dropAllCaps,
        readOnlyRoot,
        tmpfsTmp,
        noNetwork,
        noNewPrivileges,
        PodSettings.NONE);
  }

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
      throw new IllegalArgumentException(
          "profileJson must be given exactly when seccomp is CUSTOM");
    }
    pod = pod == null ? PodSettings.NONE : pod;
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
    return new ContainerSecurity(
        seccomp, profileJson, true, readOnlyRoot, tmpfsTmp, noNetwork, noNewPrivileges, pod);
  }

  public ContainerSecurity withReadOnlyRoot(boolean tmpfsOnTmp) {
    return new ContainerSecurity(
        seccomp, profileJson, dropAllCaps, true, tmpfsOnTmp, noNetwork, noNewPrivileges, pod);
  }

  public ContainerSecurity withNoNetwork() {
    return new ContainerSecurity(
        seccomp, profileJson, dropAllCaps, readOnlyRoot, tmpfsTmp, true, noNewPrivileges, pod);
  }

  public ContainerSecurity withNoNewPrivileges() {
    return new ContainerSecurity(
        seccomp, profileJson, dropAllCaps, readOnlyRoot, tmpfsTmp, noNetwork, true, pod);
  }

  public ContainerSecurity withPod(PodSettings newPod) {
    return new ContainerSecurity(
        seccomp,
        profileJson,
        dropAllCaps,
        readOnlyRoot,
        tmpfsTmp,
        noNetwork,
        noNewPrivileges,
        newPod);
  }

  /** The same switches under another seccomp filter. */
  public ContainerSecurity withSeccomp(Seccomp newSeccomp, String newProfileJson) {
    return new ContainerSecurity(
        newSeccomp,
        newProfileJson,
        dropAllCaps,
        readOnlyRoot,
        tmpfsTmp,
        noNetwork,
        noNewPrivileges,
        pod);
  }
}
