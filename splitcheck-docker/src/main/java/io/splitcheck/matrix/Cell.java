package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerSecurity;

/**
 * One cell of the matrix: a name (part of the interface) and the security settings it runs under.
 *
 * @param name {@code unconfined}, {@code runtime-default}, ... or a {@code --profile}/{@code
 *     --derive} name
 * @param security what the container runs under
 * @param origin {@code built-in}, {@code profile FILE} or {@code derive EXPR}, for messages
 */
public record Cell(String name, ContainerSecurity security, String origin) {
  public Cell {
    if (!isName(name)) {
      throw new IllegalArgumentException(
          "Error parsing cell name '" + name + "': expected letters, digits, '_', '.', '-'");
    }
  }

  /** Whether {@code name} can name a cell: letters and digits, then also '_', '.' and '-'. */
  public static boolean isName(String name) {
    return name != null && name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*");
  }
}
