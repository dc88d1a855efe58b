package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds a {@code DT_NEEDED} library the way the loader would, inside the image: a name with a slash
 * as a path; otherwise {@code DT_RPATH} (only when there is no {@code DT_RUNPATH}), {@code
 * LD_LIBRARY_PATH} from the image's Env, {@code DT_RUNPATH}, the directories of the image's own
 * {@code /etc/ld.so.conf} (with {@code include} globs) or musl's {@code /etc/ld-musl-ARCH.path},
 * then the default directories (with the multiarch ones). {@code $ORIGIN} is the directory of the
 * object. A candidate must be an ELF file of the same class and machine, like the loader skips
 * "wrong ELF class" files.
 */
public final class LibraryResolver {
  private static final List<String> DEFAULTS = List.of("/lib", "/usr/lib", "/usr/local/lib");

  private final ImageView image;
  private final List<String> configured;
  private final List<String> ldLibraryPath;

  public LibraryResolver(ImageView image) {
    this.image = image;
    this.configured = List.copyOf(new LinkedHashSet<>(configuredDirs()));
    String llp = image.env().getOrDefault("LD_LIBRARY_PATH", "");
    this.ldLibraryPath = llp.isEmpty() ? List.of() : List.of(llp.split(":"));
  }

  /** The canonical path of the library the loader would load for {@code object}, or empty. */
  public Optional<String> resolve(String needed, String objectPath, ElfInfo object) {
    if (needed.contains("/")) {
      return image.fs().resolve(needed).filter(p -> compatible(p, object));
    }
    for (String dir : searchPath(objectPath, object)) {
      Optional<String> found =
          image.fs().resolve(ImageFs.join(dir, needed)).filter(p -> compatible(p, object));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * Directories searched for {@code object}'s needs, in the loader's order, before $ORIGIN
   * expansion is undone.
   */
  public List<String> searchPath(String objectPath, ElfInfo object) {
    String origin = ImageFs.parent(image.fs().resolve(objectPath).orElse(objectPath));
    List<String> dirs = new ArrayList<>();
    if (object.runpath().isEmpty()) {
      object.rpath().forEach(d -> dirs.add(expand(d, origin, object)));
    }
    dirs.addAll(ldLibraryPath);
    object.runpath().forEach(d -> dirs.add(expand(d, origin, object)));
    dirs.addAll(configured);
    dirs.addAll(defaultDirs(object));
    return List.copyOf(new LinkedHashSet<>(dirs));
  }

  /**
   * Directories the loader searches for every object (configured plus default): where libraries
   * live.
   */
  public Set<String> libraryDirs(ElfInfo like) {
    Set<String> out = new LinkedHashSet<>();
    for (String d : configured) {
      image.fs().resolve(d).ifPresent(out::add);
    }
    for (String d : defaultDirs(like)) {
      image.fs().resolve(d).ifPresent(out::add);
    }
    return out;
  }

  static List<String> defaultDirs(ElfInfo object) {
    List<String> out = new ArrayList<>();
    String triplet = multiarch(object);
    if (triplet != null) {
      out.add("/lib/" + triplet);
      out.add("/usr/lib/" + triplet);
    }
    if (object.bits() == 64) {
      out.add("/lib64");
      out.add("/usr/lib64");
    }
    out.addAll(DEFAULTS);
    return out;
  }

  static String multiarch(ElfInfo e) {
    return switch (e.machine()) {
      case 62 -> "x86_64-linux-gnu";
      case 3 -> "i386-linux-gnu";
      case 183 -> "aarch64-linux-gnu";
      case 40 -> "arm-linux-gnueabihf";
      case 243 -> "riscv64-linux-gnu";
      case 21 -> "powerpc64le-linux-gnu";
      case 22 -> "s390x-linux-gnu";
      default -> null;
    };
  }

  private static String expand(String dir, String origin, ElfInfo object) {
    return dir.replace("${ORIGIN}", origin)
        .replace("$ORIGIN", origin)
        .replace("${LIB}", object.bits() == 64 ? "lib64" : "lib")
        .replace("$LIB", object.bits() == 64 ? "lib64" : "lib");
  }

  private boolean compatible(String canonical, ElfInfo object) {
    return image
        .finalFacts(canonical)
        .map(FileFacts::elf)
        .filter(ElfParse::ok)
        .map(p -> p.info().compatibleWith(object))
        .orElse(false);
  }

  private List<String> configuredDirs() {
    List<String> out = new ArrayList<>();
    readConf("/etc/ld.so.conf", out, new HashSet<>());
    for (ImageFs.Node n : image.fs().under("/etc")) {
      String p = n.entry().path();
      if (p.matches("/etc/ld-musl-[^/]+\\.path")) {
        text(p)
            .ifPresent(
                t -> {
                  for (String d : t.split("[:\\n]")) {
                    if (d.strip().startsWith("/")) {
                      out.add(d.strip());
                    }
                  }
                });
      }
    }
    return out;
  }

  private void readConf(String path, List<String> out, Set<String> seen) {
    Optional<String> canonical = image.fs().resolve(path);
    if (canonical.isEmpty() || !seen.add(canonical.get())) {
      return;
    }
    for (String raw : text(canonical.get()).orElse("").split("\n")) {
      String line = raw.replaceFirst("#.*", "").strip();
      if (line.startsWith("include ")) {
        String glob = line.substring(8).strip();
        String abs = glob.startsWith("/") ? glob : ImageFs.join(ImageFs.parent(path), glob);
        for (String match : glob(abs)) {
          readConf(match, out, seen);
        }
      } else if (line.startsWith("/")) {
        out.add(line.split("[\\s=]")[0]);
      }
    }
  }

  /**
   * Matches a glob in the last path component against the final filesystem, sorted like glob(3).
   */
  private List<String> glob(String pattern) {
    String dir = ImageFs.parent(pattern);
    Pattern name =
        Pattern.compile(
            ImageFs.baseName(pattern)
                .replace(".", "\\.")
                .replace("*", "[^/]*")
                .replace("?", "[^/]"));
    List<String> out = new ArrayList<>();
    image
        .fs()
        .resolve(dir)
        .ifPresent(
            d -> {
              for (ImageFs.Node n : image.fs().under(d)) {
                String p = n.entry().path();
                if (ImageFs.parent(p).equals(d) && name.matcher(ImageFs.baseName(p)).matches()) {
                  out.add(p);
                }
              }
            });
    out.sort(null);
    return out;
  }

  private Optional<String> text(String canonical) {
    return image.finalFacts(canonical).map(FileFacts::text);
  }
}
