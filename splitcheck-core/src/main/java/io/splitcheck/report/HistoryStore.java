package io.splitcheck.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The nightly's history folder: one directory per run ({@code <root>/<run-id>/}, run ids start with
 * the UTC time so names sort by age) holding report.json, junit.xml, index.html and changes.md, and
 * {@code <root>/changes.md}, the latest changes. Only directories holding a report.json count as
 * runs; nothing else in the folder is read or deleted.
 */
public final class HistoryStore {
  public static final String CHANGES = "changes.md";
  private final Path root;

  public HistoryStore(Path root) {
    this.root = root;
  }

  /** Run directories, oldest first. */
  public List<Path> runs() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return children
          .filter(d -> Files.isRegularFile(d.resolve(ReportWriter.JSON)))
          .sorted(Comparator.comparing(d -> d.getFileName().toString()))
          .toList();
    }
  }

  /** The newest kept run other than {@code exceptRunId}. */
  public Optional<RunReport> latest(String exceptRunId) throws IOException {
    List<Path> runs = new ArrayList<>(runs());
    runs.removeIf(d -> d.getFileName().toString().equals(exceptRunId));
    return runs.isEmpty()
        ? Optional.empty()
        : Optional.of(ReportWriter.read(runs.get(runs.size() - 1)));
  }

  /**
   * Stores {@code current}, compares it with the newest earlier run, writes changes.md into the run
   * directory and the root, and keeps the newest {@code keep} runs. Returns the changes.
   */
  public Changes record(RunReport current, int keep) throws IOException {
    if (keep < 1) {
      throw new IllegalArgumentException("Error parsing keep '" + keep + "': expected at least 1");
    }
    RunReport previous = latest(current.runId()).orElse(null);
    Path dir = root.resolve(current.runId());
    new ReportWriter().write(current, dir);
    Changes changes = new ChangeDetector().compare(previous, current);
    String md = new ChangesRenderer().markdown(changes);
    Files.writeString(dir.resolve(CHANGES), md, StandardCharsets.UTF_8);
    Files.writeString(root.resolve(CHANGES), md, StandardCharsets.UTF_8);
    prune(keep);
    return changes;
  }

  /** Deletes the oldest run directories beyond the newest {@code keep}; returns what it deleted. */
  public List<Path> prune(int keep) throws IOException {
    List<Path> runs = runs();
    List<Path> deleted = new ArrayList<>();
    for (Path dir : runs.subList(0, Math.max(0, runs.size() - keep))) {
      deleteTree(dir);
      deleted.add(dir);
    }
    return deleted;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
