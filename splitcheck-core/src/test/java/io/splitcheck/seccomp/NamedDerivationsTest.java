package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamedDerivationsTest {

  /** The repository's seccomp-profiles/ folder (surefire runs in harness/). */
  private static final Path PROFILES = Path.of("..", "seccomp-profiles");

  @Test
  void load_readsRepositoryDerivations() {
    NamedDerivations all = NamedDerivations.load(PROFILES);

    assertTrue(
        all.names().containsAll(List.of("getrandom-eperm", "no-io-uring", "older-runtime")),
        all.names().toString());
    NamedDerivation older = all.get("older-runtime").orElseThrow();
    assertTrue(older.onEngineDefault());
    assertTrue(
        older.derivation().names().containsAll(Set.of("clone3", "faccessat2", "close_range")));
    assertTrue(
        older
            .description()
            .startsWith(
                "Models an older default profile enforced by a runtime WITHOUT runc's"
                    + " -ENOSYS stub"),
        older.description());
  }

  @Test
  void profile_appliesDerivationToEngineDefault() {
    NamedDerivations all = NamedDerivations.load(PROFILES);
    SeccompProfile base = Fixtures.engineDefault();

    SeccompProfile older = all.profile("older-runtime", base);
    SeccompProfile noUring = all.profile("no-io-uring", base);

    Decision clone3 =
        ProfileEvaluator.evaluate(older, "clone3", CellRestrictions.DOCKER_DEFAULT_CAPS, "amd64");
    assertEquals("EPERM", clone3.errnoName());
    assertTrue(ProfileEvaluator.evaluate(noUring, "io_uring_enter", Set.of(), "amd64").byDefault());
  }

  @Test
  void prodProfileJson_isTheGetrandomDerivationOfTheEngineDefault() throws IOException {
    SeccompProfile derived =
        NamedDerivations.load(PROFILES).profile("getrandom-eperm", Fixtures.engineDefault());

    assertEquals(Files.readString(PROFILES.resolve("prod-getrandom-eperm.json")), derived.toJson());
  }

  @Test
  void parse_readsBaseCommentsAndSeveralItemsPerLine() {
    NamedDerivation d =
        NamedDerivations.parse(
            "x",
            List.of(
                "# first",
                "# second",
                "",
                "base: custom.json",
                "getrandom=EPERM, clone3=ENOSYS  # trailing",
                "-statx"),
            "x.derive");

    assertEquals(
        new NamedDerivation(
            "x",
            "first second",
            "custom.json",
            Derivation.parse("clone3=ENOSYS,getrandom=EPERM,-statx")),
        d);
  }

  @Test
  void parse_namesFileAndLine_onBadItem() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                NamedDerivations.parse(
                    "x", List.of("# c", "getrandom=EPERM", "statx=EWHAT"), "x.derive"));

    assertTrue(
        e.getMessage()
            .startsWith(
                "Error parsing derivation file 'x.derive' line 3: Error parsing derivation "
                    + "'statx=EWHAT': item 'statx=EWHAT' has unknown errno"),
        e.getMessage());
  }

  @Test
  void parse_rejectsRepeatedSyscallAcrossLines_andEmptyFiles() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            NamedDerivations.parse(
                "x", List.of("getrandom=EPERM", "getrandom=ENOSYS"), "x.derive"));
    assertThrows(
        IllegalArgumentException.class,
        () -> NamedDerivations.parse("x", List.of("# only"), "x.derive"));
  }

  @Test
  void profile_readsCustomBaseFromSameFolder(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("base.json"), "{\"defaultAction\": \"SCMP_ACT_ALLOW\"}");
    Files.writeString(dir.resolve("deny.derive"), "base: base.json\nptrace=EPERM\n");

    SeccompProfile p = NamedDerivations.load(dir).profile("deny", null);

    assertEquals("EPERM", ProfileEvaluator.evaluate(p, "ptrace", Set.of(), "amd64").errnoName());
    assertThrows(
        IllegalArgumentException.class, () -> NamedDerivations.load(dir).profile("nope", null));
  }

  @Test
  void defaultProfiles_locate_prefersExplicitThenEnvThenMoby(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("d.json"), "{\"defaultAction\": \"SCMP_ACT_ALLOW\"}");

    assertEquals(file, DefaultProfiles.locate(file, Map.of()));
    assertEquals(file, DefaultProfiles.locate(null, Map.of(DefaultProfiles.ENV, file.toString())));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                DefaultProfiles.locate(
                    null, Map.of(DefaultProfiles.ENV, dir.resolve("missing.json").toString())));
    assertTrue(
        e.getMessage().contains(DefaultProfiles.ENV + "=" + dir.resolve("missing.json")),
        e.getMessage());
    assertTrue(e.getMessage().contains(DefaultProfiles.MOBY_DEFAULT.toString()), e.getMessage());
  }
}
