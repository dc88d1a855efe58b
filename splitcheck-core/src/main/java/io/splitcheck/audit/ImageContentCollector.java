package io.splitcheck.audit;

import io.splitcheck.diff.LayerContentVisitor;
import io.splitcheck.model.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link LayerContentVisitor} that reads only what the audit needs: the first {@value
 * #SCAN_BYTES} bytes of each file (private keys, SQLite headers, loader config, {@code #!} lines),
 * and ELF files up to {@link #MAX_ELF_BYTES} (beyond that, the prefix plus the dynamic segment) for
 * the ELF reader. Memory holds facts, never file content.
 */
public final class ImageContentCollector implements LayerContentVisitor {
  static final int SCAN_BYTES = 64 * 1024;

  /** Whole-file bound for ELF files: 64 MiB, or a quarter of the heap when that is less. */
  static final long MAX_ELF_BYTES = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 4);

  private static final byte[] SQLITE = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private final long maxElfBytes;
  private final Map<String, Map<String, FileFacts>> byLayer = new HashMap<>();

  public ImageContentCollector() {
    this(MAX_ELF_BYTES);
  }

  ImageContentCollector(long maxElfBytes) {
    this.maxElfBytes = maxElfBytes;
  }

  @Override
  public void visitFile(String layerKey, FileEntry entry, InputStream content) throws IOException {
    byte[] head = content.readNBytes(SCAN_BYTES);
    FileFacts facts = facts(entry.path(), entry.size(), head, content);
    if (!facts.isEmpty()) {
      byLayer.computeIfAbsent(layerKey, k -> new HashMap<>()).put(entry.path(), facts);
    }
  }

  /** Facts of each file by layer key, then path. */
  public Map<String, Map<String, FileFacts>> facts() {
    return byLayer;
  }

  FileFacts facts(String path, long size, byte[] head, InputStream rest) throws IOException {
    if (ElfReader.isElf(head)) {
      return new FileFacts(readElf(path, size, head, rest), false, false, null);
    }
    boolean sqlite = startsWith(head, SQLITE);
    String text = isLoaderConfig(path) ? new String(head, StandardCharsets.UTF_8) : null;
    return new FileFacts(null, !sqlite && hasPrivateKey(head), sqlite, text, shebang(head));
  }

  /** {@code #!/bin/sh -e} gives {@code /bin/sh}; null when the file is not a script. */
  static String shebang(byte[] head) {
    if (head.length < 3 || head[0] != '#' || head[1] != '!') {
      return null;
    }
    int end = 2;
    while (end < head.length && end < 256 && head[end] != '\n') {
      end++;
    }
    String line = new String(head, 2, end - 2, StandardCharsets.UTF_8).strip();
    String interp = line.isEmpty() ? "" : line.split("\\s+")[0];
    return interp.startsWith("/") ? interp : null;
  }

  /**
   * Files up to the bound are read whole. A larger file keeps only its first {@code maxElfBytes}
   * and its dynamic segment (found from the program headers in that prefix); the string table must
   * lie in the prefix, else the parse fails and says so.
   */
  private ElfParse readElf(String path, long size, byte[] head, InputStream rest)
      throws IOException {
    int keep = (int) Math.min(Math.max(size, head.length), maxElfBytes);
    byte[] prefix;
    long consumed;
    if (keep <= head.length) {
      prefix = Arrays.copyOf(head, keep);
      consumed = head.length;
    } else {
      prefix = Arrays.copyOf(head, keep);
      consumed = head.length + rest.readNBytes(prefix, head.length, keep - head.length);
      prefix = consumed < keep ? Arrays.copyOf(prefix, (int) consumed) : prefix;
    }
    long length = Math.max(size, consumed);
    if (length <= prefix.length) {
      return ElfReader.tryRead(path, ElfReader.Window.of(prefix));
    }
    long[] dyn = ElfReader.dynamicSegment(path, length, prefix);
    if (dyn == null || dyn[0] < consumed || dyn[1] > maxElfBytes) {
      return ElfReader.tryRead(path, new ElfReader.Window(length, prefix, 0, null));
    }
    rest.skipNBytes(dyn[0] - consumed);
    byte[] extra = rest.readNBytes((int) dyn[1]);
    return ElfReader.tryRead(path, new ElfReader.Window(length, prefix, dyn[0], extra));
  }

  static boolean isLoaderConfig(String path) {
    return path.equals("/etc/ld.so.conf")
        || path.startsWith("/etc/ld.so.conf.d/")
        || path.matches("/etc/ld-musl-[^/]+\\.path");
  }

  static boolean hasPrivateKey(byte[] head) {
    String s = new String(head, StandardCharsets.ISO_8859_1);
    int begin = s.indexOf("-----BEGIN ");
    while (begin >= 0) {
      int eol = s.indexOf("-----", begin + 11);
      if (eol > 0 && eol - begin < 80 && s.substring(begin, eol).endsWith("PRIVATE KEY")) {
        return true;
      }
      begin = s.indexOf("-----BEGIN ", begin + 11);
    }
    return false;
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
