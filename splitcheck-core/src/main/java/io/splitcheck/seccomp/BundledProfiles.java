package io.splitcheck.seccomp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The profiles of {@code seccomp-profiles/} by name ({@code --profile docker-20.10.0}): {@code
 * <name>.json} in the folder handed in (the repository's, or {@code SPLITCHECK_PROFILES}), else the
 * copy the build puts into the core jar under {@code /seccomp-profiles/}, so the name also works
 * outside the repository.
 */
public final class BundledProfiles {

  /** Where the build copies {@code seccomp-profiles/*.json} on the classpath. */
  public static final String RESOURCE_DIR = "/seccomp-profiles/";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** One bundled profile's text and where it was read from. */
  public record Bundled(String name, String json, String source) {}

  private BundledProfiles() {}

  /** The profile called {@code name}; {@code dir} may be null or missing. */
  public static Optional<Bundled> find(String name, Path dir) {
    if (!NAME.matcher(name).matches() || name.endsWith(".json")) {
      return Optional.empty();
    }
    if (dir != null) {
      Path file = dir.resolve(name + ".json");
      if (Files.isRegularFile(file)) {
        try {
          return Optional.of(
              new Bundled(name, Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read seccomp profile '" + file + "': " + e, e);
        }
      }
    }
    try (InputStream in =
        BundledProfiles.class.getResourceAsStream(RESOURCE_DIR + name + ".json")) {
      return in == null
          ? Optional.empty()
          : Optional.of(
              new Bundled(
                  name,
                  new String(in.readAllBytes(), StandardCharsets.UTF_8),
                  "classpath:" + RESOURCE_DIR + name + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read bundled seccomp profile '" + name + "': " + e, e);
    }
  }

  /** Like {@link #find}, or an error naming the option, the name and the names {@code dir} has. */
  public static Bundled require(String option, String name, Path dir) {
    return find(name, dir)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    option
                        + " "
                        + name
                        + ": no bundled seccomp profile '"
                        + name
                        + "' ("
                        + (dir == null ? "" : dir + "/" + name + ".json, ")
                        + "classpath "
                        + RESOURCE_DIR
                        + name
                        + ".json), expected NAME=FILE or one of "
                        + names(dir)));
  }

  private static String names(Path dir) {
    TreeSet<String> names = new TreeSet<>();
    if (dir != null && Files.isDirectory(dir)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
        files.forEach(f -> names.add(f.getFileName().toString().replaceFirst("\\.json$", "")));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + dir + ": " + e, e);
      }
    }
    return names.isEmpty() ? "the names in seccomp-profiles/" : String.join(", ", names);
  }
}
