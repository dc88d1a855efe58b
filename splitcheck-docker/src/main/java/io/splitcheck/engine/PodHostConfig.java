package io.splitcheck.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Maps a cell's {@link PodSettings} onto {@code POST /containers/create}: User, Env and WorkingDir
 * on the body; GroupAdd, CapAdd/CapDrop, Memory/MemorySwap, PidsLimit, NanoCpus and Tmpfs on the
 * host config. Applied after the matrix's own settings, so a deliberate limit replaces a default
 * one.
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
      var drop = host.has("CapDrop") ? (ArrayNode) host.get("CapDrop") : host.putArray("CapDrop");
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
      ObjectNode tmpfs =
          host.has("Tmpfs") ? (ObjectNode) host.get("Tmpfs") : host.putObject("Tmpfs");
      pod.tmpfs().forEach(tmpfs::put);
    }
  }

  /**
   * Each emptyDir as a fresh tmpfs volume of the local driver, carrying the container's labels (the
   * run's scope removes it), mounted with {@code NoCopy}: empty and mode 1777 whatever the image
   * holds at that path (a {@code Tmpfs} entry would get the image directory's mode from runc).
   */
  static void applyMounts(ObjectNode host, ContainerSpec spec) {
    PodSettings pod = spec.security().pod();
    if (pod.emptyDirs().isEmpty()) {
      return;
    }
    var mounts = host.putArray("Mounts");
    String run = spec.labels().getOrDefault(Labels.RUN, "unlabelled");
    pod.emptyDirs()
        .forEach(
            (path, options) -> {
              ObjectNode m = mounts.addObject();
              m.put("Type", "volume");
              m.put("Source", "splitcheck-" + run + "-emptydir-" + UUID.randomUUID());
              m.put("Target", path);
              ObjectNode v = m.putObject("VolumeOptions");
              v.put("NoCopy", true);
              ObjectNode labels = v.putObject("Labels");
              new TreeMap<>(spec.labels()).forEach(labels::put);
              ObjectNode driver = v.putObject("DriverConfig");
              driver.put("Name", "local");
              ObjectNode o = driver.putObject("Options");
              o.put("type", "tmpfs");
              o.put("device", "tmpfs");
              o.put("o", options);
            });
  }
}
