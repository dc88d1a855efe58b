package io.splitcheck.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
  @TempDir Path tmp;

  private void write(String dir, String yaml) throws IOException {
    Files.createDirectories(tmp.resolve(dir));
    Files.writeString(tmp.resolve(dir).resolve("scenario.yaml"), yaml);
  }

  @Test
  void load_findsImmediateSubdirectories_sortedByName() throws IOException {
    write("b", "checks: {twice: true}\n");
    write("a", "checks: {twice: true}\n");
    write("c/deeper", "checks: {twice: true}\n");
    List<Scenario> all = new ScenarioLoader().load(tmp);
    assertEquals(List.of("a", "b"), all.stream().map(Scenario::name).toList());
  }

  @Test
  void load_readsOnlyTheDirectory_whenItHoldsScenarioYaml() throws IOException {
    write("a", "checks: {twice: true}\n");
    write("a/nested", "checks: {twice: true}\n");
    assertEquals(1, new ScenarioLoader().load(tmp.resolve("a")).size());
  }

  @Test
  void load_fails_whenNothingIsFound() {
    String message =
        assertThrows(IllegalArgumentException.class, () -> new ScenarioLoader().load(tmp))
            .getMessage();
    assertTrue(message.contains("no scenario.yaml in it or in its immediate subdirectories"));
  }

  @Test
  void load_fails_whenTwoScenariosShareAName() throws IOException {
    write("a", "name: same\n");
    write("b", "name: same\n");
    String message =
        assertThrows(IllegalArgumentException.class, () -> new ScenarioLoader().load(tmp))
            .getMessage();
    assertTrue(message.contains("name 'same' used by both"), message);
  }

  @Test
  void select_keepsVariants_withTheirParent() throws IOException {
    write("a", "variants: {fixed: {}}\n");
    write("b", "{}\n");
    List<Scenario> all = new ScenarioLoader().load(tmp);
    assertEquals(
        List.of("a", "a:fixed"),
        ScenarioLoader.select(all, List.of("a")).stream().map(Scenario::name).toList());
    assertThrows(IllegalArgumentException.class, () -> ScenarioLoader.select(all, List.of("z")));
  }

  @Test
  void load_parsesEveryScenarioOfTheProject() throws IOException {
    Path scenarios = Path.of("..", "scenarios");
    List<Scenario> all = new ScenarioLoader().load(scenarios);
    assertEquals(
        List.of(
            "base-drift",
            "cache-arg-scope",
            "cache-arg-scope:fixed",
            "context-symlink",
            "deterministic-build",
            "dynamic-static",
            "getrandom-seccomp",
            "legacy-runtime",
            "multistage-bloat",
            "multistage-bloat:pruned",
            "nondeterministic-build",
            "scratch-hardened",
            "secret-not-mounted",
            "secret-not-mounted:fixed"),
        all.stream().map(Scenario::name).toList());
    for (Scenario s : all) {
      assertTrue(Files.isRegularFile(s.dockerfile()), s.name() + ": no " + s.dockerfile());
      assertTrue(Files.isDirectory(s.context()), s.name() + ": no context " + s.context());
      for (BuildSpec.SecretSpec secret : s.build().secrets()) {
        assertTrue(Files.isRegularFile(s.dir().resolve(secret.src())), s.name() + ": " + secret);
      }
      if (s.baseDrift() != null) {
        for (String variant : s.baseDrift().variants()) {
          assertTrue(Files.isRegularFile(s.dir().resolve(variant).resolve("Dockerfile")), variant);
        }
      }
      if (s.checks().matrix() != null) {
        for (String profile : s.checks().matrix().profiles().values()) {
          assertTrue(Files.isRegularFile(s.dir().resolve(profile)), s.name() + ": " + profile);
        }
      }
    }
  }
}
