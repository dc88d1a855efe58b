package io.splitcheck.twice;

import io.splitcheck.engine.BuildRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One input {@code twice --vary} changes for a third build, as reprotest does: the build runs
 * exactly as the user's, except for this one thing. Context variations build from a copy of the
 * context made in a work folder; the user's context is never touched.
 */
public enum Variation {
  /** SOURCE_DATE_EPOCH passed (or, when the user passed one, moved) by {@link #SHIFT_SECONDS}. */
  TIME("time"),
  /**
   * Every file and directory of the context copied with its mtime moved by {@link #SHIFT_SECONDS}.
   */
  MTIME("mtime"),
  /**
   * The context copied entry by entry in reverse name order (each directory's creation order
   * reversed).
   */
  ORDER("order"),
  /**
   * The context copied as under umask 002 instead of 022: the group-write bit of every entry
   * flipped.
   */
  UMASK("umask");

  /** How far {@link #TIME} and {@link #MTIME} move a time: 398 days, reprotest's faketime shift. */
  public static final long SHIFT_SECONDS = 398L * 24 * 3600;

  /** The build argument {@link #TIME} sets. */
  public static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

  private final String id;

  Variation(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /**
   * {@code --vary LIST}: comma-separated ids, each once, or {@code all}. Bad input names the
   * option, the value and what is allowed; {@code hostname} and {@code engine} say why this command
   * cannot vary them.
   */
  public static List<Variation> parse(String list) {
    List<Variation> out = new ArrayList<>();
    for (String raw : list.split(",", -1)) {
      String name = raw.trim().toLowerCase(Locale.ROOT);
      if (name.equals("all")) {
        for (Variation v : values()) {
          if (!out.contains(v)) {
            out.add(v);
          }
        }
        continue;
      }
      if (name.equals("hostname")) {
        throw new IllegalArgumentException(
            "--vary 'hostname': BuildKit runs every RUN step with the hostname "
                + "'buildkitsandbox' and docker build has no option to change it, so it cannot vary");
      }
      Variation v =
          Stream.of(values())
              .filter(x -> x.id.equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--vary '"
                              + raw
                              + "' in '"
                              + list
                              + "': expected a comma-separated "
                              + "list of "
                              + ids()
                              + " (or all)"));
      if (out.contains(v)) {
        throw new IllegalArgumentException("--vary '" + list + "': '" + name + "' given twice");
      }
      out.add(v);
    }
    return List.copyOf(out);
  }

  static String ids() {
    return String.join(", ", Stream.of(values()).map(Variation::id).toList());
  }

  /** What this variation changes, for the report. */
  public String change(BuildRequest request, Clock clock) {
    return switch (this) {
      case TIME ->
          SOURCE_DATE_EPOCH
              + "="
              + epoch(request, clock)
              + (request.buildArgs().containsKey(SOURCE_DATE_EPOCH)
                  ? " instead of " + request.buildArgs().get(SOURCE_DATE_EPOCH)
                  : " (the unvaried builds had none)")
              + " as a build argument";
      case MTIME ->
          "every context file's and directory's mtime " + (SHIFT_SECONDS / 86400) + " days later";
      case ORDER -> "the context's entries created in reverse name order";
      case UMASK -> "the context's group-write bits flipped (umask 002 vs 022)";
    };
  }

  private static long epoch(BuildRequest request, Clock clock) {
    String given = request.buildArgs().get(SOURCE_DATE_EPOCH);
    if (given != null) {
      try {
        return Long.parseLong(given.trim()) + SHIFT_SECONDS;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--build-arg SOURCE_DATE_EPOCH='" + given + "': expected unix seconds");
      }
    }
    return clock.instant().getEpochSecond() + SHIFT_SECONDS;
  }

  /** The varied request; a context variation copies the context under {@code work/vary-<id>}. */
  public BuildRequest apply(BuildRequest request, Path work, Clock clock) throws IOException {
    if (this == TIME) {
      Map<String, String> args = new TreeMap<>(request.buildArgs());
      args.put(SOURCE_DATE_EPOCH, Long.toString(epoch(request, clock)));
      return new BuildRequest(
          request.context(),
          request.dockerfile(),
          args,
          request.secrets(),
          request.target(),
          request.tag(),
          request.noCache(),
          request.timeout());
    }
    Path copy = work.resolve("vary-" + id);
    copyTree(request.context(), copy);
    Path dockerfile = request.dockerfile();
    if (dockerfile != null
        && dockerfile
            .toAbsolutePath()
            .normalize()
            .startsWith(request.context().toAbsolutePath().normalize())) {
      dockerfile =
          copy.resolve(
              request
                  .context()
                  .toAbsolutePath()
                  .normalize()
                  .relativize(dockerfile.toAbsolutePath().normalize()));
    }
    return new BuildRequest(
        copy,
        dockerfile,
        request.buildArgs(),
        request.secrets(),
        request.target(),
        request.tag(),
        request.noCache(),
        request.timeout());
  }

  private void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    List<Path> children;
    try (Stream<Path> s = Files.list(from)) {
      Comparator<Path> byName = Comparator.comparing(p -> p.getFileName().toString());
      children = s.sorted(this == ORDER ? byName.reversed() : byName).toList();
    }
    for (Path child : children) {
      Path target = to.resolve(child.getFileName().toString());
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        copyTree(child, target);
      } else {
        Files.copy(child, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        vary(child, target);
      }
    }
    Files.setPosixFilePermissions(
        to, Files.getPosixFilePermissions(from, LinkOption.NOFOLLOW_LINKS));
    vary(from, to);
  }

  /** After the copy: the entry's own change (a symbolic link keeps its times and mode). */
  private void vary(Path source, Path copy) throws IOException {
    if (Files.isSymbolicLink(copy)) {
      return;
    }
    FileTime mtime = Files.getLastModifiedTime(source, LinkOption.NOFOLLOW_LINKS);
    if (this == MTIME) {
      mtime = FileTime.fromMillis(mtime.toMillis() + SHIFT_SECONDS * 1000);
    } else if (this == UMASK) {
      Set<PosixFilePermission> perms =
          Files.getPosixFilePermissions(source, LinkOption.NOFOLLOW_LINKS);
      if (!perms.remove(PosixFilePermission.GROUP_WRITE)) {
        perms.add(PosixFilePermission.GROUP_WRITE);
      }
      Files.setPosixFilePermissions(copy, perms);
    }
    Files.setLastModifiedTime(copy, mtime);
  }
}
