import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step of the shaded jar (run by the exec plugin after the shade plugin, as a single-file
 * program): raises every class file older than Java 6 (major version 49, picocli's 1.5 target) to
 * version 50. Java 17 keeps pre-6 classes out of a dynamic class-data archive and verifies them at
 * every start with the old inference verifier; version 50 classes are archived, verified once when
 * the archive is dumped. Version 50 accepts the same bytecode as 49 and, without a StackMapTable,
 * fails over to the same inference verifier, so nothing else changes. Usage: java
 * ClassVersions.java JAR
 */
public final class ClassVersions {
  private static final int JAVA_6 = 50;

  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]);
    Path out = jar.resolveSibling(jar.getFileName() + ".tmp");
    int raised = 0;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
        ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] bytes = in.readAllBytes();
        if (e.getName().endsWith(".class") && raise(bytes)) {
          raised++;
        }
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTime(e.getTime());
        zip.putNextEntry(copy);
        zip.write(bytes);
        zip.closeEntry();
      }
    }
    Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("ClassVersions: " + raised + " class file(s) raised to version " + JAVA_6 + " in " + jar);
  }

  /** True when {@code c} was a class file older than version 50 and now is 50. */
  static boolean raise(byte[] c) {
    boolean classFile =
        c.length > 8 && (c[0] & 0xff) == 0xca && (c[1] & 0xff) == 0xfe && (c[2] & 0xff) == 0xba && (c[3] & 0xff) == 0xbe;
    int major = classFile ? ((c[6] & 0xff) << 8) | (c[7] & 0xff) : JAVA_6;
    if (major >= JAVA_6) {
      return false;
    }
    c[6] = 0;
    c[7] = (byte) JAVA_6;
    return true;
  }
}
