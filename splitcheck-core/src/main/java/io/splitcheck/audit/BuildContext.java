package io.splitcheck.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A build context as the audit sees it: its files (symlinks not followed) and its {@code
 * .dockerignore}.
 *
 * @param files sorted by path, relative to the context root with {@code /} separators
 * @param dockerignore the ignore file's lines, or null when the context has none
 */
public record BuildContext(String root, List<ContextFile> files, List<String> dockerignore) {
  /** A file or symlink; {@code linkTarget} as written for symlinks. */
  public record ContextFile(String path, boolean symlink, long size, String linkTarget) {}

  public BuildContext {
    files = files.stream().sorted(Comparator.comparing(ContextFile::path)).toList();
    dockerignore = dockerignore == null ? null : List.copyOf(dockerignore);
  }

  /**
   * Walks {@code dir} without following symlinks. The ignore file is {@code
   * <Dockerfile>.dockerignore} next to the Dockerfile when present (BuildKit's rule), else {@code
   * dir/.dockerignore}.
   */
  public static BuildContext scan(Path dir, Path dockerfile) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("Error parsing --context '" + dir + "': not a directory");
    }
    List<ContextFile> files = new ArrayList<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String rel = dir.relativize(file).toString().replace('\\', '/');
            if (attrs.isSymbolicLink()) {
              files.add(new ContextFile(rel, true, 0, Files.readSymbolicLink(file).toString()));
            } else if (attrs.isRegularFile()) {
              files.add(new ContextFile(rel, false, attrs.size(), null));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    Path ignore =
        dockerfile == null
            ? null
            : dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
    if (ignore == null || !Files.exists(ignore, LinkOption.NOFOLLOW_LINKS)) {
      ignore = dir.resolve(".dockerignore");
    }
    List<String> lines =
        Files.isRegularFile(ignore) ? Files.readAllLines(ignore, StandardCharsets.UTF_8) : null;
    return new BuildContext(dir.toString(), files, lines);
  }

  /** Whether a symlink's target leaves the context: absolute, or climbing above the root. */
  public static boolean escapes(ContextFile link) {
    String target = link.linkTarget();
    if (target.startsWith("/")) {
      return true;
    }
    int depth = link.path().split("/").length - 1;
    for (String part : target.split("/")) {
      if (part.equals("..")) {
        depth--;
        if (depth < 0) {
          return true;
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
    }
    return false;
  }
}
