package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.engine.RunId;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.Prerequisite;
import io.splitcheck.testing.RequiresEngine;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code splitcheck audit} against images built here with BuildKit: FROM scratch with static and
 * dynamic binaries compiled in the test, files that trip the leak rules, and a Debian-based image.
 * Every image is tagged {@code splitcheck-test/audit-*} and removed afterwards.
 */
@RequiresEngine
class AuditIT {
  private static final String DOCKER = "/usr/bin/docker";
  private static final String DEBIAN = "splitcheck/debian:bookworm";
  private static final String RUN = RunId.next(Clock.systemUTC());
  private static final List<String> TAGS = new ArrayList<>();
  private static final String HELLO =
      "#include <stdio.h>\nint main(void){puts(\"hi\");return 0;}\n";

  @TempDir static Path work;

  @AfterAll
  static void cleanup() throws Exception {
    for (String tag : TAGS) {
      exec(null, DOCKER, "rmi", "-f", tag);
    }
  }

  @Test
  void audit_reportsNoError_forCleanStaticScratchImage() throws Exception {
    Path ctx = dir("clean");
    compile(ctx, "hello", HELLO, "gcc", "-static");
    Files.writeString(
        ctx.resolve("Dockerfile"), "FROM scratch\nCOPY hello /hello\nENTRYPOINT [\"/hello\"]\n");
    Files.writeString(ctx.resolve(".dockerignore"), "*.c\n");
    String tag = build(ctx, "clean");
    Audit a =
        audit(
            tag, "--dockerfile", ctx.resolve("Dockerfile").toString(), "--context", ctx.toString());
    assertEquals(0, a.exit, a.out);
    assertEquals(0, a.json.path("summary").path("error").asInt(), a.out);
    assertTrue(
        a.rules().containsAll(List.of("size.efficiency", "size.layers", "size.largest-files")),
        a.out);
    assertTrue(
        a.rules().stream().noneMatch(r -> r.startsWith("linkage.") || r.startsWith("leak.")),
        a.out);
  }

  @Test
  void audit_reportsDynamicBinaryInScratch_withLayerStepAndDockerfileLine() throws Exception {
    Path ctx = dir("dyn");
    compile(ctx, "app", HELLO, "gcc");
    Files.writeString(
        ctx.resolve("Dockerfile"), "FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n");
    String tag = build(ctx, "dyn");
    Audit a = audit(tag, "--dockerfile", ctx.resolve("Dockerfile").toString(), "--entrypoint-only");
    assertEquals(1, a.exit, a.out);
    JsonNode f = a.first("linkage.dynamic-in-scratch");
    assertEquals("/app", f.path("evidence").path("path").asText());
    assertEquals(0, f.path("evidence").path("layer").asInt());
    assertTrue(f.path("evidence").path("step").asText().startsWith("COPY app /app"), f.toString());
    assertEquals(2, f.path("evidence").path("line").asInt(), f.toString());
  }

  @Test
  void audit_reportsEveryLeak_includingFilesDeletedInALaterLayer() throws Exception {
    Path ctx = dir("leaks");
    Files.copy(Path.of("/bin/busybox"), ctx.resolve("busybox"));
    Path app = Files.createDirectories(ctx.resolve("app"));
    Files.writeString(
        ctx.resolve("deploy.pem"),
        "-----BEGIN RSA PRIVATE KEY-----\nTUlJRXBBSUJBQUtDQVFFQQ==\n"
            + "-----END RSA PRIVATE KEY-----\n");
    Files.writeString(app.resolve(".env"), "DB_PASSWORD=hunter2\n");
    write(app, ".git/config", "[core]\n");
    write(app, ".aws/credentials", "[default]\naws_access_key_id=x\n");
    write(app, "node_modules/jest/package.json", "{\"name\":\"jest\"}\n");
    write(app, "log/app.log", "started\n");
    write(app, "tmp/upload.part", "partial\n");
    write(app, "data.sqlite", "SQLite format 3\0 and pages");
    write(app, "dump.sql", "CREATE TABLE t(x int);\n");
    write(app, "site.tar.gz", "not really gzip");
    write(app, ".DS_Store", "junk");
    Files.write(
        app.resolve("broken-tool"),
        Arrays.copyOf(Files.readAllBytes(Path.of("/bin/busybox")), 100));
    try (RandomAccessFile big = new RandomAccessFile(ctx.resolve("big.bin").toFile(), "rw")) {
      big.setLength(2 << 20);
    }
    Files.writeString(
        ctx.resolve("Dockerfile"),
        String.join(
            "\n",
            "FROM scratch",
            "COPY busybox /bin/busybox",
            "COPY deploy.pem /root/deploy.pem",
            "COPY big.bin /big.bin",
            "COPY app /app",
            "RUN [\"/bin/busybox\", \"rm\", \"/root/deploy.pem\", \"/big.bin\"]",
            "ENV GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "ENTRYPOINT [\"/app/server\"]",
            ""));
    String tag = build(ctx, "leaks");
    Audit a = audit(tag, "--dockerfile", ctx.resolve("Dockerfile").toString());
    assertEquals(1, a.exit, a.out);
    for (String rule :
        List.of(
            "leak.private-key",
            "leak.env-file",
            "leak.git-dir",
            "leak.cloud-credentials",
            "leak.node-modules-dev",
            "leak.log-dir",
            "leak.tmp-dir",
            "leak.sqlite",
            "leak.sql-dump",
            "leak.backup",
            "leak.junk",
            "dockerfile.secret-in-env",
            "size.wasted",
            "linkage.unreadable-elf",
            "linkage.missing-entrypoint")) {
      assertTrue(a.rules().contains(rule), rule + " missing from\n" + a.out);
    }
    JsonNode key = a.first("leak.private-key");
    assertEquals("/root/deploy.pem", key.path("evidence").path("path").asText());
    assertTrue(key.path("evidence").path("deletedInLaterLayer").asBoolean(), key.toString());
    assertEquals(3, key.path("evidence").path("line").asInt(), key.toString());
    assertEquals("/big.bin", a.first("size.wasted").path("evidence").path("path").asText());
    Audit quiet = audit(tag, "--disable", "leak,dockerfile,linkage");
    assertEquals(0, quiet.exit, quiet.out);
  }

  @Test
  void audit_reportsLinkageDockerfileSecretAndContextFindings_onDebianImage() throws Exception {
    Prerequisite.require(
        exec(null, DOCKER, "image", "inspect", DEBIAN).exit == 0,
        DEBIAN + " not built (scripts/base-image)");
    Path ctx = dir("debian");
    compile(
        ctx,
        "libfoo.so",
        "int foo(void){return 1;}\n",
        "gcc",
        "-shared",
        "-fPIC",
        "-Wl,-soname,libfoo.so.1");
    compile(
        ctx,
        "libunused.so.1",
        "int unused(void){return 2;}\n",
        "gcc",
        "-shared",
        "-fPIC",
        "-Wl,-soname,libunused.so.1");
    compile(
        ctx,
        "needsfoo",
        "int foo(void);\nint main(void){return foo();}\n",
        "gcc",
        "-L" + ctx,
        "-lfoo");
    compile(ctx, "muslapp", HELLO, "musl-gcc");
    Files.createSymbolicLink(ctx.resolve("hosts"), Path.of("/etc/hosts"));
    Files.writeString(
        ctx.resolve("Dockerfile"),
        String.join(
            "\n",
            "ARG GREETING=hello",
            "FROM " + DEBIAN,
            "COPY . /src",
            "COPY needsfoo muslapp /usr/local/bin/",
            "COPY libunused.so.1 /usr/local/lib/",
            "RUN echo $GREETING && echo apt-get install -y curl && ln -s /bin/true /usr/bin/cc",
            "RUN --mount=type=secret,id=npmrc true",
            "ENTRYPOINT [\"/usr/local/bin/muslapp\"]",
            ""));
    Path secret = work.resolve("ca.pem");
    Files.writeString(secret, "not a key\n");
    Path log = work.resolve("debian-build.log");
    String tag = build(ctx, "debian", log, "--secret", "id=ca,src=" + secret);
    Path cfg = work.resolve("audit.yaml");
    Files.writeString(cfg, "largeFileBytes: 1000\ndisable: [size.layers]\n");
    Audit a =
        audit(
            tag,
            "--dockerfile",
            ctx.resolve("Dockerfile").toString(),
            "--context",
            ctx.toString(),
            "--build-log",
            log.toString(),
            "--secret-ids",
            "ca",
            "--config",
            cfg.toString(),
            "--fail-on",
            "warning");
    assertEquals(1, a.exit, a.out);
    for (String rule :
        List.of(
            "linkage.missing-library",
            "linkage.missing-interpreter",
            "linkage.unused-library",
            "dockerfile.unpinned-base",
            "dockerfile.arg-scope",
            "dockerfile.apt-recommends",
            "dockerfile.apt-lists",
            "dockerfile.toolchain-in-final",
            "secret.unmounted",
            "secret.not-passed",
            "cache.hit-ratio",
            "context.symlink-outside",
            "context.copy-all-no-dockerignore",
            "context.large-file")) {
      assertTrue(a.rules().contains(rule), rule + " missing from\n" + a.out);
    }
    assertTrue(!a.rules().contains("size.layers"), "disabled by the config file");
    assertTrue(
        a.first("linkage.missing-library").path("message").asText().contains("libfoo.so.1"), a.out);
    assertTrue(
        a.all("linkage.unused-library").stream()
            .anyMatch(
                f ->
                    f.path("evidence")
                        .path("path")
                        .asText()
                        .equals("/usr/local/lib/libunused.so.1")),
        a.out);
    String debianId = exec(null, DOCKER, "image", "inspect", "-f", "{{.Id}}", DEBIAN).out.strip();
    assertTrue(
        a.first("dockerfile.unpinned-base").path("message").asText().contains(debianId), a.out);
    assertTrue(
        a.first("context.symlink-outside").path("message").asText().contains("/src/hosts"), a.out);
    Audit entry = audit(tag, "--entrypoint-only", "--disable", "size,dockerfile,leak");
    assertEquals(Set.of("linkage.missing-interpreter"), entry.rules(), entry.out);
  }

  @Test
  void auditCacheCheck_buildsTwiceAndReportsStepsRerunWithoutReferencingTheArg_evenWhenRunAgain()
      throws Exception {
    Prerequisite.require(
        exec(null, DOCKER, "image", "inspect", DEBIAN).exit == 0,
        DEBIAN + " not built (scripts/base-image)");
    Path ctx = dir("cache");
    Files.writeString(
        ctx.resolve("Dockerfile"),
        String.join(
            "\n",
            "FROM " + DEBIAN,
            "ARG VERSION=1",
            "RUN echo toolchain > /toolchain",
            "RUN echo $VERSION > /version",
            "ENTRYPOINT [\"/bin/true\"]",
            ""));
    String tag = build(ctx, "cache");
    for (int run = 1;
        run <= 2;
        run++) { // the second run finds both values in the builder cache already
      Audit a =
          audit(
              tag,
              "--context",
              ctx.toString(),
              "--cache-check",
              "VERSION=2,3",
              "--enable",
              "cache");
      JsonNode f = a.first("cache.needless-invalidation");
      assertEquals(3, f.path("evidence").path("line").asInt(), a.out);
      assertEquals(1, a.all("cache.needless-invalidation").size(), a.out);
      assertTrue(
          a.first("cache.hit-ratio").path("message").asText().contains("0 of 2 steps CACHED"),
          a.out);
    }
    Files.writeString(
        ctx.resolve("Dockerfile"),
        String.join(
            "\n",
            "FROM " + DEBIAN,
            "RUN echo toolchain > /toolchain",
            "ARG VERSION=1",
            "RUN echo $VERSION > /version",
            ""));
    Audit fixed =
        audit(
            tag, "--context", ctx.toString(), "--cache-check", "VERSION=2,3", "--enable", "cache");
    assertEquals(List.of(), fixed.all("cache.needless-invalidation"), fixed.out);
    assertTrue(
        fixed.first("cache.hit-ratio").path("message").asText().contains("1 of 2 steps CACHED"),
        fixed.out);
    assertEquals(
        "",
        exec(null, DOCKER, "images", "-q", "splitcheck-audit/cache-check").out.strip(),
        "the cache check removes its images");
  }

  // --- helpers
  // --------------------------------------------------------------------------------------------

  record Audit(int exit, String out, JsonNode json) {
    Set<String> rules() {
      Set<String> out = new TreeSet<>();
      json.path("findings").forEach(f -> out.add(f.path("rule").asText()));
      return out;
    }

    List<JsonNode> all(String rule) {
      List<JsonNode> out = new ArrayList<>();
      json.path("findings")
          .forEach(
              f -> {
                if (f.path("rule").asText().equals(rule)) {
                  out.add(f);
                }
              });
      return out;
    }

    JsonNode first(String rule) {
      List<JsonNode> all = all(rule);
      assertTrue(!all.isEmpty(), rule + " not reported:\n" + out);
      return all.get(0);
    }
  }

  private static Audit audit(String image, String... options) throws IOException {
    Path json = Files.createTempFile(work, "audit", ".json");
    List<String> args = new ArrayList<>(List.of("audit", image, "--json", json.toString()));
    args.addAll(List.of(options));
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    String out = r.out() + r.err();
    assertTrue(r.exitCode() != 2, "audit failed: " + out);
    return new Audit(r.exitCode(), out, new ObjectMapper().readTree(json.toFile()));
  }

  private static Path dir(String name) throws IOException {
    return Files.createDirectories(work.resolve(name));
  }

  private static void write(Path dir, String rel, String content) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private static void compile(Path dir, String out, String source, String... cc) throws Exception {
    Path src = work.resolve(out + ".c");
    Files.writeString(src, source);
    List<String> cmd =
        new ArrayList<>(List.of(cc[0], "-o", dir.resolve(out).toString(), src.toString()));
    cmd.addAll(List.of(cc).subList(1, cc.length)); // libraries after the source, as ld wants
    Exec r = exec(null, cmd.toArray(String[]::new));
    assertEquals(0, r.exit, () -> "cannot compile with " + cmd + ": " + r.out);
  }

  private static String build(Path ctx, String name, Path log, String... extra) throws Exception {
    String tag = "splitcheck-test/audit-" + name + ":" + RUN;
    TAGS.add(tag);
    List<String> cmd = new ArrayList<>(List.of(DOCKER, "build", "--progress=plain", "-t", tag));
    cmd.addAll(List.of(extra));
    cmd.add(ctx.toString());
    Exec r = exec(ctx, cmd.toArray(String[]::new));
    assertEquals(0, r.exit, "build failed: " + r.out);
    if (log != null) {
      Files.writeString(log, r.out);
    }
    return tag;
  }

  private static String build(Path ctx, String name) throws Exception {
    return build(ctx, name, null);
  }

  record Exec(int exit, String out) {}

  private static Exec exec(Path cwd, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("DOCKER_BUILDKIT", "1");
    if (cwd != null) {
      pb.directory(cwd.toFile());
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new Exec(127, e.getMessage());
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return new Exec(124, out);
    }
    return new Exec(p.exitValue(), out);
  }
}
