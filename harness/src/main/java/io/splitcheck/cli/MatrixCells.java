package io.splitcheck.cli;

import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.run.Cell;
import io.splitcheck.seccomp.DefaultProfiles;
import io.splitcheck.seccomp.Derivation;
import io.splitcheck.seccomp.NamedDerivations;
import io.splitcheck.seccomp.SeccompProfile;
import io.splitcheck.seccomp.SyscallResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The custom cells of a command line ({@code --profile} files, then {@code --derive} expressions),
 * the engine default profile attribution reasons with, and warnings about the profiles.
 *
 * @param engineDefault the engine's default profile, or null when none could be found
 */
record MatrixCells(List<Cell> cells, SeccompProfile engineDefault, List<String> warnings) {
  /** Where named derivations live unless {@code SPLITCHECK_PROFILES} says otherwise. */
  static final String PROFILES_DIR = "seccomp-profiles";

  MatrixCells {
    cells = List.copyOf(cells);
    warnings = List.copyOf(warnings);
  }

  static MatrixCells load(List<String> profiles, List<String> derives, Path defaultProfile,
      String arch) throws IOException {
    List<Cell> cells = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Optional<SyscallResolver> resolver = SyscallResolver.load();
    if (resolver.isEmpty() && !(profiles.isEmpty() && derives.isEmpty())) {
      warnings.add("libseccomp not found: syscall names in profiles are not checked");
    }
    for (String p : profiles) {
      NamedValue nv = NamedValue.parse("--profile", p);
      Path file = Path.of(nv.value());
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--profile " + p + ": no such file " + file);
      }
      String json = Files.readString(file, StandardCharsets.UTF_8);
      try {
        SeccompProfile parsed = SeccompProfile.parse(json, file.toString());
        resolver.ifPresent(r -> warnings.addAll(r.lint(parsed, file.toString(), arch)));
      } catch (IllegalArgumentException e) {
        // the engine's verdict decides (quoted before any cell runs); ours only limits attribution
        warnings.add(e.getMessage() + "; cell " + nv.name() + " is attributed without seccomp");
      }
      cells.add(new Cell(nv.name(), ContainerSecurity.customProfile(json), "profile " + file));
    }
    SeccompProfile engineDefault = engineDefault(defaultProfile, !derives.isEmpty(), warnings);
    for (String d : derives) {
      NamedValue nv = NamedValue.parse("--derive", d);
      SeccompProfile derived = derive(nv.value(), engineDefault);
      resolver.ifPresent(r -> warnings.addAll(newUnknowns(r, derived, engineDefault, d, arch)));
      cells.add(new Cell(nv.name(), ContainerSecurity.customProfile(derived.toJson()),
          "derive " + nv.value()));
    }
    return new MatrixCells(cells, engineDefault, warnings);
  }

  /** Lint warnings for names the derivation brought in, not those of the engine's own profile. */
  private static List<String> newUnknowns(SyscallResolver r, SeccompProfile derived,
      SeccompProfile base, String option, String arch) {
    List<String> inherited = r.unknownSyscalls(base, arch);
    return r.lint(derived, "--derive " + option, arch).stream()
        .filter(w -> inherited.stream().noneMatch(n -> w.contains("syscall '" + n + "'")))
        .toList();
  }

  /** A named derivation ({@code older-runtime}) from the profiles folder, else an expression. */
  static SeccompProfile derive(String expr, SeccompProfile engineDefault) {
    if (!expr.contains("=") && !expr.startsWith("-")) {
      Path dir = profilesDir().orElseThrow(() -> new IllegalArgumentException("--derive '" + expr
          + "': no " + PROFILES_DIR + "/ folder found for a named derivation (set "
          + "SPLITCHECK_PROFILES, or give an expression like getrandom=EPERM)"));
      NamedDerivations named = NamedDerivations.load(dir);
      if (named.get(expr).isEmpty()) {
        throw new IllegalArgumentException("--derive '" + expr + "': no derivation of that name in "
            + dir + " (known: " + named.names() + ")");
      }
      return named.profile(expr, engineDefault);
    }
    return Derivation.parse(expr).apply(engineDefault);
  }

  private static SeccompProfile engineDefault(Path explicit, boolean required,
      List<String> warnings) {
    try {
      return DefaultProfiles.load(explicit, System.getenv());
    } catch (IllegalStateException | IllegalArgumentException e) {
      if (required || explicit != null) {
        throw e;
      }
      warnings.add(e.getMessage() + "; runtime-default cells are attributed without seccomp");
      return null;
    }
  }

  /** {@code SPLITCHECK_PROFILES}, else the nearest {@code seccomp-profiles/} from here upwards. */
  static Optional<Path> profilesDir() {
    String env = System.getenv("SPLITCHECK_PROFILES");
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(PROFILES_DIR))) {
        return Optional.of(dir.resolve(PROFILES_DIR));
      }
    }
    String repo = System.getProperty("splitcheck.repo");
    return repo == null ? Optional.empty()
        : Optional.of(Path.of(repo, PROFILES_DIR)).filter(Files::isDirectory);
  }
}
