package io.splitcheck.audit;

import static io.splitcheck.audit.ImageFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Findings in the base image's layers named as the base's, from fixtures/audit/base-image: the real
 * config of an image built FROM splitcheck/debian:bookworm (COPY libunused.so.1 /usr/local/lib/,
 * RUN echo hi > /hello; Docker 20.10, BuildKit), the base's {@code docker image inspect} RootFS and
 * the Dockerfile. The layers' files are a few of the base's real library names (ElfBuilder bytes).
 */
class BaseImageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEBIAN = "splitcheck/debian:bookworm";
  private static final String GNU = "/usr/lib/x86_64-linux-gnu/";

  private static String fixture(String name) throws IOException {
    try (InputStream in =
        BaseImageTest.class.getResourceAsStream("/fixtures/audit/base-image/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static JsonNode config() throws IOException {
    return JSON.readTree(fixture("image-config.json"));
  }

  private static List<String> baseDiffIds() throws IOException {
    return JSON.convertValue(
        JSON.readTree(fixture("base-rootfs.json")).path("Layers"),
        JSON.getTypeFactory().constructCollectionType(List.class, String.class));
  }

  /** The captured image: base layer with libc, libacl and libattr; the user's COPY and RUN. */
  private static ImageView image() throws IOException {
    return LinkageRulesTest.glibcBase()
        .file(GNU + "libacl.so.1.1.2301", LinkageRulesTest.lib("libacl.so.1", "libc.so.6"))
        .symlink(GNU + "libacl.so.1", "libacl.so.1.1.2301")
        .file(GNU + "libattr.so.1.1.2501", LinkageRulesTest.lib("libattr.so.1", "libc.so.6"))
        .symlink(GNU + "libattr.so.1", "libattr.so.1.1.2501")
        .file("/bin/bash", LinkageRulesTest.dynamicExe("libc.so.6"))
        .layer("COPY libunused.so.1 /usr/local/lib/ # buildkit")
        .dir("/usr/local/lib")
        .file("/usr/local/lib/libunused.so.1", LinkageRulesTest.lib("libunused.so.1"))
        .layer("RUN /bin/sh -c echo hi > /hello # buildkit")
        .file("/hello", "hi\n")
        .config(config())
        .build();
  }

  private static AuditReport audit(BaseImage base) throws IOException {
    return new Auditor()
        .audit(
            AuditInput.of(image())
                .withDockerfile(Dockerfile.parse("Dockerfile", fixture("Dockerfile")))
                .withBase(base));
  }

  @Test
  void match_countsTheBasesLayers_whenTheyAreTheFirstOfTheImages() throws IOException {
    List<String> image = BaseImage.diffIds(config());
    assertEquals(3, image.size());

    assertEquals(
        Optional.of(new BaseImage(DEBIAN, 1)), BaseImage.match(DEBIAN, baseDiffIds(), image));
    assertEquals(
        Optional.empty(),
        BaseImage.match(DEBIAN, List.of("sha256:rebuilt-since"), image),
        "a base rebuilt since the image was built is not its base");
    assertEquals(Optional.empty(), BaseImage.match(DEBIAN, List.of(), image));
    assertThrows(IllegalArgumentException.class, () -> new BaseImage(" ", 1));
  }

  @Test
  void unusedLibraries_ofTheBase_areInfoNamingTheBase_andTheUsersKeepsItsStepAndLine()
      throws IOException {
    BaseImage base = BaseImage.match(DEBIAN, baseDiffIds(), BaseImage.diffIds(config())).get();
    List<Finding> unused = only(audit(base).findings(), "linkage.unused-library");

    assertEquals(3, unused.size(), unused.toString());
    Finding mine = unused.get(0);
    assertEquals("/usr/local/lib/libunused.so.1", mine.evidence().path());
    assertEquals(Severity.WARNING, mine.severity());
    assertEquals("COPY libunused.so.1 /usr/local/lib/ # buildkit", mine.evidence().step());
    assertEquals(2, mine.evidence().line());
    assertNull(mine.evidence().base());
    for (Finding f : unused.subList(1, 3)) {
      assertTrue(f.evidence().path().startsWith(GNU + "liba"), f.toString());
      assertEquals(Severity.INFO, f.severity(), f.toString());
      assertEquals(DEBIAN, f.evidence().base());
      assertEquals(0, f.evidence().layer());
      assertNull(f.evidence().step());
      assertNull(f.evidence().line());
      assertTrue(f.message().endsWith("(from the base image " + DEBIAN + ")"), f.message());
    }
  }

  @Test
  void withoutABase_everyUnusedLibraryIsAWarning_asBefore() throws IOException {
    List<Finding> unused = only(audit(null).findings(), "linkage.unused-library");
    assertEquals(3, unused.size(), unused.toString());
    assertTrue(unused.stream().allMatch(f -> f.severity() == Severity.WARNING), unused.toString());
    assertTrue(unused.stream().allMatch(f -> f.evidence().base() == null), unused.toString());
  }

  @Test
  void aBaseStepThatReadsLikeAUserStep_isNotGivenTheUsersLine() {
    ImageView img =
        LinkageRulesTest.glibcBase()
            .file("/var/cache/apt/pkgcache.bin", 30_000_000)
            .whiteout("/var/cache/apt/pkgcache.bin")
            .layer("RUN /bin/sh -c apt-get update # buildkit")
            .file("/var/lib/apt/lists/big", 20_000_000)
            .build();
    Dockerfile df = Dockerfile.parse("Dockerfile", "FROM base\nRUN apt-get update\n");
    List<Finding> layers =
        only(
            new Auditor()
                .audit(AuditInput.of(img).withDockerfile(df).withBase(new BaseImage("base", 1)))
                .findings(),
            "size.layers");

    assertEquals(2, layers.size(), layers.toString());
    assertEquals("base", layers.get(0).evidence().base());
    assertNull(layers.get(0).evidence().line());
    assertEquals(2, layers.get(1).evidence().line(), "the user's own RUN keeps its line");
  }

  @Test
  void text_groupsTheBasesInfoFindings_inOneLinePerRule_namingTheBase() throws IOException {
    BaseImage base = BaseImage.match(DEBIAN, baseDiffIds(), BaseImage.diffIds(config())).get();
    String text = AuditText.render(audit(base), false);

    assertTrue(
        text.contains(
            "INFO    linkage.unused-library           2 from the base image "
                + DEBIAN
                + ", none from this Dockerfile's steps; --verbose lists them\n"),
        text);
    assertTrue(
        text.contains(
            "WARNING linkage.unused-library           /usr/local/lib/libunused.so.1 [layer 1,"
                + " Dockerfile line 2] shared library libunused.so.1 is needed by no ELF file"),
        text);
    assertTrue(
        AuditText.render(audit(base), true)
            .contains(GNU + "libacl.so.1.1.2301 [layer 0] shared library libacl.so.1 is needed"),
        "--verbose lists each");
  }
}
