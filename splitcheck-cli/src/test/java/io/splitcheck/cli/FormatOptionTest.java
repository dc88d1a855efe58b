package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --format} and {@code --json -} on {@code audit}, in-process over an image store that
 * serves a small saved image (one layer with a leaked .env file) and a Dockerfile with a secret in
 * ENV.
 */
class FormatOptionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  private Result audit(String... options) throws IOException {
    Path dockerfile = dir.resolve("Dockerfile");
    Files.writeString(dockerfile, "FROM scratch\nENV API_TOKEN=abc123\nCOPY app /app\n");
    List<String> args = new ArrayList<>(List.of("app:1", "--dockerfile", dockerfile.toString()));
    args.addAll(List.of(options));
    SavedImage store = new SavedImage(savedImage());
    CommandLine cl = new CommandLine(new AuditCommand(c -> store));
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setExitCodeExceptionMapper(t -> 2);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Result(cl.execute(args.toArray(String[]::new)), out.toString(), err.toString());
  }

  @Test
  void formatSarif_writesAValidSarifLogToStdout_andTheSummaryToStderr() throws Exception {
    Result r = audit("--format", "sarif");

    assertEquals(1, r.exit(), r.err());
    JsonNode log = JSON.readTree(r.out());
    try (InputStream schema =
        getClass().getResourceAsStream("/fixtures/sarif/sarif-schema-2.1.0.json")) {
      assertEquals(
          Set.of(),
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema).validate(log),
          r.out());
    }
    JsonNode results = log.get("runs").get(0).get("results");
    JsonNode env =
        StreamSupport.stream(results.spliterator(), false)
            .filter(x -> x.get("ruleId").asText().equals("dockerfile.secret-in-env"))
            .findFirst()
            .orElseThrow();
    JsonNode physical = env.get("locations").get(0).get("physicalLocation");
    assertTrue(
        physical.get("artifactLocation").get("uri").asText().endsWith("/Dockerfile"),
        env.toString());
    assertEquals(2, physical.get("region").get("startLine").asInt());
    assertTrue(
        r.err().contains("dockerfile.secret-in-env") && r.err().contains("error(s)"), r.err());
    assertTrue(
        !r.out().contains("abc123") && !r.err().contains("abc123"),
        "the secret's value is redacted");
  }

  @Test
  void formatJunit_writesJUnitXml_andJsonDashWritesTheJsonDocumentToStdout() throws Exception {
    Result junit = audit("--format", "junit");
    var doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(junit.out().getBytes(StandardCharsets.UTF_8)));
    assertEquals("1", doc.getDocumentElement().getAttribute("failures"));

    Result json = audit("--json", "-");
    int start = json.out().indexOf("{");
    assertTrue(
        json.out().substring(0, start).contains("error(s)"), "text summary first: " + json.out());
    assertTrue(JSON.readTree(json.out().substring(start)).get("findings").size() > 0, json.out());
    assertTrue(!Files.exists(Path.of("-")), "no file named -");
  }

  @Test
  void formatAndJsonDash_bothOnStdout_isRejectedNamingTheOptions() throws Exception {
    Result r = audit("--format", "sarif", "--json", "-");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--json '-': --format sarif already writes to stdout"), r.err());

    Result bad = audit("--format", "xml");
    assertEquals(2, bad.exit());
    assertTrue(
        bad.err().contains("--format 'xml': expected text, json, sarif or junit"), bad.err());
  }

  /** A docker save archive: manifest.json, the config, one layer with /app and /app/.env. */
  private static byte[] savedImage() throws IOException {
    byte[] layer =
        tar(
            out -> {
              put(out, "app/server", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
              put(out, "app/.env", "DB_PASSWORD=hunter2\n".getBytes(StandardCharsets.UTF_8));
            });
    String diffId = "sha256:" + sha256(layer);
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/app/server\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + diffId
                + "\"]},"
                + "\"history\":[{\"created_by\":\"COPY app /app # buildkit\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    String configName = sha256(config) + ".json";
    byte[] manifest =
        ("[{\"Config\":\""
                + configName
                + "\",\"RepoTags\":[\"app:1\"],\"Layers\":[\"l0/layer.tar\"]}]")
            .getBytes(StandardCharsets.UTF_8);
    return tar(
        out -> {
          put(out, "manifest.json", manifest);
          put(out, configName, config);
          put(out, "l0/layer.tar", layer);
        });
  }

  private interface Entries {
    void write(TarArchiveOutputStream out) throws IOException;
  }

  private static byte[] tar(Entries entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      entries.write(out);
    }
    return bytes.toByteArray();
  }

  private static void put(TarArchiveOutputStream out, String name, byte[] content)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    e.setMode(0755);
    out.putArchiveEntry(e);
    out.write(content);
    out.closeArchiveEntry();
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An image store holding the one saved image. */
  static final class SavedImage extends AuditCommandTest.Fake {
    private final byte[] tar;

    SavedImage(byte[] tar) {
      super(
          Optional.of(
              new ImageInfo(
                  "sha256:" + sha256(tar),
                  List.of("app:1"),
                  List.of(),
                  List.of(),
                  tar.length,
                  "amd64")));
      this.tar = tar;
    }

    @Override
    public InputStream save(String imageRef) {
      return new ByteArrayInputStream(tar);
    }
  }
}
