package io.splitcheck.diff;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How two builds of one context relate, from best to worst. */
public enum Verdict {
  /** Same image id. */
  REPRODUCIBLE("reproducible"),
  /** All layers equal; only the image config differs (on BuildKit before v0.11: its timestamps). */
  CONFIG_ONLY("config-only"),
  /** Files equal in content and metadata except their times. */
  MTIME_ONLY("mtime-only"),
  /** Files equal in content; modes, owners, xattrs or entry order differ (and maybe times). */
  METADATA("metadata"),
  /** Files whose bytes differ, or that exist in one build only. */
  CONTENT("content");

  private final String id;

  Verdict(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  /**
   * @throws IllegalArgumentException for anything but the five ids
   */
  @JsonCreator
  public static Verdict of(String id) {
    for (Verdict v : values()) {
      if (v.id.equals(id)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "Error parsing verdict '"
            + id
            + "': expected reproducible, config-only, mtime-only, metadata or content");
  }

  /** The id, as every report writes it. */
  @Override
  public String toString() {
    return id();
  }
}
