package io.splitcheck.tracer;

import io.splitcheck.engine.EngineException;
import io.splitcheck.tracer.DaemonProtocol.Closed;
import io.splitcheck.tracer.DaemonProtocol.Hello;
import io.splitcheck.tracer.DaemonProtocol.Opened;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client of the host's tracer daemon: each traced cell is one connection (OPEN, then CLOSE with
 * its records), so a run that dies mid-cell leaves the daemon a closed connection, on which it
 * drops the cell. {@link #connect} answers only when the daemon does, within a second.
 */
public final class DaemonClient implements CellTracer {
  private static final long HELLO_MILLIS = 1000;
  private final Path socket;
  private final Hello hello;

  private DaemonClient(Path socket, Hello hello) {
    this.socket = socket;
    this.hello = hello;
  }

  /**
   * The daemon of {@code state} when it answers; empty when none runs or it does not answer within
   * a second.
   */
  public static Optional<DaemonClient> connect(DaemonState state) {
    if (!Files.exists(state.socket())) {
      return Optional.empty();
    }
    try (Connection c = new Connection(state.socket())) {
      CompletableFuture<Void> timer =
          CompletableFuture.runAsync(
              c::close, CompletableFuture.delayedExecutor(HELLO_MILLIS, TimeUnit.MILLISECONDS));
      try {
        Hello h = Hello.parse(c.ask("HELLO " + DaemonProtocol.VERSION));
        return Optional.of(new DaemonClient(state.socket(), h));
      } finally {
        timer.cancel(false);
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** What the daemon said when this client connected. */
  public Hello hello() {
    return hello;
  }

  /** Asks the daemon to stop; returns once it answered. */
  public void stop() throws EngineException {
    try (Connection c = new Connection(socket)) {
      c.ask("STOP");
    } catch (IOException e) {
      throw new EngineException("STOP to the tracer daemon at " + socket + " failed: " + e, e);
    }
  }

  @Override
  public TracedCell cell(String name) throws EngineException {
    Connection c = null;
    try {
      c = new Connection(socket);
      Opened o = Opened.parse(c.ask("OPEN " + name));
      Connection conn = c;
      return new TracedCell(records(conn), o.cgroupParent(), o.id(), conn::close);
    } catch (IOException | RuntimeException e) {
      if (c != null) {
        c.close();
      }
      throw new EngineException(
          "OPEN " + name + " to the tracer daemon at " + socket + " failed: " + e.getMessage(), e);
    }
  }

  private TracedCell.Collect records(Connection c) {
    return id -> {
      try {
        Closed head = Closed.parse(c.ask("CLOSE " + id));
        List<String> lines = new ArrayList<>(head.count());
        for (int i = 0; i < head.count(); i++) {
          String l = c.in.readLine();
          if (l == null) {
            throw new IOException("the daemon's answer ended after " + i + " of " + head.count());
          }
          lines.add(l);
        }
        EbpfTracer.countTraced();
        return new BpfOutput.Records(lines, head.dropped(), head.lost());
      } catch (IOException | RuntimeException e) {
        throw new EngineException(
            "CLOSE " + id + " to the tracer daemon at " + socket + " failed: " + e.getMessage(), e);
      }
    };
  }

  /** One connection to the control socket: a request line out, the reply's first line back. */
  private static final class Connection implements AutoCloseable {
    private final SocketChannel ch;
    private final BufferedReader in;
    private final Writer out;

    Connection(Path socket) throws IOException {
      ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        ch.connect(UnixDomainSocketAddress.of(socket));
      } catch (IOException e) {
        ch.close();
        throw e;
      }
      in =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
      out =
          new BufferedWriter(
              new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8));
    }

    String ask(String line) throws IOException {
      out.write(line);
      out.write('\n');
      out.flush();
      return in.readLine();
    }

    @Override
    public void close() {
      try {
        ch.close();
      } catch (IOException e) {
        // gone already
      }
    }
  }
}
