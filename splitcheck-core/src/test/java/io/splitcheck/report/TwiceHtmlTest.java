package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.diff.DiffKind;
import io.splitcheck.diff.Difference;
import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.diff.Verdict;
import io.splitcheck.diff.explain.Explanation;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwiceHtmlTest {
  @Test
  void differences_listContentFirst_foldMtimeOnlyPaths_andPutEachExplanationOneClickAway() {
    ImageComparison.ImageSide side = new ImageComparison.ImageSide("sha256:1", List.of());
    TwiceResult t =
        new TwiceResult(
            "ctx",
            side,
            side,
            Verdict.CONTENT,
            List.of(),
            List.of(
                new Difference(1, "RUN apt", "/etc", List.of(DiffKind.MTIME), "mtime: a -> b"),
                new Difference(
                    1,
                    "RUN apt",
                    "/var/log/dpkg.log",
                    List.of(DiffKind.CONTENT, DiffKind.MTIME),
                    "c",
                    new Explanation("text", List.of("text"), List.of("-2024 a", "+2024 b")))),
            List.of(),
            List.of());
    StringBuilder page = new StringBuilder();
    TwiceHtml.causes(t, page);
    TwiceHtml.differences(t, page, 500);
    String html = page.toString();
    String rows = html.substring(html.indexOf("<table class=\"differences\">"));
    assertTrue(
        rows.indexOf("<code>/var/log/dpkg.log</code>") < rows.indexOf("<code>/etc</code>"), html);
    assertTrue(
        html.contains("<details class=\"mtime-only\"><summary>1 paths differ only in their mtime"),
        html);
    assertTrue(
        html.contains(
            "<details><summary>inside (text)</summary><pre>-2024 a\n+2024 b</pre></details>"),
        html);
    assertTrue(
        html.contains("<h4>How to fix it</h4>") && html.contains("dpkg and debconf logs"), html);
  }
}
