package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.DockerImageStore;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.k8s.PathOrigin;
import io.splitcheck.testing.RequiresEngine;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Which layer and step made a path, read from the engine's overlay2 store and through {@code docker
 * save}: the same answers, for a path the base made, one a RUN chowned, one a RUN removed (a
 * whiteout) and one under a directory a RUN replaced (opaque).
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageOriginsIT {
  private static final String TAG = "splitcheck-test/origins:it-" + ProcessHandle.current().pid();
  private static final String DOCKERFILE =
      """
      FROM splitcheck/debian:bookworm
      RUN mkdir -p /opt/z && chown 123:456 /opt/z && chmod 1777 /opt/z
      RUN rm -f /etc/debian_version && rm -rf /usr/share/doc && mkdir /usr/share/doc && touch /var/cache/x
      """;
  private static final List<String> PATHS =
      List.of(
          "/var/cache",
          "/opt/z",
          "/etc/debian_version",
          "/usr/share/doc",
          "/usr/share/doc/bash",
          "/nowhere");
  private final DockerImageStore images = new DockerImageStore(DockerClients.fromEnvironment());

  @BeforeAll
  void build() throws Exception {
    Path ctx = Files.createTempDirectory("splitcheck-origins-it-");
    try {
      Files.writeString(ctx.resolve("Dockerfile"), DOCKERFILE);
      ProbeImages.exec(ctx, List.of("/usr/bin/docker", "build", "-q", "-t", TAG, "."));
    } finally {
      Files.delete(ctx.resolve("Dockerfile"));
      Files.delete(ctx);
    }
  }

  @AfterAll
  void remove() throws Exception {
    ProbeImages.exec(Path.of("."), List.of("/usr/bin/docker", "rmi", "-f", TAG));
  }

  @Test
  void theStoreAndDockerSave_giveEachPathTheLayerAndStepThatMadeIt() throws Exception {
    assertTrue(
        images.storedLayers(TAG).isPresent(), "the engine's overlay2 store is readable from here");
    Map<String, PathOrigin> store = ImageOrigins.of(images, TAG).lookup(PATHS);
    Map<String, PathOrigin> saved = ImageOrigins.of(savingOnly(images), TAG).lookup(PATHS);
    assertEquals(store, saved);
    assertEquals(
        0,
        store.get("/var/cache").layer(),
        "the base made it; the RUN that touched x kept it 0755 root");
    assertEquals(
        "RUN mkdir -p /opt/z && chown 123:456 /opt/z && chmod 1777 /opt/z",
        store.get("/opt/z").step());
    assertTrue(store.get("/etc/debian_version").removed());
    assertEquals(2, store.get("/etc/debian_version").layer());
    assertFalse(store.get("/usr/share/doc").removed());
    assertTrue(store.get("/usr/share/doc/bash").removed(), "hidden by the opaque /usr/share/doc");
    assertFalse(store.containsKey("/nowhere"));
  }

  /** The same engine as a store it cannot read directly, so only docker save is left. */
  private static ImageStore savingOnly(DockerImageStore images) {
    return new ImageStore() {
      @Override
      public Optional<ImageInfo> inspect(String ref) throws EngineException {
        return images.inspect(ref);
      }

      @Override
      public InputStream save(String ref) throws EngineException {
        return images.save(ref);
      }

      @Override
      public void load(InputStream tar) {
        throw new UnsupportedOperationException("load");
      }

      @Override
      public void tag(String image, String repoTag) {
        throw new UnsupportedOperationException("tag");
      }

      @Override
      public void remove(String imageRef) {
        throw new UnsupportedOperationException("remove");
      }
    };
  }
}
