package io.splitcheck.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.libseccomp.SyscallResolver;
import io.splitcheck.seccomp.DefaultProfiles;
import io.splitcheck.seccomp.Derivation;
import io.splitcheck.seccomp.EngineCompat;
import io.splitcheck.seccomp.NamedDerivations;
import io.splitcheck.seccomp.SeccompProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The custom cells of a command line ({@code --profile} files, then {@code --derive} expressions),
 * the engine default profile attribution reasons with, and warnings about the profiles.
 *
 * @param cells in command-line order
 * @param parsed the profiles splitcheck could parse, by cell name (the engine may accept others)
 * @param engineDefault the engine's default profile, or null when none could be found
 * @param warnings about profiles splitcheck cannot evaluate or a missing default profile
 */
public record CustomCells(
    List<Cell> cells,
    Map<String, SeccompProfile> parsed,
    SeccompProfile engineDefault,
    List<String> warnings) {
  /** Where named derivations live unless {@code SPLITCHECK_PROFILES} says otherwise. */
  static final String PROFILES_DIR = "seccomp-profiles";

  public CustomCells {
    cells = List.copyOf(cells);
    parsed = new LinkedHashMap<>(parsed);
    warnings = List.copyOf(warnings);
  }

  /**
   * @param profiles {@code --profile NAME=FILE}, in command-line order
   * @param derives {@code --derive NAME=EXPR}, in command-line order
   * @param defaultProfile {@code --default-profile}, or null to locate the engine's
   */
  public static CustomCells load(
      Map<String, Path> profiles, Map<String, String> derives, Path defaultProfile)
      throws IOException {
    List<Cell> cells = new ArrayList<>();
    Map<String, SeccompProfile> parsed = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (Map.Entry<String, Path> p : profiles.entrySet()) {
      Path file = p.getValue();
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "--profile " + p.getKey() + "=" + file + ": no such file");
      }
      String json = readBounded(p.getKey(), file);
      requireJson(p.getKey(), file, json);
      try {
        parsed.put(p.getKey(), SeccompProfile.parse(json, file.toString()));
      } catch (SeccompProfile.UnknownFieldException e) {
        // a field of a newer engine: the engine's verdict decides (its refusal, quoted, ends the
        // matrix)
        warnings.add(e.getMessage() + "; cell " + p.getKey() + " is attributed without seccomp");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--profile " + p.getKey() + "=" + file + ": " + e.getMessage(), e);
      }
      cells.add(new Cell(p.getKey(), ContainerSecurity.customProfile(json), "profile " + file));
    }
    SeccompProfile engineDefault = engineDefault(defaultProfile, !derives.isEmpty(), warnings);
    for (Map.Entry<String, String> d : derives.entrySet()) {
      SeccompProfile derived = derive(d.getValue(), engineDefault);
      parsed.put(d.getKey(), derived);
      cells.add(
          new Cell(
              d.getKey(),
              ContainerSecurity.customProfile(derived.toJson()),
              "derive " + d.getValue()));
    }
    return new CustomCells(cells, parsed, engineDefault, warnings);
  }

  /**
   * The largest profile read: the engine's default is about 20 KB; a profile of megabytes is a
   * mistake.
   */
  static final long MAX_PROFILE_BYTES = 4L << 20;

  /**
   * The file's text, refused when empty or larger than {@link #MAX_PROFILE_BYTES}, before it is
   * read.
   */
  static String readBounded(String cell, Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_PROFILE_BYTES) {
      throw new IllegalArgumentException(
          "--profile "
              + cell
              + "="
              + file
              + ": "
              + size
              + " bytes, more than "
              + "the "
              + (MAX_PROFILE_BYTES >> 20)
              + " MiB a seccomp profile may be (the engine's default is about 20 KB)");
    }
    String json = Files.readString(file, StandardCharsets.UTF_8);
    if (json.isBlank()) {
      throw new IllegalArgumentException(
          "--profile "
              + cell
              + "="
              + file
              + ": the file is empty, expected a "
              + "seccomp profile: {\"defaultAction\": ..., \"syscalls\": [...]}");
    }
    return json;
  }

  /**
   * Text that is not JSON at all is rejected here, with its line and column, before the engine is
   * asked.
   */
  private static void requireJson(String cell, Path file, String json) {
    try {
      new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new IllegalArgumentException(
          "--profile "
              + cell
              + "="
              + file
              + ": Error parsing seccomp profile '"
              + file
              + "': not JSON at line "
              + (at == null ? "?" : at.getLineNr())
              + ", column "
              + (at == null ? "?" : at.getColumnNr())
              + ": "
              + e.getOriginalMessage().replaceFirst("\\s*\\(start marker at .*$", "").strip());
    }
  }

  /**
   * What a Docker engine of {@code engineVersion} drops from the cells' profiles ({@code
   * defaultErrnoRet} on 20.10, containers-common's {@code errno} names everywhere), one warning
   * each; none for versions that are not Docker's (Podman's API reports its own, and Podman reads
   * every field).
   */
  public List<String> engineWarnings(String engineVersion) {
    List<String> out = new ArrayList<>();
    if (EngineCompat.dockerTarget(engineVersion).isEmpty()) {
      return out;
    }
    for (Cell c : cells) {
      SeccompProfile p = parsed.get(c.name());
      if (p != null) {
        out.addAll(EngineCompat.warnings(p, c.origin(), engineVersion));
      }
    }
    return out;
  }

  /**
   * Syscall names the runtime would silently ignore, checked through libseccomp for {@code arch};
   * for derived cells only names the engine's own default profile does not already carry.
   */
  public List<String> lint(String arch) {
    Optional<SyscallResolver> resolver =
        parsed.isEmpty() ? Optional.empty() : SyscallResolver.load();
    if (resolver.isEmpty()) {
      return parsed.isEmpty()
          ? List.of()
          : List.of("libseccomp not found: syscall names in profiles are not checked");
    }
    SyscallResolver r = resolver.get();
    List<String> inherited =
        engineDefault == null ? List.of() : r.unknownSyscalls(engineDefault, arch);
    List<String> out = new ArrayList<>();
    for (Cell c : cells) {
      SeccompProfile p = parsed.get(c.name());
      if (p != null) {
        boolean derived = c.origin().startsWith("derive ");
        r.lint(p, c.origin(), arch).stream()
            .filter(w -> !derived || inherited.stream().noneMatch(n -> w.contains("'" + n + "'")))
            .forEach(out::add);
      }
    }
    return out;
  }

  /** A named derivation ({@code older-runtime}) from the profiles folder, else an expression. */
  public static SeccompProfile derive(String expr, SeccompProfile engineDefault) {
    if (!expr.contains("=") && !expr.startsWith("-")) {
      Path dir =
          profilesDir()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--derive '"
                              + expr
                              + "': no "
                              + PROFILES_DIR
                              + "/ folder found for a named derivation (set "
                              + "SPLITCHECK_PROFILES, or give an expression like getrandom=EPERM)"));
      NamedDerivations named = NamedDerivations.load(dir);
      if (named.get(expr).isEmpty()) {
        throw new IllegalArgumentException(
            "--derive '"
                + expr
                + "': no derivation of that name in "
                + dir
                + " (known: "
                + named.names()
                + ")");
      }
      return named.profile(expr, engineDefault);
    }
    return Derivation.parse(expr).apply(engineDefault);
  }

  private static SeccompProfile engineDefault(
      Path explicit, boolean required, List<String> warnings) {
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
    return repo == null
        ? Optional.empty()
        : Optional.of(Path.of(repo, PROFILES_DIR)).filter(Files::isDirectory);
  }
}
