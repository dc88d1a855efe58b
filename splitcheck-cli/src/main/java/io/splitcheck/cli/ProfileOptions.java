package io.splitcheck.cli;

import io.splitcheck.engine.TempFolder;
import io.splitcheck.matrix.Cell;
import io.splitcheck.seccomp.BundledProfiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --profile NAME=FILE}; {@code --profile FILE} (a path: it has a {@code /} or ends in {@code
 * .json}), its cell named after the file ({@code ./prod.json} is cell {@code prod}); or {@code
 * --profile NAME} for a bundled profile ({@code seccomp-profiles/NAME.json} of {@code
 * SPLITCHECK_PROFILES} or the working directory, else the copy in the jar, written to a temporary
 * file so the cell reads it like any other).
 */
final class ProfileOptions {

  private ProfileOptions() {}

  static Map<String, Path> toMap(List<String> values, Map<String, String> env) {
    Map<String, Path> map = new LinkedHashMap<>();
    for (String s : values) {
      String name;
      Path file;
      if (isPath(s)) {
        file = Path.of(s);
        name = cellName(s, file);
      } else if (s.contains("=")) {
        NamedValue nv = NamedValue.parse("--profile", s);
        name = nv.name();
        file = Path.of(nv.value());
      } else {
        name = s;
        file = bundled(s, env);
      }
      if (map.put(name, file) != null) {
        throw new IllegalArgumentException(
            "--profile '" + s + "': cell name '" + name + "' is given twice");
      }
    }
    return map;
  }

  /** A path rather than NAME=FILE or a bundled name: a '/' before any '=', or a .json ending. */
  private static boolean isPath(String s) {
    int eq = s.indexOf('=');
    int slash = s.indexOf('/');
    return slash >= 0 && (eq < 0 || slash < eq) || eq < 0 && s.endsWith(".json");
  }

  /** The file's name without {@code .json}, which must exist and make a cell name. */
  private static String cellName(String s, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "--profile "
              + s
              + ": no such file (expected a seccomp profile file, NAME=FILE, or a bundled name)");
    }
    String name = file.getFileName().toString().replaceFirst("\\.json$", "");
    if (!Cell.isName(name)) {
      throw new IllegalArgumentException(
          "--profile "
              + s
              + ": the file's name '"
              + name
              + "' makes no cell name (letters, digits, '_', '.', '-'); give one: NAME="
              + s);
    }
    return name;
  }

  private static Path bundled(String name, Map<String, String> env) {
    String dir = env.getOrDefault("SPLITCHECK_PROFILES", "seccomp-profiles");
    BundledProfiles.Bundled b = BundledProfiles.require("--profile", name, Path.of(dir));
    if (!b.source().startsWith("classpath:")) {
      return Path.of(b.source());
    }
    try {
      Path tmp = TempFolder.file(name + "-", ".json");
      tmp.toFile().deleteOnExit();
      return Files.writeString(tmp, b.json(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write bundled profile " + name + " to a temporary file: " + e, e);
    }
  }
}
