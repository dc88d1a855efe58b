package io.splitcheck.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** {@link ImageStore} over docker-java. */
public final class DockerImageStore implements ImageStore {
  private final DockerClient docker;
  private final String host;

  public DockerImageStore(DockerClient docker) {
    this(docker, DockerClients.hostOf(null));
  }

  /**
   * @param host the URL {@code docker} talks to: only a {@code unix://} engine's store is read
   *     directly
   */
  public DockerImageStore(DockerClient docker, String host) {
    this.docker = docker;
    this.host = host;
  }

  @Override
  public Optional<ImageInfo> inspect(String imageRef) throws EngineException {
    try {
      InspectImageResponse r = docker.inspectImageCmd(imageRef).exec();
      List<String> diffIds =
          r.getRootFS() == null || r.getRootFS().getLayers() == null
              ? List.of()
              : r.getRootFS().getLayers();
      return Optional.of(
          new ImageInfo(
              r.getId(),
              nullToEmpty(r.getRepoTags()),
              nullToEmpty(r.getRepoDigests()),
              diffIds,
              r.getSize() == null ? 0 : r.getSize(),
              r.getArch()));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new EngineException("GET /images/" + imageRef + "/json failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<StoredLayers> storedLayers(String imageRef) throws EngineException {
    if (!host.startsWith("unix://")) {
      return Optional.empty();
    }
    JsonNode r;
    try {
      r = EngineApi.of(docker).get("/images/" + imageRef + "/json");
    } catch (EngineApi.Status e) {
      if (e.notFound()) {
        return Optional.empty();
      }
      throw e;
    }
    return OverlayStore.layers(r);
  }

  @Override
  public InputStream save(String imageRef) throws EngineException {
    try {
      return docker.saveImageCmd(imageRef).exec();
    } catch (NotFoundException e) {
      throw new EngineException(
          "GET /images/"
              + imageRef
              + "/get: no such image on the engine "
              + "(splitcheck never pulls; build or load it first)",
          e);
    } catch (RuntimeException e) {
      throw new EngineException("GET /images/" + imageRef + "/get failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void load(InputStream tar) throws EngineException {
    Shutdown.creating(
        "POST /images/load",
        () -> {
          try {
            return docker.loadImageCmd(tar).exec();
          } catch (RuntimeException e) {
            throw new EngineException("POST /images/load failed: " + e.getMessage(), e);
          }
        });
  }

  @Override
  public void tag(String image, String repoTag) throws EngineException {
    int colon = repoTag.lastIndexOf(':');
    if (colon <= 0 || repoTag.indexOf('/', colon) >= 0) {
      throw new IllegalArgumentException("tag '" + repoTag + "': expected REPOSITORY:TAG");
    }
    try {
      docker
          .tagImageCmd(image, repoTag.substring(0, colon), repoTag.substring(colon + 1))
          .withForce(true)
          .exec();
    } catch (RuntimeException e) {
      throw new EngineException(
          "POST /images/" + image + "/tag?repo=" + repoTag + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean answers() {
    return DockerClients.answers(docker);
  }

  @Override
  public void remove(String imageRef) throws EngineException {
    try {
      docker.removeImageCmd(imageRef).withForce(true).withNoPrune(false).exec();
    } catch (NotFoundException e) {
      // already gone
    } catch (RuntimeException e) {
      throw new EngineException("DELETE /images/" + imageRef + " failed: " + e.getMessage(), e);
    }
  }

  private static List<String> nullToEmpty(List<String> l) {
    return l == null ? List.of() : l;
  }
}
