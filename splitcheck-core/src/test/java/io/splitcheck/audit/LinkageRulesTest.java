package io.splitcheck.audit;

import static io.splitcheck.audit.ElfBuilder.elf;
import static io.splitcheck.audit.ImageFixture.image;
import static io.splitcheck.audit.ImageFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.model.Severity;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkageRulesTest {
  private static final String LD = "/lib64/ld-linux-x86-64.so.2";

  static byte[] dynamicExe(String... needed) {
    return elf().type(ElfInfo.ET_DYN).pie().interp(LD).needed(needed).build();
  }

  static byte[] lib(String soname, String... needed) {
    return elf().type(ElfInfo.ET_DYN).soname(soname).needed(needed).build();
  }

  /** A merged-usr glibc layout: /lib -> usr/lib, /lib64 -> usr/lib64, loader and libc present. */
  static ImageFixture glibcBase() {
    return image()
        .layer("ADD rootfs.tar /")
        .dir("/usr")
        .dir("/usr/lib")
        .dir("/usr/lib64")
        .symlink("/lib", "usr/lib")
        .symlink("/lib64", "usr/lib64")
        .dir("/usr/lib/x86_64-linux-gnu")
        .file("/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", lib("ld-linux-x86-64.so.2"))
        .symlink("/usr/lib64/ld-linux-x86-64.so.2", "../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2")
        .file("/usr/lib/x86_64-linux-gnu/libc.so.6", lib("libc.so.6"));
  }

  private static List<Finding> check(ImageView img) {
    return new LinkageRules().check(AuditInput.of(img));
  }

  @Test
  void dynamicInScratch_reportsDynamicBinary_whenImageHasNoLoader() {
    ImageView img =
        image().layer("COPY app /app # buildkit").file("/app", dynamicExe("libc.so.6")).build();
    List<Finding> f = check(img);
    assertEquals(1, f.size(), f.toString());
    assertEquals("linkage.dynamic-in-scratch", f.get(0).rule());
    assertEquals(Severity.ERROR, f.get(0).severity());
    assertEquals("/app", f.get(0).evidence().path());
    assertEquals("COPY app /app # buildkit", f.get(0).evidence().step());
    assertTrue(f.get(0).message().contains("libc.so.6"));
  }

  @Test
  void check_reportsNothing_forStaticAndStaticPieInScratch() {
    ImageView img =
        image()
            .layer("COPY . /")
            .file("/static", elf().build())
            .file("/spie", elf().type(ElfInfo.ET_DYN).pie().build())
            .build();
    assertEquals(List.of(), check(img));
  }

  @Test
  void missingLibrary_resolvesThroughLdSoConfIncludeAndMergedUsrSymlinks() {
    ImageView img =
        glibcBase()
            .file("/etc/ld.so.conf", "include /etc/ld.so.conf.d/*.conf\n")
            .file("/etc/ld.so.conf.d/foo.conf", "# foo\n/opt/foo/lib\n")
            .file("/opt/foo/lib/libfoo.so.1", lib("libfoo.so.1", "libc.so.6"))
            .layer("COPY app /usr/bin/app")
            .file("/usr/bin/app", dynamicExe("libfoo.so.1", "libbar.so.1", "libc.so.6"))
            .build();
    List<Finding> f = check(img);
    List<Finding> missing = only(f, "linkage.missing-library");
    assertEquals(1, missing.size(), f.toString());
    assertTrue(missing.get(0).message().startsWith("needs libbar.so.1"), missing.get(0).message());
    assertTrue(
        missing.get(0).message().contains("/opt/foo/lib"), "search path names the ld.so.conf dir");
    assertEquals(1, missing.get(0).evidence().layer());
    assertEquals(List.of(), only(f, "linkage.unused-library"));
  }

  @Test
  void missingLibrary_isResolvedByRunpathOrigin_andNotByWrongElfClass() {
    ImageView img =
        glibcBase()
            .file(
                "/opt/app/bin/app",
                elf()
                    .type(ElfInfo.ET_DYN)
                    .pie()
                    .interp(LD)
                    .runpath("$ORIGIN/../lib")
                    .needed("libz.so.1", "libq.so.1", "libc.so.6")
                    .build())
            .file("/opt/app/lib/libz.so.1", lib("libz.so.1"))
            .file(
                "/usr/lib/libq.so.1",
                elf().bits32().type(ElfInfo.ET_DYN).soname("libq.so.1").build())
            .build();
    List<Finding> missing = only(check(img), "linkage.missing-library");
    assertEquals(1, missing.size(), missing.toString());
    assertTrue(missing.get(0).message().startsWith("needs libq.so.1"));
  }

  @Test
  void unusedLibrary_reportsLibraryNoElfNeeds_butNotLibcOrNss() {
    ImageView img =
        glibcBase()
            .file(
                "/usr/lib/x86_64-linux-gnu/libgfortran.so.5.0.0",
                lib("libgfortran.so.5", "libc.so.6"))
            .symlink("/usr/lib/x86_64-linux-gnu/libgfortran.so.5", "libgfortran.so.5.0.0")
            .file("/usr/lib/x86_64-linux-gnu/libnss_files.so.2", lib("libnss_files.so.2"))
            .file("/usr/bin/app", dynamicExe("libc.so.6"))
            .build();
    List<Finding> unused = only(check(img), "linkage.unused-library");
    assertEquals(1, unused.size(), unused.toString());
    assertEquals("/usr/lib/x86_64-linux-gnu/libgfortran.so.5.0.0", unused.get(0).evidence().path());
  }

  @Test
  void missingInterpreter_reportsMuslBinaryOnGlibcImage() {
    ImageView img =
        glibcBase()
            .file(
                "/app",
                elf()
                    .type(ElfInfo.ET_DYN)
                    .pie()
                    .interp("/lib/ld-musl-x86_64.so.1")
                    .needed("libc.so")
                    .build())
            .build();
    List<Finding> f = only(check(img), "linkage.missing-interpreter");
    assertEquals(1, f.size());
    assertTrue(f.get(0).message().contains("/lib/ld-musl-x86_64.so.1"));
  }

  @Test
  void entrypointOnly_checksOnlyTheEntrypointAndWhatItLoads() {
    ImageView img =
        glibcBase()
            .file("/usr/bin/other", dynamicExe("libnothere.so.1"))
            .file("/usr/bin/app", dynamicExe("libmiss.so.1", "libc.so.6"))
            .env("PATH=/usr/bin")
            .entrypoint("app")
            .build();
    List<Finding> f = new LinkageRules().check(AuditInput.of(img).withEntrypointOnly(true));
    assertEquals(1, f.size(), f.toString());
    assertEquals("/usr/bin/app", f.get(0).evidence().path());
    assertTrue(f.get(0).message().contains("libmiss.so.1"));
  }

  @Test
  void missingEntrypoint_reportsProgramNotInImage() {
    ImageView img =
        image().layer("x").file("/bin/true", elf().build()).entrypoint("/app", "--serve").build();
    List<Finding> f = only(check(img), "linkage.missing-entrypoint");
    assertEquals(1, f.size());
  }

  @Test
  void unreadableElf_isAnInfoFinding_neverAnException() {
    byte[] full = dynamicExe("libc.so.6");
    ImageView img = glibcBase().file("/usr/bin/cut", Arrays.copyOf(full, 70)).build();
    List<Finding> f = only(check(img), "linkage.unreadable-elf");
    assertEquals(1, f.size());
    assertTrue(
        f.get(0).message().startsWith("Error parsing ELF '/usr/bin/cut'"), f.get(0).message());
    assertEquals(Severity.INFO, f.get(0).severity());
  }

  @Test
  void scriptEntrypoint_reportsMissingShebangInterpreter_andFollowsAPresentOne() {
    ImageView missing =
        image()
            .layer("COPY run.sh /")
            .file("/run.sh", "#!/bin/bash -e\necho hi\n")
            .entrypoint("/run.sh")
            .build();
    List<Finding> f = check(missing);
    assertEquals(
        List.of("linkage.missing-interpreter"),
        f.stream().map(Finding::rule).toList(),
        f.toString());
    assertTrue(f.get(0).message().contains("#!/bin/bash"), f.get(0).message());
    ImageView present =
        glibcBase()
            .file("/usr/bin/bash", dynamicExe("libtinfo.so.6", "libc.so.6"))
            .symlink("/bin", "usr/bin")
            .file("/run.sh", "#!/bin/bash\n")
            .entrypoint("/run.sh")
            .build();
    List<Finding> g = new LinkageRules().check(AuditInput.of(present).withEntrypointOnly(true));
    assertEquals(1, g.size(), g.toString());
    assertEquals("/usr/bin/bash", g.get(0).evidence().path());
    assertTrue(g.get(0).message().startsWith("needs libtinfo.so.6"));
  }

  @Test
  void missingInterpreter_isNotReportedForRunnableLibraries() {
    ImageView img =
        image()
            .layer("COPY --from=build /usr/lib/x86_64-linux-gnu/ /usr/lib/x86_64-linux-gnu/")
            .file("/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", lib("ld-linux-x86-64.so.2"))
            .file(
                "/usr/lib/x86_64-linux-gnu/libc.so.6",
                elf()
                    .type(ElfInfo.ET_DYN)
                    .interp(LD)
                    .soname("libc.so.6")
                    .needed("ld-linux-x86-64.so.2")
                    .build())
            .file("/app", elf().build())
            .build();
    assertEquals(List.of(), only(check(img), "linkage.missing-interpreter"));
  }
}
