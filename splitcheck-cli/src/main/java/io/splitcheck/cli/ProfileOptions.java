package io.splitcheck.cli;

import io.splitcheck.engine.TempFolder;
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
 * {@code --profile NAME=FILE}, or {@code --profile NAME} for a bundled profile ({@code
 * seccomp-profiles/NAME.json} of {@code SPLITCHECK_PROFILES} or the working directory, else the
 * copy in the jar, written to a temporary file so the cell reads it like any other).
 */
final class ProfileOptions {

  private ProfileOptions() {}

  static Map<String, Path> toMap(List<String> values, Map<String, String> env) {
    Map<String, Path> map = new LinkedHashMap<>();
    for (String s : values) {
      String name = s.contains("=") ? NamedValue.parse("--profile", s).name() : s;
      Path file =
          s.contains("=") ? Path.of(NamedValue.parse("--profile", s).value()) : bundled(s, env);
      if (map.put(name, file) != null) {
        throw new IllegalArgumentException(
            "--profile '" + s + "': cell name '" + name + "' is given twice");
      }
    }
    return map;
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
