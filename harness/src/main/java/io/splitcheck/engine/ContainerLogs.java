package io.splitcheck.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

/** Reads an exited container's stdout and stderr, keeping the first bytes of each. */
final class ContainerLogs {
  private ContainerLogs() {}

  /** {stdout, stderr}; the whole log is streamed but at most {@code cap} bytes of each are kept. */
  static CappedOutput[] read(DockerClient docker, String id, int cap) throws EngineException {
    CappedOutput.Collector out = new CappedOutput.Collector(cap);
    CappedOutput.Collector err = new CappedOutput.Collector(cap);
    try {
      docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(false)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              (frame.getStreamType() == StreamType.STDERR ? err : out).accept(frame.getPayload());
            }
          }).awaitCompletion();
    } catch (DockerException e) {
      throw new EngineException("GET /containers/" + id + "/logs failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("GET /containers/" + id + "/logs interrupted", e);
    }
    return new CappedOutput[] {out.result(), err.result()};
  }
}
