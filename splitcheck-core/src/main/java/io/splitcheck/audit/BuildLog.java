package io.splitcheck.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dockerfile steps of a BuildKit {@code --progress=plain} log: {@code #5 [build 2/4] RUN ...}
 * names a vertex, {@code #5 CACHED} / {@code #5 DONE 0.3s} / {@code #5 ERROR ...} say what happened
 * to it. {@code [internal]} vertices (context transfer, metadata) are not steps.
 */
public record BuildLog(String source, List<Step> steps) {
  private static final Pattern HEADER =
      Pattern.compile("^#(\\d+) \\[(?:(.+?) )?(\\d+)/(\\d+)\\] (.+)$");
  private static final Pattern STATUS =
      Pattern.compile("^#(\\d+) (CACHED|DONE ([0-9.]+)s|ERROR\\b.*)$");

  /** One step; {@code seconds} null unless DONE. */
  public record Step(
      int vertex,
      String stage,
      int index,
      int total,
      String instruction,
      boolean cached,
      Double seconds,
      boolean error) {
    public String keyword() {
      int sp = instruction.indexOf(' ');
      return (sp < 0 ? instruction : instruction.substring(0, sp));
    }

    /** FROM steps resolve a base image; only the others can be cache hits or misses. */
    public boolean cacheable() {
      return !keyword().equals("FROM");
    }

    Step with(boolean c, Double s, boolean e) {
      return new Step(vertex, stage, index, total, instruction, c, s, e);
    }
  }

  public BuildLog {
    steps = List.copyOf(steps);
  }

  public static BuildLog read(Path file) throws IOException {
    return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  public static BuildLog parse(String source, List<String> lines) {
    Map<Integer, Step> byVertex = new LinkedHashMap<>();
    for (String raw : lines) {
      String line = raw.stripTrailing();
      Matcher h = HEADER.matcher(line);
      if (h.matches()) {
        int v = Integer.parseInt(h.group(1));
        byVertex.putIfAbsent(
            v,
            new Step(
                v,
                h.group(2),
                Integer.parseInt(h.group(3)),
                Integer.parseInt(h.group(4)),
                h.group(5),
                false,
                null,
                false));
        continue;
      }
      Matcher s = STATUS.matcher(line);
      if (s.matches()) {
        Step st = byVertex.get(Integer.parseInt(s.group(1)));
        if (st != null) {
          String what = s.group(2);
          byVertex.put(
              st.vertex(),
              what.equals("CACHED")
                  ? st.with(true, st.seconds(), st.error())
                  : what.startsWith("DONE")
                      ? st.with(st.cached(), Double.valueOf(s.group(3)), st.error())
                      : st.with(st.cached(), st.seconds(), true));
        }
      }
    }
    if (byVertex.isEmpty() && lines.stream().noneMatch(l -> l.startsWith("#"))) {
      throw new IllegalArgumentException(
          "Error parsing build log '"
              + source
              + "': no '#N [i/n] INSTRUCTION' lines (expected the output of docker build --progress=plain)");
    }
    return new BuildLog(source, new ArrayList<>(byVertex.values()));
  }

  /** Steps that can hit the cache. */
  public List<Step> cacheableSteps() {
    return steps.stream().filter(Step::cacheable).toList();
  }
}
