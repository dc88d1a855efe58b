package io.splitcheck.audit;

import static io.splitcheck.audit.ImageFixture.image;
import static io.splitcheck.audit.ImageFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.model.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileRulesTest {
  private static List<Finding> lint(Map<String, AuditInput.BasePin> pins) throws Exception {
    Dockerfile df = DockerfileParserTest.fixture("lint.Dockerfile");
    return new DockerfileRules().check(AuditInput.of(null).withDockerfile(df).withPins(pins));
  }

  private static List<Integer> lines(List<Finding> f) {
    return f.stream().map(x -> x.evidence().line()).toList();
  }

  @Test
  void unpinnedBase_givesTheResolvedDigestAsPin_andSkipsStageRefsScratchAndDigests()
      throws Exception {
    List<Finding> f =
        only(
            lint(
                Map.of(
                    "splitcheck/debian:bookworm",
                    new AuditInput.BasePin(
                        "splitcheck/debian:bookworm",
                        "sha256:abc",
                        "image id of a locally built tag; it has no repo digest"))),
            "dockerfile.unpinned-base");
    assertEquals(1, f.size(), f.toString());
    assertEquals(3, f.get(0).evidence().line());
    assertTrue(
        f.get(0).message().contains("pin: FROM splitcheck/debian:bookworm@sha256:abc (image id"),
        f.get(0).message());
  }

  @Test
  void unpinnedBase_saysWhenTheEngineHasNothingToPinTo() throws Exception {
    Finding f = only(lint(Map.of()), "dockerfile.unpinned-base").get(0);
    assertTrue(f.message().contains("the engine has no image by that name"), f.message());
  }

  @Test
  void argScope_reportsGlobalArgUsedWithoutRedeclaration_onlyInThatStage() throws Exception {
    List<Finding> f = only(lint(Map.of()), "dockerfile.arg-scope");
    assertEquals(List.of(5), lines(f));
    assertTrue(f.get(0).message().contains("ARG VERSION"));
  }

  @Test
  void apt_reportsRecommendsAndLists_perRun() throws Exception {
    List<Finding> all = lint(Map.of());
    assertEquals(List.of(4), lines(only(all, "dockerfile.apt-recommends")));
    assertEquals(List.of(4), lines(only(all, "dockerfile.apt-lists")));
  }

  @Test
  void secretInEnv_errorForSecretLookingValue_warningForNameOnly() throws Exception {
    List<Finding> f = only(lint(Map.of()), "dockerfile.secret-in-env");
    assertEquals(2, f.size(), f.toString());
    assertEquals(Severity.ERROR, f.get(0).severity());
    assertTrue(f.get(0).message().startsWith("ENV AWS_KEY"));
    assertEquals(Severity.WARNING, f.get(1).severity());
    assertTrue(f.get(1).message().startsWith("ENV API_TOKEN"));
  }

  @Test
  void toolchainInFinal_fromFinalStageInstallAndFromImageFiles() throws Exception {
    List<Finding> f = only(lint(Map.of()), "dockerfile.toolchain-in-final");
    assertEquals(List.of(15), lines(f));
    ImageView img =
        image()
            .layer("RUN apt-get install gcc")
            .file("/usr/bin/gcc", 10)
            .file("/usr/bin/apt-get", 10)
            .file("/usr/bin/cat", 10)
            .build();
    List<Finding> fromImage =
        only(new DockerfileRules().check(AuditInput.of(img)), "dockerfile.toolchain-in-final");
    assertEquals(2, fromImage.size());
    assertEquals(Severity.WARNING, fromImage.get(0).severity());
    assertEquals("/usr/bin/gcc", fromImage.get(0).evidence().path());
    assertEquals(Severity.INFO, fromImage.get(1).severity());
  }

  @Test
  void secretInEnv_checksTheImageConfigEnv() {
    ImageView img =
        image()
            .layer("x")
            .env("PATH=/bin", "GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789")
            .build();
    List<Finding> f = new DockerfileRules().check(AuditInput.of(img));
    assertEquals(1, f.size(), f.toString());
    assertEquals("Env:GITHUB_TOKEN", f.get(0).evidence().path());
    assertEquals(Severity.ERROR, f.get(0).severity());
  }

  @Test
  void toolchainInFinal_reportsFinalStageFromABuildImage_only() {
    Dockerfile df =
        Dockerfile.parse(
            "D", "FROM golang:1.22 AS build\nRUN go build\nFROM maven:3-eclipse-temurin-17\n");
    List<Finding> f =
        only(
            new DockerfileRules().check(AuditInput.of(null).withDockerfile(df)),
            "dockerfile.toolchain-in-final");
    assertEquals(List.of(3), lines(f));
    for (String runtime :
        List.of("node:20-slim", "eclipse-temurin:17-jre", "gcr.io/distroless/static", "debian")) {
      Dockerfile ok = Dockerfile.parse("D", "FROM golang AS b\nFROM " + runtime + "\n");
      assertEquals(
          List.of(),
          only(
              new DockerfileRules().check(AuditInput.of(null).withDockerfile(ok)),
              "dockerfile.toolchain-in-final"),
          runtime);
    }
  }
}
