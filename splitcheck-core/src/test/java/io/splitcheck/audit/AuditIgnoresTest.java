package io.splitcheck.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * .splitcheckignore entries and inline {@code # splitcheck ignore=} comments over real audit
 * findings.
 */
class AuditIgnoresTest {
  private static final String DOCKERFILE =
      String.join(
          "\n",
          "FROM debian:bookworm",
          "# splitcheck ignore=dockerfile.secret-in-env",
          "ENV API_TOKEN=abc123",
          "ENV DB_PASSWORD=hunter2",
          "RUN apt-get update && apt-get install -y curl",
          "");

  private static AuditReport audit(Dockerfile df) {
    return new Auditor().audit(AuditInput.of(null).withDockerfile(df));
  }

  private static List<String> found(AuditReport r) {
    return r.findings().stream().map(f -> f.rule() + "@" + f.evidence().line()).sorted().toList();
  }

  @Test
  void inlineIgnore_dropsThatRuleAtTheNextInstructionOnly() {
    Dockerfile df = Dockerfile.parse("Dockerfile", DOCKERFILE);
    AuditReport all = audit(df);
    assertTrue(found(all).contains("dockerfile.secret-in-env@3"), found(all).toString());

    List<String> kept = found(AuditIgnores.NONE.apply(all, df, DOCKERFILE));

    assertTrue(!kept.contains("dockerfile.secret-in-env@3"), kept.toString());
    assertTrue(kept.contains("dockerfile.secret-in-env@4"), "the next ENV is not covered: " + kept);
    assertTrue(kept.contains("dockerfile.apt-lists@5"), kept.toString());
  }

  @Test
  void ignoreFile_dropsByRuleOrCategory_byPath_andByImage() {
    Dockerfile df = Dockerfile.parse("Dockerfile", DOCKERFILE);
    AuditReport all = new AuditReport("app:1", null, audit(df).findings());

    AuditIgnores ignores =
        AuditIgnores.parse(
            ".splitcheckignore",
            List.of(
                "# accepted by the platform team",
                "dockerfile.apt-lists",
                "dockerfile.unpinned-base debian:bookworm image=other:2",
                "dockerfile.secret-in-env image=app:1  # until the vault migration"));
    List<String> kept = found(ignores.apply(all, df, DOCKERFILE));

    assertEquals(List.of("dockerfile.apt-recommends@5", "dockerfile.unpinned-base@1"), kept);
  }

  @Test
  void ignoreFile_lineWithTwoPaths_isAnErrorNamingTheFileAndLine() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AuditIgnores.parse("ci/.splitcheckignore", List.of("leak", "leak.env-file /a /b")));
    assertEquals(
        "Error parsing ci/.splitcheckignore line 2 'leak.env-file /a /b': expected RULE [PATH] [image=REF]",
        e.getMessage());
  }
}
