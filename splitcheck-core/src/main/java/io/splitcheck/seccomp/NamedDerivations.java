package io.splitcheck.seccomp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code *.derive} files of a folder (normally {@code seccomp-profiles/}). File format:
 *
 * <pre>
 * # leading comment lines describe what the derivation models
 * base: default                  (optional; "default" = engine default profile, or NAME.json in the folder)
 * clone3=EPERM, faccessat2=EPERM # items as in {@link Derivation}, any number per line; '#' starts a comment
 * </pre>
 */
public final class NamedDerivations {

  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final Path dir;
  private final Map<String, NamedDerivation> byName;

  private NamedDerivations(Path dir, Map<String, NamedDerivation> byName) {
    this.dir = dir;
    this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
  }

  /** Reads every {@code *.derive} file in {@code dir}. */
  public static NamedDerivations load(Path dir) {
    Map<String, NamedDerivation> byName = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.derive")) {
      for (Path file : files) {
        String name = file.getFileName().toString().replaceFirst("\\.derive$", "");
        byName.put(name, parse(name, Files.readAllLines(file), file.toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read derivations in '" + dir + "': " + e, e);
    }
    return new NamedDerivations(dir, byName);
  }

  /** Parses one file's lines; {@code source} names it in errors. */
  public static NamedDerivation parse(String name, List<String> lines, String source) {
    List<String> description = new ArrayList<>();
    String base = NamedDerivation.DEFAULT_BASE;
    Derivation derivation = null;
    boolean header = true;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("#")) {
        if (header) {
          description.add(line.replaceFirst("^#+\\s*", ""));
        }
        continue;
      }
      header = header && line.isEmpty() && description.isEmpty();
      String content = line.replaceFirst("\\s*#.*$", "");
      if (content.isEmpty()) {
        continue;
      }
      try {
        if (content.startsWith("base:")) {
          base = base(content.substring(5).strip());
        } else {
          Derivation d = Derivation.parse(content);
          derivation = derivation == null ? d : merge(derivation, d);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Error parsing derivation file '"
                + source
                + "' line "
                + (i + 1)
                + ": "
                + e.getMessage(),
            e);
      }
    }
    if (derivation == null) {
      throw new IllegalArgumentException(
          "Error parsing derivation file '" + source + "': no items, expected " + Derivation.FORMS);
    }
    return new NamedDerivation(name, String.join(" ", description).strip(), base, derivation);
  }

  private static Derivation merge(Derivation a, Derivation b) {
    Derivation merged = a.plus(b);
    if (merged.items().size() != a.items().size() + b.items().size()) {
      throw new IllegalArgumentException(
          "a syscall of '"
              + b
              + "' is already named on an earlier line, "
              + "expected each syscall once");
    }
    return merged;
  }

  private static String base(String value) {
    if (!value.equals(NamedDerivation.DEFAULT_BASE)
        && !(FILE_NAME.matcher(value).matches() && value.endsWith(".json"))) {
      throw new IllegalArgumentException(
          "base '"
              + value
              + "' is not valid, expected 'default' or a NAME.json "
              + "file in the same folder");
    }
    return value;
  }

  public SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
  }

  public Optional<NamedDerivation> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The derived profile for {@code name}; {@code engineDefault} serves {@code base: default}. */
  public SeccompProfile profile(String name, SeccompProfile engineDefault) {
    NamedDerivation d =
        get(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Unknown derivation '"
                            + name
                            + "', expected one of "
                            + String.join(", ", names())
                            + " (files "
                            + dir
                            + "/NAME.derive)"));
    SeccompProfile base =
        d.onEngineDefault() ? engineDefault : SeccompProfile.read(dir.resolve(d.base()));
    return d.derivation().apply(base);
  }
}
