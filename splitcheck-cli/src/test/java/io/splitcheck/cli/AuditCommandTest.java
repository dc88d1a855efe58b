package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.audit.AuditInput.BasePin;
import io.splitcheck.audit.Dockerfile;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.suite.ImageAudit;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AuditCommandTest {
  @Test
  void parse_readsEveryOption() {
    AuditCommand c =
        CommandLine.populateCommand(
            new AuditCommand(),
            "img:1",
            "--dockerfile",
            "D",
            "--context",
            "ctx",
            "--build-log",
            "a.log",
            "--build-log",
            "b.log",
            "--secret-ids",
            "ca,npm",
            "--json",
            "r.json",
            "--fail-on",
            "warning",
            "--enable",
            "linkage,leak",
            "--disable",
            "size,leak.junk",
            "--config",
            "c.yaml",
            "--entrypoint-only",
            "--cache-check",
            "V=1,2");
    assertEquals("img:1", c.image);
    assertEquals(Path.of("D"), c.dockerfile);
    assertEquals(List.of(Path.of("a.log"), Path.of("b.log")), c.buildLogs);
    assertEquals(List.of("ca", "npm"), c.secretIds);
    assertEquals(List.of("size", "leak.junk"), c.disable);
    assertEquals(List.of("linkage", "leak"), c.enable);
    assertEquals("warning", c.failOn);
    assertTrue(c.entrypointOnly);
    assertEquals("V=1,2", c.cacheCheck);
  }

  @Test
  void execute_exits2WithNamedError_forBadFailOnAndMissingImage() {
    assertEquals(2, run(new Fake(Optional.empty()), "img", "--fail-on", "fatal").exit);
    Result r = run(new Fake(Optional.empty()), "nosuch:tag");
    assertEquals(2, r.exit);
    assertTrue(r.err.contains("'nosuch:tag': the engine has no such image"), r.err);
  }

  @Test
  void pins_useRepoDigestWhenPresent_elseTheLocalImageId() throws Exception {
    Dockerfile df =
        Dockerfile.parse("D", "FROM a:1 AS x\nFROM x\nFROM b:2\nFROM scratch\nFROM c@sha256:00\n");
    ImageStore store =
        new Fake(Optional.empty()) {
          @Override
          public Optional<ImageInfo> inspect(String ref) {
            return switch (ref) {
              case "a:1" ->
                  Optional.of(
                      new ImageInfo(
                          "sha256:aaa",
                          List.of("a:1"),
                          List.of("a@sha256:ddd"),
                          List.of(),
                          0,
                          "amd64"));
              case "b:2" ->
                  Optional.of(
                      new ImageInfo(
                          "sha256:bbb", List.of("b:2"), List.of(), List.of(), 0, "amd64"));
              default -> Optional.empty();
            };
          }
        };
    Map<String, BasePin> pins = ImageAudit.pins(df, store);
    assertEquals("sha256:ddd", pins.get("a:1").digest());
    assertTrue(pins.get("a:1").source().startsWith("repo digest"));
    assertEquals("sha256:bbb", pins.get("b:2").digest());
    assertTrue(pins.get("b:2").source().startsWith("image id"));
    assertEquals(2, pins.size());
  }

  record Result(int exit, String err) {}

  private static Result run(ImageStore store, String... args) {
    CommandLine cl = new CommandLine(new AuditCommand(c -> store));
    cl.setExecutionExceptionHandler(new ErrorHandler());
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setExitCodeExceptionMapper(t -> 2);
    return new Result(cl.execute(args), err.toString());
  }

  /**
   * An ImageStore with no images: a fake of the narrow interface (no container pretends to run).
   */
  static class Fake implements ImageStore {
    private final Optional<ImageInfo> info;

    Fake(Optional<ImageInfo> info) {
      this.info = info;
    }

    @Override
    public Optional<ImageInfo> inspect(String imageRef) {
      return info;
    }

    @Override
    public InputStream save(String imageRef) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void load(InputStream tar) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void tag(String image, String repoTag) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void remove(String imageRef) {}
  }
}
