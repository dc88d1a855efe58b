package io.splitcheck.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The host's strace with the shared libraries {@code ldd} lists for it and the dynamic loader, as a
 * tar to ship read-only into a target at {@link #MOUNT}. The loader runs strace, so the target
 * needs no shell and no libc of its own: a {@code FROM scratch} image is traced from its first
 * syscall.
 */
public final class TracerBundle {
  /** Where the bundle is mounted in a traced container. */
  public static final String MOUNT = "/.splitcheck/tracer";

  /** The host's strace. */
  public static final Path HOST_STRACE = Path.of("/usr/bin/strace");

  private static final Pattern LDD_LINE =
      Pattern.compile("^\\s*(?:(\\S+)\\s+=>\\s+)?(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");

  private final Map<String, Path> libraries;
  private final String loaderName;
  private final Path strace;

  private TracerBundle(Path strace, Map<String, Path> libraries, String loaderName) {
    this.strace = strace;
    this.libraries = new TreeMap<>(libraries);
    this.loaderName = loaderName;
  }

  /** The bundle of {@link #HOST_STRACE}, resolved with the host's {@code ldd}. */
  public static TracerBundle fromHost() throws EngineException {
    return fromLdd(HOST_STRACE, ldd(HOST_STRACE));
  }

  /** The bundle described by {@code ldd}'s output for {@code strace}. */
  static TracerBundle fromLdd(Path strace, List<String> lddLines) {
    Map<String, Path> libs = new TreeMap<>();
    String loader = null;
    for (String line : lddLines) {
      Matcher m = LDD_LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Path file = Path.of(m.group(2));
      String name = m.group(1) != null ? m.group(1) : file.getFileName().toString();
      libs.put(name, file);
      if (m.group(1) == null) {
        loader = name;
      }
    }
    if (loader == null) {
      throw new IllegalArgumentException(
          "Error parsing ldd output for "
              + strace
              + ": no dynamic loader line (expected e.g. '/lib64/ld-linux-x86-64.so.2 (0x...)')");
    }
    return new TracerBundle(strace, libs, loader);
  }

  /** The argv prefix that runs strace from the bundle; append the traced command. */
  public List<String> command(String traceFile, List<String> straceOptions) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                MOUNT + "/lib/" + loaderName, "--library-path", MOUNT + "/lib", MOUNT + "/strace"));
    argv.addAll(straceOptions);
    argv.addAll(List.of("-o", traceFile, "--"));
    return argv;
  }

  /** The argv that attaches the bundle's strace to running processes (attach mode). */
  public List<String> attachCommand(
      String traceFile, List<String> straceOptions, List<Integer> pids) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                MOUNT + "/lib/" + loaderName, "--library-path", MOUNT + "/lib", MOUNT + "/strace"));
    argv.addAll(straceOptions);
    argv.addAll(List.of("-o", traceFile));
    for (int pid : pids) {
      argv.add("-p");
      argv.add(Integer.toString(pid));
    }
    return argv;
  }

  /** The bundle as a tar: {@code strace} and {@code lib/<name>}, symlinks resolved, sorted. */
  public InputStream tar() throws EngineException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      addDirectory(tar, "lib/", 0755);
      addFile(tar, "strace", strace);
      for (Map.Entry<String, Path> lib : libraries.entrySet()) {
        addFile(tar, "lib/" + lib.getKey(), lib.getValue());
      }
    } catch (IOException e) {
      throw new EngineException(
          "packing the tracer bundle from " + strace + " failed: " + e.getMessage(), e);
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  /** A tar holding one empty world-writable (sticky) directory {@code name}. */
  public static InputStream writableDirectoryTar(String name) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      addDirectory(tar, name + "/", 01777);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory tar failed", e);
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  private static void addDirectory(TarArchiveOutputStream tar, String name, int mode)
      throws IOException {
    TarArchiveEntry dir = new TarArchiveEntry(name);
    dir.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~07777 | mode);
    dir.setModTime(0);
    tar.putArchiveEntry(dir);
    tar.closeArchiveEntry();
  }

  private static void addFile(TarArchiveOutputStream tar, String name, Path file)
      throws IOException {
    byte[] content = Files.readAllBytes(file.toRealPath());
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    entry.setMode(0100755);
    entry.setModTime(0);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static List<String> ldd(Path binary) throws EngineException {
    try {
      Process p = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new EngineException("ldd " + binary + " failed: " + out.strip());
      }
      return out.lines().toList();
    } catch (IOException e) {
      throw new EngineException("ldd " + binary + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("ldd " + binary + " interrupted", e);
    }
  }
}
