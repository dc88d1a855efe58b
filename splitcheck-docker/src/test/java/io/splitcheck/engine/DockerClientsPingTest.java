package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ping is bounded on its own, not by the client's 30-minute response timeout. */
class DockerClientsPingTest {
  @Test
  void pingError_answersWithinTheTimeout_whenThePeerAcceptsAndNeverAnswers() throws Exception {
    // a peer that accepts the connection, reads the request and never writes a byte
    try (ServerSocket silent = new ServerSocket(0)) {
      List<Socket> held = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept());
                  }
                } catch (Exception e) {
                  // closed by the test
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      DockerClient client = DockerClients.forHost("tcp://127.0.0.1:" + silent.getLocalPort());
      long start = System.nanoTime();
      String error = DockerClients.pingError(client, Duration.ofSeconds(2));
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertEquals("no answer to GET /_ping within 2 s", error);
      assertTrue(millis < 10_000, "took " + millis + " ms");
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void pingError_namesTheTransportsError_whenNothingListens() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String error = DockerClients.pingError(DockerClients.forHost("tcp://127.0.0.1:" + port));
    assertTrue(error != null && error.contains("127.0.0.1"), error);
  }
}
