package io.splitcheck.audit;

import static io.splitcheck.audit.ImageFixture.image;
import static io.splitcheck.audit.ImageFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LeakRulesTest {
  static final String KEY =
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

  private static List<Finding> check(ImageView img) {
    return new LeakRules().check(AuditInput.of(img));
  }

  @Test
  void privateKey_foundByContent_andReportedDeleted_whenALaterLayerRemovesIt() {
    ImageView img =
        image()
            .layer("COPY deploy.pem /root/x # buildkit")
            .file("/root/x", "junk\n" + KEY)
            .layer("RUN rm /root/x # buildkit")
            .whiteout("/root/x")
            .build();
    List<Finding> f = only(check(img), "leak.private-key");
    assertEquals(1, f.size());
    Evidence e = f.get(0).evidence();
    assertEquals("/root/x", e.path());
    assertEquals(0, e.layer());
    assertEquals("COPY deploy.pem /root/x # buildkit", e.step());
    assertTrue(e.deletedInLaterLayer());
    assertTrue(f.get(0).message().contains("deleted or replaced in a later layer"));
  }

  @Test
  void privateKey_notReported_forPublicKeysOrCertificatesByName() {
    ImageView img =
        image()
            .layer("x")
            .file("/root/.ssh/id_rsa.pub", "ssh-rsa AAAA user@host\n")
            .file(
                "/etc/ssl/cert.pem",
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
            .build();
    assertEquals(List.of(), check(img));
  }

  @Test
  void check_reportsEachLeakKind_byPathAndContent() {
    ImageView img =
        image()
            .layer("COPY . /app # buildkit")
            .file("/app/.env", "DB_PASSWORD=x")
            .file("/app/.env.production", "A=b")
            .file("/app/.git/config", "[core]")
            .file("/app/.git/HEAD", "ref: refs/heads/main")
            .file("/root/.aws/credentials", "[default]")
            .file("/root/.kube/config", "apiVersion: v1")
            .file("/app/node_modules/jest/package.json", "{}")
            .file("/app/node_modules/express/package.json", "{}")
            .file("/app/log/production.log", "boot")
            .file("/app/tmp/cache.bin", "x")
            .file("/app/db/data.bin", "SQLite format 3\0 rest")
            .file("/app/dump.sql.gz", 10)
            .file("/app/site.tar.gz", 10)
            .file("/app/config.yml.bak", 10)
            .file("/app/.DS_Store", 10)
            .file("/app/src/main.c~", 10)
            .build();
    Set<String> rules = new TreeSet<>();
    check(img).forEach(f -> rules.add(f.rule() + " " + f.evidence().path()));
    assertEquals(
        new TreeSet<>(
            List.of(
                "leak.env-file /app/.env",
                "leak.env-file /app/.env.production",
                "leak.git-dir /app/.git",
                "leak.cloud-credentials /root/.aws/credentials",
                "leak.cloud-credentials /root/.kube/config",
                "leak.node-modules-dev /app/node_modules/jest",
                "leak.log-dir /app/log/production.log",
                "leak.tmp-dir /app/tmp/cache.bin",
                "leak.sqlite /app/db/data.bin",
                "leak.sql-dump /app/dump.sql.gz",
                "leak.backup /app/site.tar.gz",
                "leak.backup /app/config.yml.bak",
                "leak.junk /app/.DS_Store",
                "leak.junk /app/src/main.c~")),
        rules);
  }

  @Test
  void gitDir_isOneFindingWithSummedSize() {
    ImageView img =
        image().layer("x").file("/src/.git/a", 100).file("/src/.git/objects/b", 50).build();
    List<Finding> f = only(check(img), "leak.git-dir");
    assertEquals(1, f.size());
    assertEquals(150L, f.get(0).evidence().size());
    assertFalse(f.get(0).evidence().deletedInLaterLayer());
  }

  @Test
  void check_ignoresSystemLogsAndPackagedFiles() {
    ImageView img =
        image()
            .layer("x")
            .file("/var/log/apt/history.log", 10)
            .file("/var/log/dpkg.log", 10)
            .file("/usr/share/doc/x/changelog.gz", 10)
            .file("/usr/lib/python3/dist-packages/x.orig", 10)
            .file("/tmp/empty", 0)
            .build();
    assertEquals(List.of(), check(img));
  }
}
