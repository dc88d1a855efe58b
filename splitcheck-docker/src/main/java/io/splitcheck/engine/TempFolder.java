package io.splitcheck.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The work folders splitcheck makes for iid files, build logs (which may quote a build secret) and
 * saved images. Each holds an {@value #OWNER_FILE} file naming its run and {@link Owner}, so that
 * {@code gc} can remove the folders of runs that died without their cleanup (SIGKILL).
 */
public final class TempFolder {
  /** The file in a work folder that says whose it is: the run id, then the owner label. */
  public static final String OWNER_FILE = ".splitcheck-owner";

  private TempFolder() {}

  /**
   * A new folder {@code <tmp>/<prefix>NNN} (owner only), recording {@code runId} and this process
   * as owner. Removed when the JVM exits (Ctrl-C, SIGTERM: a build log in it may quote a build
   * secret) unless {@link #deleteQuietly deleted} before; after SIGKILL, by {@code gc}.
   */
  public static Path create(String prefix, String runId) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    Files.writeString(
        dir.resolve(OWNER_FILE),
        runId + "\n" + Owner.current().map(Owner::label).orElse("") + "\n",
        StandardCharsets.UTF_8);
    removeAtExit(dir);
    return dir;
  }

  private static synchronized void removeAtExit(Path dir) {
    LIVE.add(dir);
    if (!hooked) {
      hooked = true;
      Runtime.getRuntime().addShutdownHook(new Thread(TempFolder::removeLive, "splitcheck-tmp"));
    }
  }

  /** At exit: every work folder of this process still there, its own folder included. */
  private static void removeLive() {
    List<Path> left;
    synchronized (TempFolder.class) {
      left = new ArrayList<>(LIVE);
    }
    left.forEach(TempFolder::deleteQuietly);
  }

  /**
   * The prefix of this process's own folder, where {@link #file} and {@link #directory} put their
   * work.
   */
  public static final String PROCESS_PREFIX = "splitcheck-process-";

  private static final Set<Path> LIVE = new LinkedHashSet<>();
  private static Path process;
  private static boolean hooked;

  /**
   * A new temporary file in this process's own work folder (see {@link #processFolder}): saved
   * images, copied container files, host command logs. Never straight under the temp directory,
   * where a SIGKILLed run would leave it with no owner for {@code gc} to read.
   */
  public static Path file(String prefix, String suffix) throws IOException {
    return Files.createTempFile(processFolder(), prefix, suffix);
  }

  /** A new temporary folder in this process's own work folder, as {@link #file}. */
  public static Path directory(String prefix) throws IOException {
    return Files.createTempDirectory(processFolder(), prefix);
  }

  /**
   * {@code <tmp>/splitcheck-process-NNN}: one folder per process, made when first needed, with an
   * owner file naming this process (run id {@code process-<pid>}), removed when the JVM exits
   * (normal exit, Ctrl-C, SIGTERM) and by {@code gc} once its owner is dead (SIGKILL). Made again
   * should someone remove it while the process lives ({@code gc --older-than}).
   */
  public static synchronized Path processFolder() throws IOException {
    if (process == null || !Files.isDirectory(process)) {
      process = create(PROCESS_PREFIX, "process-" + ProcessHandle.current().pid());
    }
    return process;
  }

  /** A work folder a run left, as {@code gc} sees it. */
  public record Left(Path dir, String runId, String owner, Instant created) {}

  /**
   * The {@code splitcheck-*} folders under {@code root} that carry an owner file, sorted by path.
   */
  public static List<Left> leftUnder(Path root) {
    List<Left> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "splitcheck-*")) {
      for (Path dir : dirs) {
        read(dir).ifPresent(out::add);
      }
    } catch (IOException e) {
      return List.of();
    }
    out.sort(Comparator.comparing(Left::dir));
    return List.copyOf(out);
  }

  private static Optional<Left> read(Path dir) {
    Path file = dir.resolve(OWNER_FILE);
    try {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(file)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return Optional.of(
          new Left(
              dir,
              lines.isEmpty() ? "?" : lines.get(0),
              lines.size() < 2 || lines.get(1).isBlank() ? null : lines.get(1),
              Files.getLastModifiedTime(file).toInstant()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Deletes {@code dir} and everything in it; a temp folder left behind is not worth failing a run
   * over.
   */
  public static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    synchronized (TempFolder.class) {
      LIVE.remove(dir);
    }
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // left behind
    }
  }
}
