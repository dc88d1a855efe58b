package io.splitcheck.audit;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Dockerfile instruction behind an image history {@code created_by} ({@code RUN |1 V=2
 * /bin/sh -c echo $V # buildkit}) or a build log step ({@code RUN echo 2}, with build arguments
 * already substituted). Matching is textual, whitespace-insensitive; variables match anything.
 */
final class StepLocator {
  private static final Pattern BUILDKIT_RUN =
      Pattern.compile("^RUN (\\|\\d+ (\\S+=\\S*\\s+)*)?(/bin/sh -c )?");
  private static final Pattern VAR = Pattern.compile("\\$\\{[^}]*}|\\$[A-Za-z_][A-Za-z0-9_]*");

  private StepLocator() {}

  /** The instruction a history {@code created_by} names, or empty. */
  static Optional<Instruction> forHistory(Dockerfile df, String createdBy) {
    if (df == null || createdBy == null) {
      return Optional.empty();
    }
    String s = createdBy.replaceFirst("\\s*# buildkit$", "").strip();
    String keyword = s.split("\\s+", 2)[0];
    String args =
        keyword.equals("RUN")
            ? BUILDKIT_RUN.matcher(s).replaceFirst("")
            : s.substring(keyword.length());
    String want = norm(args);
    List<Instruction> all = df.instructions();
    for (int i = all.size() - 1; i >= 0; i--) { // the final stage is the image's
      Instruction ins = all.get(i);
      if (ins.is(keyword)
          && norm(ins.execForm() == null ? ins.arguments() : String.join(" ", ins.execForm()))
              .equals(want.replaceFirst("^(--\\S+\\s+)+", ""))) {
        return Optional.of(ins);
      }
      if (ins.is(keyword)
          && !ins.heredocs().isEmpty()
          && want.contains(norm(ins.heredocs().get(0).body()))) {
        return Optional.of(ins);
      }
    }
    return Optional.empty();
  }

  /**
   * The instruction a build log step names (variables in the Dockerfile match any text), or empty.
   */
  static Optional<Instruction> forLogStep(Dockerfile df, BuildLog.Step step) {
    if (df == null) {
      return Optional.empty();
    }
    String text = norm(step.instruction());
    for (Instruction ins : df.instructions()) {
      if (!step.keyword().equals(ins.keyword())) {
        continue;
      }
      StringBuilder written = new StringBuilder(ins.keyword());
      ins.flags().forEach(f -> written.append(" --").append(f));
      written
          .append(' ')
          .append(ins.execForm() == null ? ins.arguments() : String.join(" ", ins.execForm()));
      if (toPattern(norm(written.toString())).matcher(text).matches()) {
        return Optional.of(ins);
      }
    }
    return Optional.empty();
  }

  private static Pattern toPattern(String written) {
    StringBuilder re = new StringBuilder();
    Matcher m = VAR.matcher(written);
    int at = 0;
    while (m.find()) {
      re.append(Pattern.quote(written.substring(at, m.start()))).append(".*?");
      at = m.end();
    }
    re.append(Pattern.quote(written.substring(at)));
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  static String norm(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }
}
