package io.splitcheck.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Output options checked before anything runs: a matrix of minutes must not end in "is a
 * directory". Each failure names the option and what was expected.
 */
final class OutputPaths {
  private OutputPaths() {}

  /**
   * {@code --json FILE}: not a directory; writable if it exists, else creatable in a writable
   * folder.
   */
  static void file(Path file, String option) {
    if (file == null) {
      return;
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(
          option + " '" + file + "' is a directory, expected a file to write");
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      throw new IllegalArgumentException(option + " '" + file + "' is not writable");
    }
    if (!Files.exists(file)) {
      creatable(file.toAbsolutePath().getParent(), option, file);
    }
  }

  /** {@code --report DIR}: a writable directory, or one that can be created. */
  static void dir(Path dir, String option) {
    if (dir == null) {
      return;
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          option + " '" + dir + "' is a file, expected a directory to write " + "the report into");
    }
    if (Files.isDirectory(dir) && !Files.isWritable(dir)) {
      throw new IllegalArgumentException(option + " '" + dir + "' is not writable");
    }
    if (!Files.exists(dir)) {
      creatable(dir.toAbsolutePath().getParent(), option, dir);
    }
  }

  /** The nearest existing ancestor must be a writable directory. */
  private static void creatable(Path parent, String option, Path target) {
    Path p = parent;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return;
    }
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException(
          option + " '" + target + "': '" + p + "' is a file, expected a directory");
    }
    if (!Files.isWritable(p)) {
      throw new IllegalArgumentException(option + " '" + target + "': '" + p + "' is not writable");
    }
  }
}
