package io.splitcheck.twice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.RequiresEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code twice --vary} on the real engine: a FROM scratch context that copies a file and writes
 * SOURCE_DATE_EPOCH into the image, built twice and once more per variation. The sleep puts the
 * control's two builds a second apart, as the varied ones are from the first (fast builds can share
 * one second, and then the control shows no build-time mtime where the varied builds do).
 */
@RequiresEngine
class TwiceVaryIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void vary_namesTheVariationEachPathIsSensitiveTo() throws Exception {
    Path ctx = Files.createDirectories(dir.resolve("ctx"));
    Files.copy(
        Path.of("/bin/busybox"), ctx.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM scratch\nCOPY busybox /bin/busybox\n"
            + "COPY hello.txt /hello.txt\nARG SOURCE_DATE_EPOCH\n"
            + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"/bin/busybox sleep 1; echo ${SOURCE_DATE_EPOCH:-none} > /epoch\"]\n");
    Path json = dir.resolve("vary.json");

    Cli.Result r =
        Cli.run(
            "twice", ctx.toString(), "--vary", "time,mtime,umask,order", "--json", json.toString());

    assertEquals(1, r.exitCode(), r.out() + r.err());
    JsonNode result = JSON.readTree(json.toFile());
    Map<String, String> byPath = new TreeMap<>();
    result
        .path("sensitivity")
        .forEach(p -> byPath.put(p.path("path").asText(), p.path("variations").toString()));
    assertTrue(
        byPath
            .getOrDefault("/epoch", "")
            .contains("{\"variation\":\"time\",\"kinds\":[\"content\"]}"),
        "SOURCE_DATE_EPOCH reaches /epoch: " + byPath);
    assertTrue(
        byPath
            .getOrDefault("/hello.txt", "")
            .contains("{\"variation\":\"mtime\",\"kinds\":[\"mtime\"]}"),
        "COPY keeps the context's mtimes: " + byPath);
    assertTrue(
        byPath
            .getOrDefault("/hello.txt", "")
            .contains("{\"variation\":\"umask\",\"kinds\":[\"mode\"]}"),
        "COPY keeps the context's modes: " + byPath);
    assertTrue(
        byPath.keySet().stream().noneMatch(p -> byPath.get(p).contains("\"order\"")),
        "the context's creation order reaches no path: " + byPath);
    List<String> variants = new ArrayList<>();
    result.path("variants").forEach(v -> variants.add(v.path("variation").asText()));
    assertEquals(List.of("time", "mtime", "umask", "order"), variants);
    assertTrue(
        !result.path("reproducible").asBoolean(true), "the control is as twice without --vary");
    assertTrue(r.out().contains("varied (one more build per variation"), r.out());
    assertTrue(r.out().contains("/epoch  [content]"), r.out());
  }

  @Test
  void vary_refusesHostname_sayingWhy() {
    Cli.Result r = Cli.run("twice", dir.toString(), "--vary", "mtime,hostname");

    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(
        r.err().contains("--vary 'hostname'") && r.err().contains("buildkitsandbox"), r.err());
  }
}
