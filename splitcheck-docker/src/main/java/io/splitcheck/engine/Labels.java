package io.splitcheck.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.TreeMap;

/** The labels every container, volume and network splitcheck creates carries. */
public final class Labels {
  /** The run that created the object; {@code gc} and cleanup select by it. */
  public static final String RUN = "io.splitcheck.run";

  /** The pid of the splitcheck process that created the object. */
  public static final String PID = "io.splitcheck.pid";

  /** The host that process ran on. */
  public static final String HOST = "io.splitcheck.host";

  /**
   * Who created the object, as {@link Owner#label()}: boot id, pid namespace, pid and start time,
   * so that {@code gc} in another pid namespace (or on another host) never takes a live run for a
   * dead one.
   */
  public static final String OWNER = "io.splitcheck.owner";

  /** On a run's owner record: {@code true} when its images are kept ({@code twice --keep}). */
  public static final String KEPT = "io.splitcheck.kept";

  /** What the object is for: {@code cell}, {@code tracer}, {@code trace-volume}, ... */
  public static final String ROLE = "io.splitcheck.role";

  private Labels() {}

  public static Map<String, String> forRun(String runId, String role) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(RUN, runId);
    labels.put(PID, Long.toString(ProcessHandle.current().pid()));
    labels.put(HOST, HostName.NAME);
    Owner.current().ifPresent(o -> labels.put(OWNER, o.label()));
    labels.put(ROLE, role);
    return labels;
  }

  /** Resolved once: {@code getLocalHost} may ask a resolver. */
  private static final class HostName {
    static final String NAME = hostName();
  }

  /** This host's name as the labels record it ({@code gc} compares against it). */
  public static String host() {
    return HostName.NAME;
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
