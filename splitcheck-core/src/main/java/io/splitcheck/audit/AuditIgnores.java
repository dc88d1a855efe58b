package io.splitcheck.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Findings a team has decided to live with, as {@code .trivyignore} and {@code # hadolint ignore=}
 * do:
 *
 * <ul>
 *   <li>a {@code .splitcheckignore} file, one entry a line: {@code RULE [PATH] [image=REF]}, where
 *       RULE is a rule id or category ({@code leak}, {@code size.*}), PATH a path in the image or
 *       context (a folder when it ends in {@code /}), and {@code image=} limits the entry to one
 *       image; {@code #} starts a comment;
 *   <li>in the Dockerfile, {@code # splitcheck ignore=RULE[,RULE]} on the line(s) before an
 *       instruction: those rules' findings located at that instruction are dropped.
 * </ul>
 */
public final class AuditIgnores {
  public static final String FILE = ".splitcheckignore";
  private static final Pattern INLINE =
      Pattern.compile("^\\s*#\\s*splitcheck\\s+ignore=([A-Za-z0-9_.*,-]+)\\s*$");

  /** One entry of the file; {@code path} and {@code image} may be null. */
  record Entry(String rule, String path, String image) {
    boolean matches(Finding f, String audited) {
      if (!RuleIds.matches(rule, f.rule()) || image != null && !image.equals(audited)) {
        return false;
      }
      String p = f.evidence().path();
      return path == null
          || p != null && (p.equals(path) || path.endsWith("/") && p.startsWith(path));
    }
  }

  private final List<Entry> entries;

  AuditIgnores(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static final AuditIgnores NONE = new AuditIgnores(List.of());

  /**
   * Reads an ignore file; a line that is not {@code RULE [PATH] [image=REF]} is an error naming the
   * file and line.
   */
  public static AuditIgnores read(Path file) throws IOException {
    return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static AuditIgnores parse(String source, List<String> lines) {
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).replaceFirst("(^|\\s)#.*$", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] words = line.split("\\s+");
      String path = null;
      String image = null;
      for (int w = 1; w < words.length; w++) {
        if (words[w].startsWith("image=") && image == null && words[w].length() > 6) {
          image = words[w].substring(6);
        } else if (path == null && !words[w].startsWith("image=")) {
          path = words[w];
        } else {
          throw new IllegalArgumentException(
              "Error parsing "
                  + source
                  + " line "
                  + (i + 1)
                  + " '"
                  + lines.get(i)
                  + "': expected RULE [PATH] [image=REF]");
        }
      }
      out.add(new Entry(words[0], path, image));
    }
    return new AuditIgnores(out);
  }

  /**
   * The report without the ignored findings.
   *
   * @param dockerfileText the audited Dockerfile's text (for its inline ignores), or null
   */
  public AuditReport apply(AuditReport report, Dockerfile dockerfile, String dockerfileText) {
    List<Inline> inline =
        dockerfile == null || dockerfileText == null
            ? List.of()
            : inline(dockerfile, dockerfileText);
    List<Finding> kept =
        report.findings().stream()
            .filter(f -> entries.stream().noneMatch(e -> e.matches(f, report.image())))
            .filter(f -> inline.stream().noneMatch(i -> i.matches(f)))
            .toList();
    return new AuditReport(report.image(), report.imageId(), kept);
  }

  /** Rules ignored for the instruction spanning lines {@code first..last}. */
  record Inline(List<String> rules, int first, int last) {
    boolean matches(Finding f) {
      Integer line = f.evidence().line();
      return line != null
          && line >= first
          && line <= last
          && rules.stream().anyMatch(r -> RuleIds.matches(r, f.rule()));
    }
  }

  static List<Inline> inline(Dockerfile dockerfile, String text) {
    List<Inline> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = INLINE.matcher(lines[i]);
      if (!m.matches()) {
        continue;
      }
      int commentLine = i + 1;
      dockerfile.instructions().stream()
          .filter(ins -> ins.line() > commentLine)
          .findFirst()
          .ifPresent(
              ins ->
                  out.add(new Inline(List.of(m.group(1).split(",")), ins.line(), ins.endLine())));
    }
    return out;
  }
}
