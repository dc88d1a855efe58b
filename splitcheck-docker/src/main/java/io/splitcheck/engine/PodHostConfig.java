package io.splitcheck.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Maps a cell's {@link PodSettings} onto {@code POST /containers/create}: User, Env and WorkingDir on
 * the body; GroupAdd, CapAdd/CapDrop, Memory/MemorySwap, PidsLimit, NanoCpus and Tmpfs on the host
 * config. Applied after the matrix's own settings, so a deliberate limit replaces a default one.
 */
final class PodHostConfig {
  private PodHostConfig() {}

  static void applyToBody(ObjectNode body, PodSettings pod) {
    if (pod.user() != null && !pod.user().isEmpty()) {
      body.put("User", pod.user());
    }
    if (!pod.env().isEmpty()) {
      var env = body.putArray("Env");
      pod.env().forEach((k, v) -> env.add(k + "=" + v));
    }
    if (pod.workingDir() != null) {
      body.put("WorkingDir", pod.workingDir());
    }
  }

  static void applyToHost(ObjectNode host, PodSettings pod) {
    if (!pod.groupAdd().isEmpty()) {
      var groups = host.putArray("GroupAdd");
      pod.groupAdd().forEach(groups::add);
    }
    if (!pod.capAdd().isEmpty()) {
      var add = host.putArray("CapAdd");
      pod.capAdd().forEach(add::add);
    }
    if (!pod.capDrop().isEmpty()) {
      var drop = host.has("CapDrop") ? (com.fasterxml.jackson.databind.node.ArrayNode) host.get("CapDrop")
          : host.putArray("CapDrop");
      pod.capDrop().forEach(drop::add);
    }
    PodSettings.Limits l = pod.limits();
    if (l.memoryBytes() != null) {
      host.put("Memory", l.memoryBytes());
      host.put("MemorySwap", l.memoryBytes());
    }
    if (l.pids() != null) {
      host.put("PidsLimit", l.pids());
    }
    if (l.nanoCpus() != null) {
      host.put("NanoCpus", l.nanoCpus());
    }
    if (!pod.tmpfs().isEmpty()) {
      ObjectNode tmpfs = host.has("Tmpfs") ? (ObjectNode) host.get("Tmpfs") : host.putObject("Tmpfs");
      pod.tmpfs().forEach(tmpfs::put);
    }
  }
}
