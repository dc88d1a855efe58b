package io.splitcheck.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import io.splitcheck.engine.DockerClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A second dockerd next to the shared engine, for the tests that spread cells over two engines.
 * Started once per test JVM, by the first class annotated {@link Needed}, and stopped when the
 * whole test run ends. Its own socket, data root ({@code vfs}), exec root and pid file under {@code
 * /tmp}, and a bridge of its own: started with {@code --bridge none}, dockerd deletes the host's
 * {@code docker0}, which the first engine's containers need. Skipped (assumption) when this host
 * cannot start one (not root, no dockerd). A test class asks for it as a parameter of its
 * {@code @BeforeAll} or test methods.
 */
public final class SecondEngine implements ExtensionContext.Store.CloseableResource {
  /** The class needs the second engine: resolves {@link SecondEngine} parameters. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @ExtendWith(Extension.class)
  public @interface Needed {}

  private static final long PID = ProcessHandle.current().pid();
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(SecondEngine.class);
  private final Path root;
  private final String bridge;
  private final String host;
  private final Process dockerd;

  private SecondEngine(Path root, String bridge, Process dockerd) {
    this.root = root;
    this.bridge = bridge;
    this.host = "unix://" + root.resolve("d.sock");
    this.dockerd = dockerd;
  }

  /** Its URL, {@code unix:///tmp/sc-e2-<pid>/d.sock}. */
  public String host() {
    return host;
  }

  /** The same engine over TCP with mutual TLS: {@code tcp://127.0.0.1:<port>}. */
  public String tlsHost() {
    return "tcp://127.0.0.1:" + TLS_PORT;
  }

  /**
   * What a client needs for {@link #tlsHost()}, as docker-java and the docker CLI read it from
   * {@code DOCKER_CERT_PATH}: {@code ca.pem}, {@code cert.pem}, {@code key.pem}.
   */
  public Path certPath() {
    return root.resolve("tls");
  }

  private static final int TLS_PORT = 20000 + (int) (PID % 10000);

  /** A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
  private static void certificates(Path tls) throws IOException, InterruptedException {
    Files.createDirectories(tls);
    sh(
        "cd "
            + tls
            + " && openssl genrsa -out ca-key.pem 2048 2>/dev/null"
            + " && openssl req -new -x509 -days 2 -key ca-key.pem -subj /CN=splitcheck-test-ca -out ca.pem"
            + " && openssl genrsa -out server-key.pem 2048 2>/dev/null"
            + " && openssl req -new -key server-key.pem -subj /CN=127.0.0.1 -out server.csr"
            + " && printf 'subjectAltName=IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n' > server.ext"
            + " && openssl x509 -req -days 2 -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial"
            + " -out server-cert.pem -extfile server.ext 2>/dev/null"
            + " && openssl genrsa -out key.pem 2048 2>/dev/null"
            + " && openssl req -new -key key.pem -subj /CN=splitcheck-test-client -out client.csr"
            + " && printf 'extendedKeyUsage=clientAuth\\n' > client.ext"
            + " && openssl x509 -req -days 2 -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial"
            + " -out cert.pem -extfile client.ext 2>/dev/null");
  }

  /** {@code docker save TAG | docker -H HOST load}: an image of the shared engine into this one. */
  public void load(String tag) throws IOException, InterruptedException {
    sh(
        BusyboxImage.DOCKER
            + " save "
            + tag
            + " | "
            + BusyboxImage.DOCKER
            + " -H "
            + host
            + " load");
  }

  /** Runs {@code docker -H HOST ARGS} and returns its output. */
  public String docker(String args) throws IOException, InterruptedException {
    return sh(BusyboxImage.DOCKER + " -H " + host + " " + args);
  }

  private static SecondEngine start() throws IOException, InterruptedException {
    Path root = Path.of("/tmp/sc-e2-" + PID);
    String bridge = "sce2" + PID % 100000;
    Files.createDirectories(root);
    // a /24 of its own per test JVM, so two sessions' second engines do not share a subnet
    sh(
        "ip link add "
            + bridge
            + " type bridge && ip addr add 172.31."
            + (200 + PID % 50)
            + ".1/24 dev "
            + bridge
            + " && ip link set "
            + bridge
            + " up");
    Path tls = root.resolve("tls");
    certificates(tls);
    Process p =
        new ProcessBuilder(
                "/usr/sbin/dockerd",
                "--host",
                "unix://" + root.resolve("d.sock"),
                "--host",
                "tcp://127.0.0.1:" + TLS_PORT,
                "--tlsverify",
                "--tlscacert",
                tls.resolve("ca.pem").toString(),
                "--tlscert",
                tls.resolve("server-cert.pem").toString(),
                "--tlskey",
                tls.resolve("server-key.pem").toString(),
                "--data-root",
                root.resolve("data").toString(),
                "--exec-root",
                root.resolve("exec").toString(),
                "--pidfile",
                root.resolve("pid").toString(),
                "--bridge",
                bridge,
                "--iptables=false",
                "--ip-masq=false",
                "--storage-driver",
                "vfs")
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("dockerd.log").toFile())
            .start();
    SecondEngine engine = new SecondEngine(root, bridge, p);
    try {
      engine.awaitAnswer();
    } catch (RuntimeException | Error e) {
      engine.close();
      throw e;
    }
    return engine;
  }

  private void awaitAnswer() {
    try {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                if (!dockerd.isAlive()) {
                  throw new AssertionError("second dockerd exited: " + log());
                }
                try (DockerClient c = DockerClients.forHost(host)) {
                  return Files.exists(root.resolve("d.sock")) && DockerClients.answers(c);
                }
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("second dockerd did not answer within 60 s: " + log(), e);
    }
  }

  private String log() {
    try {
      return Files.readString(root.resolve("dockerd.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM to the one dockerd this started, then its bridge and folder go. */
  @Override
  public void close() throws IOException, InterruptedException {
    dockerd.destroy();
    if (!dockerd.waitFor(60, TimeUnit.SECONDS)) {
      dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    sh("ip link delete " + bridge + " || true");
    sh("rm -rf " + root);
  }

  private static String sh(String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("bash", "-c", "set -o pipefail; " + command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(command + " failed: " + out);
    }
    return out;
  }

  /**
   * Starts the shared second engine for the first class that needs it; resolves it as a parameter.
   */
  static final class Extension implements BeforeAllCallback, ParameterResolver {
    @Override
    public void beforeAll(ExtensionContext context) {
      assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dockerd")), "no dockerd to start");
      assumeTrue("root".equals(System.getProperty("user.name")), "starting dockerd needs root");
      shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
      return p.getParameter().getType() == SecondEngine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext context) {
      return shared(context);
    }

    private static SecondEngine shared(ExtensionContext context) {
      return context
          .getRoot()
          .getStore(NS)
          .getOrComputeIfAbsent(
              SecondEngine.class,
              k -> {
                try {
                  return start();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException(e);
                }
              },
              SecondEngine.class);
    }
  }
}
