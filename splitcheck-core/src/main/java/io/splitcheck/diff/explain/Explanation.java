package io.splitcheck.diff.explain;

import java.util.List;

/**
 * What differs inside one regular file between two builds, bounded in size.
 *
 * @param format what the file was read as: gzip, zip, pyc, tar, ar, shadow, passwd, group, elf,
 *     text, binary
 * @param evidence short machine-readable facts a cause can be matched on, e.g. {@code gzip-mtime},
 *     {@code pyc-timestamp}, {@code shadow-lastchg}, sorted
 * @param lines what differs, for a person: at most {@link Explainers#MAX_LINES}, each at most
 *     {@link Explainers#MAX_LINE} characters
 */
public record Explanation(String format, List<String> evidence, List<String> lines) {
  public Explanation {
    evidence = evidence == null ? List.of() : evidence.stream().distinct().sorted().toList();
    lines = lines == null ? List.of() : Explainers.bound(lines);
  }
}
