package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerSecurity;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The six built-in cells, in their default order; their names are part of the interface. Each of
 * {@code cap-drop-all}, {@code read-only} and {@code no-network} is {@code docker run} with that
 * one option: the engine's default seccomp profile applies, as in production.
 */
public final class BuiltInCells {
  public static final String UNCONFINED = "unconfined";
  public static final String RUNTIME_DEFAULT = "runtime-default";
  public static final String CAP_DROP_ALL = "cap-drop-all";
  public static final String READ_ONLY = "read-only";
  public static final String NO_NETWORK = "no-network";
  public static final String RESTRICTED = "restricted";

  private static final String ORIGIN = "built-in";
  private static final List<Cell> ALL =
      List.of(
          new Cell(UNCONFINED, ContainerSecurity.unconfined(), ORIGIN),
          new Cell(RUNTIME_DEFAULT, ContainerSecurity.engineDefault(), ORIGIN),
          new Cell(CAP_DROP_ALL, ContainerSecurity.engineDefault().withDropAllCaps(), ORIGIN),
          new Cell(READ_ONLY, ContainerSecurity.engineDefault().withReadOnlyRoot(false), ORIGIN),
          new Cell(NO_NETWORK, ContainerSecurity.engineDefault().withNoNetwork(), ORIGIN),
          new Cell(
              RESTRICTED,
              ContainerSecurity.engineDefault()
                  .withDropAllCaps()
                  .withReadOnlyRoot(true)
                  .withNoNetwork()
                  .withNoNewPrivileges(),
              ORIGIN));

  private BuiltInCells() {}

  /** All six, in the default order: unconfined first (the default baseline). */
  public static List<Cell> all() {
    return ALL;
  }

  /** The six and the Kubernetes cells ({@link K8sCells}), which run only when named. */
  public static Optional<Cell> named(String name) {
    return Stream.concat(ALL.stream(), K8sCells.all().stream())
        .filter(c -> c.name().equals(name))
        .findFirst();
  }

  public static List<String> names() {
    return Stream.concat(ALL.stream(), K8sCells.all().stream()).map(Cell::name).toList();
  }
}
