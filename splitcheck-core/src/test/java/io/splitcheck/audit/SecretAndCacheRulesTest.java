package io.splitcheck.audit;

import static io.splitcheck.audit.ImageFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretAndCacheRulesTest {
  static BuildLog log(String name) throws Exception {
    return BuildLog.read(Path.of("src/test/resources/fixtures/audit", name));
  }

  @Test
  void secrets_reportPassedButUnmounted_andMountedButNotPassed_withDefaultIdFromTarget()
      throws Exception {
    Dockerfile df = DockerfileParserTest.fixture("lint.Dockerfile");
    List<Finding> f =
        new SecretRules()
            .check(AuditInput.of(null).withDockerfile(df).withSecretIds(List.of("ca", "npmrc")));
    List<Finding> unmounted = only(f, "secret.unmounted");
    assertEquals(1, unmounted.size());
    assertEquals("ca", unmounted.get(0).evidence().path());
    List<Finding> notPassed = only(f, "secret.not-passed");
    assertEquals(1, notPassed.size());
    assertEquals("token", notPassed.get(0).evidence().path());
    assertEquals(16, notPassed.get(0).evidence().line());
  }

  @Test
  void secrets_readMountsFromBuildLogSteps() throws Exception {
    List<Finding> f =
        new SecretRules()
            .check(
                AuditInput.of(null)
                    .withBuildLogs(List.of(log("cache-second.log")))
                    .withSecretIds(List.of("ca")));
    assertEquals(List.of(), f);
    f =
        new SecretRules()
            .check(
                AuditInput.of(null)
                    .withBuildLogs(List.of(log("cache-second.log")))
                    .withSecretIds(List.of("ca", "cert")));
    assertEquals(1, f.size());
    assertEquals("secret.unmounted", f.get(0).rule());
  }

  @Test
  void buildLog_parsesStepsStatusesAndStages() throws Exception {
    BuildLog l = log("cache-warm.log");
    assertEquals(4, l.steps().size());
    BuildLog.Step s = l.steps().get(1);
    assertEquals("build", s.stage());
    assertEquals(2, s.index());
    assertEquals(3, s.total());
    assertTrue(s.cached());
    assertEquals(0.1, l.steps().get(3).seconds());
    assertFalse(l.steps().get(3).cached());
    BuildLog second = log("cache-second.log");
    assertEquals(4, second.steps().size());
    assertNull(second.steps().get(0).stage());
    assertThrows(
        IllegalArgumentException.class, () -> BuildLog.parse("x.log", List.of("hello", "world")));
  }

  @Test
  void hitRatio_countsCachedAmongNonFromSteps() throws Exception {
    List<Finding> f =
        new CacheRules().check(AuditInput.of(null).withBuildLogs(List.of(log("cache-warm.log"))));
    assertEquals(1, f.size());
    assertTrue(f.get(0).message().contains("2 of 3 steps CACHED (67%)"), f.get(0).message());
    assertEquals("COPY --from=build /out /app", f.get(0).evidence().step());
  }

  @Test
  void needlessInvalidation_reportsRerunStepsNotReferencingTheArg_withDockerfileLines()
      throws Exception {
    Dockerfile df = DockerfileParserTest.fixture("cache.Dockerfile");
    AuditInput.CacheCheck check =
        new AuditInput.CacheCheck("V", "1", "2", log("cache-first.log"), log("cache-second.log"));
    List<Finding> f =
        only(
            new CacheRules().check(AuditInput.of(null).withDockerfile(df).withCacheCheck(check)),
            "cache.needless-invalidation");
    assertEquals(List.of(3, 4), f.stream().map(x -> x.evidence().line()).toList(), f.toString());
    assertTrue(f.get(0).message().contains("ARG is in scope too early"), f.get(0).message());
    assertTrue(
        f.get(1).message().contains("earlier needlessly invalidated step"), f.get(1).message());
  }

  @Test
  void needlessInvalidation_skipsStepsAfterOneThatUsesTheArg() throws Exception {
    Dockerfile df = Dockerfile.parse("d", "FROM a\nARG V\nRUN echo $V\nRUN make\n");
    BuildLog second =
        BuildLog.parse(
            "2",
            List.of("#3 [2/3] RUN echo 7", "#3 DONE 1.0s", "#4 [3/3] RUN make", "#4 DONE 2.0s"));
    AuditInput.CacheCheck check = new AuditInput.CacheCheck("V", "6", "7", second, second);
    assertEquals(
        List.of(),
        only(
            new CacheRules().check(AuditInput.of(null).withDockerfile(df).withCacheCheck(check)),
            "cache.needless-invalidation"));
  }
}
