package io.splitcheck.audit;

import io.splitcheck.audit.ElfInfo.Linkage;
import io.splitcheck.model.Severity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code linkage.*}: what the loader would do with each ELF file in the final filesystem. */
public final class LinkageRules implements AuditRule {
  private static final Pattern LOADER =
      Pattern.compile("ld-linux.*\\.so.*|ld-musl-.*\\.so.*|ld64\\.so.*|ld\\.so\\.1");
  private static final Pattern LIBRARY = Pattern.compile("lib.*\\.so(\\.[0-9.]+)?");
  private static final Pattern LOADED_BY_NAME =
      Pattern.compile(
          "libnss_.*|libpam.*|libthread_db.*|libmemusage.*|libpcprofile.*|libSegFault.*|libBrokenLocale.*"
              + "|libc_malloc_debug.*|ld-.*"
              // glibc's own split-out libraries: shipped with libc6 and empty stubs since glibc
              // 2.34
              + "|lib(c|m|dl|pthread|rt|util|anl|mvec|nsl|resolv)\\.so\\.\\d+");

  @Override
  public List<Finding> check(AuditInput in) {
    ImageView img = in.image();
    if (img == null) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>();
    Map<String, ElfInfo> elves = roots(img, in.entrypointOnly(), out);
    LibraryResolver resolver = new LibraryResolver(img);
    Set<String> used = load(img, elves, resolver, out);
    if (!in.entrypointOnly()) {
      out.addAll(unused(img, elves, used, resolver));
    }
    return out;
  }

  /**
   * The ELF files to start from: every one in the final filesystem, or only the entrypoint's
   * program.
   */
  private static Map<String, ElfInfo> roots(
      ImageView img, boolean entrypointOnly, List<Finding> out) {
    Map<String, ElfInfo> elves = new LinkedHashMap<>();
    Optional<String> entry = entrypoint(img, out).map(e -> script(img, e, out));
    if (entrypointOnly) {
      entry.ifPresent(e -> elf(img, e, out).ifPresent(i -> elves.put(e, i)));
    } else {
      for (ImageFs.Node n : img.fs().nodes()) {
        if (n.entry().isRegularFile()) {
          elf(img, n.entry().path(), out).ifPresent(i -> elves.put(n.entry().path(), i));
        }
      }
    }
    return elves;
  }

  /**
   * Does what the loader would for each object, breadth first: checks its interpreter, resolves its
   * needs, and queues each library found (adding it to {@code elves}). Returns the libraries
   * loaded.
   */
  private static Set<String> load(
      ImageView img, Map<String, ElfInfo> elves, LibraryResolver resolver, List<Finding> out) {
    boolean loader = hasLoader(img);
    Set<String> used = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>(elves.keySet());
    Set<String> seen = new HashSet<>(elves.keySet());
    while (!queue.isEmpty()) {
      String path = queue.poll();
      ElfInfo info = elves.get(path);
      if (!checkLoader(img, path, info, loader, out)) {
        continue;
      }
      for (String needed : info.needed()) {
        Optional<String> lib = resolver.resolve(needed, path, info);
        if (lib.isEmpty()) {
          out.add(missing(img, path, info, needed, resolver));
        } else if (used.add(lib.get()) && seen.add(lib.get())) {
          elf(img, lib.get(), out)
              .ifPresent(
                  i -> {
                    elves.put(lib.get(), i);
                    queue.add(lib.get());
                  });
        }
      }
    }
    return used;
  }

  /** False when the object cannot be loaded at all (so its needs are moot). */
  private static boolean checkLoader(
      ImageView img, String path, ElfInfo info, boolean loader, List<Finding> out) {
    if (info.linkage() == Linkage.DYNAMIC && !loader) {
      out.add(
          Finding.of(
              "linkage.dynamic-in-scratch",
              "dynamically linked (interpreter "
                  + info.interpreter()
                  + ", needs "
                  + String.join(", ", info.needed())
                  + ") but the image has no loader or libc: exec fails with 'no such file or directory'",
              at(img, path)));
      return false;
    }
    if (info.linkage() == Linkage.DYNAMIC
        && info.interpreter() != null
        && img.fs().resolve(info.interpreter()).isEmpty()) {
      out.add(
          Finding.of(
              "linkage.missing-interpreter",
              "interpreter "
                  + info.interpreter()
                  + " is not in the image: exec fails with 'no such file or directory'",
              at(img, path)));
      return false;
    }
    return info.linkage() == Linkage.DYNAMIC || info.linkage() == Linkage.SHARED_LIBRARY;
  }

  private static Finding missing(
      ImageView img, String path, ElfInfo info, String needed, LibraryResolver r) {
    Finding f =
        Finding.of(
            "linkage.missing-library",
            "needs "
                + needed
                + ", which the loader would not find in "
                + String.join(":", r.searchPath(path, info)),
            at(img, path));
    return info.isExecutable() ? f : f.withSeverity(Severity.WARNING);
  }

  private static List<Finding> unused(
      ImageView img, Map<String, ElfInfo> elves, Set<String> used, LibraryResolver resolver) {
    List<Finding> out = new ArrayList<>();
    Set<String> neededNames = new HashSet<>();
    elves.values().forEach(i -> neededNames.addAll(i.needed()));
    for (Map.Entry<String, ElfInfo> e : elves.entrySet()) {
      String path = e.getKey();
      String base = ImageFs.baseName(path);
      ElfInfo info = e.getValue();
      if (info.linkage() != Linkage.SHARED_LIBRARY
          || used.contains(path)
          || !LIBRARY.matcher(base).matches()
          || LOADED_BY_NAME.matcher(base).matches()
          || neededNames.contains(base)
          || info.soname() != null && neededNames.contains(info.soname())
          || !resolver.libraryDirs(info).contains(ImageFs.parent(path))) {
        continue;
      }
      out.add(
          Finding.of(
              "linkage.unused-library",
              "shared library "
                  + (info.soname() == null ? base : info.soname())
                  + " is needed by no ELF file in the image",
              at(img, path)));
    }
    return out;
  }

  private static Optional<String> entrypoint(ImageView img, List<Finding> out) {
    List<String> cmd = img.command();
    if (cmd.isEmpty()) {
      return Optional.empty();
    }
    String program = cmd.get(0);
    List<String> candidates = new ArrayList<>();
    if (program.contains("/")) {
      candidates.add(program.startsWith("/") ? program : "/" + program);
    } else {
      String path =
          img.env()
              .getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
      for (String d : path.split(":")) {
        candidates.add(ImageFs.join(d.isEmpty() ? "/" : d, program));
      }
    }
    for (String c : candidates) {
      Optional<String> p =
          img.fs()
              .resolve(c)
              .filter(x -> img.fs().node(x).map(n -> n.entry().isRegularFile()).orElse(false));
      if (p.isPresent()) {
        return p;
      }
    }
    out.add(
        Finding.of(
            "linkage.missing-entrypoint",
            "entrypoint/cmd program " + program + " is not in the image",
            Evidence.path(program)));
    return Optional.empty();
  }

  /**
   * For a {@code #!} entrypoint, the interpreter it names (reported when absent); otherwise the
   * program.
   */
  private static String script(ImageView img, String program, List<Finding> out) {
    String interp = img.finalFacts(program).map(FileFacts::shebang).orElse(null);
    if (interp == null) {
      return program;
    }
    Optional<String> resolved = img.fs().resolve(interp);
    if (resolved.isEmpty()) {
      out.add(
          Finding.of(
              "linkage.missing-interpreter",
              "script entrypoint starts with #!"
                  + interp
                  + ", which is not in the image: exec fails with 'no such file or directory'",
              at(img, program)));
      return program;
    }
    return resolved.get();
  }

  private static Optional<ElfInfo> elf(ImageView img, String canonical, List<Finding> out) {
    Optional<ElfParse> p = img.finalFacts(canonical).map(FileFacts::elf);
    if (p.isPresent() && !p.get().ok()) {
      out.add(Finding.of("linkage.unreadable-elf", p.get().error(), at(img, canonical)));
    }
    return p.filter(ElfParse::ok).map(ElfParse::info);
  }

  static boolean hasLoader(ImageView img) {
    for (ImageFs.Node n : img.fs().nodes()) {
      if (LOADER.matcher(ImageFs.baseName(n.entry().path())).matches()
          && img.fs().resolve(n.entry().path()).isPresent()) {
        return true;
      }
    }
    return false;
  }

  static Evidence at(ImageView img, String path) {
    return img.fs()
        .node(path)
        .map(n -> img.at(n.layer()).withPath(path).withSize(n.entry().size()))
        .orElse(Evidence.path(path));
  }
}
