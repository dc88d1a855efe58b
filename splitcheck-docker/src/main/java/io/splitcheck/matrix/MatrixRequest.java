package io.splitcheck.matrix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one security matrix is to run, before anything is checked: the one way to ask for a matrix
 * ({@code splitcheck matrix}, the scenario suite, the Maven goal, the fluent API), built with
 * {@link #builder(String)}; {@link MatrixCheck#prepare} checks it before any engine is contacted.
 * Every option but the image is optional, with the defaults the builder's methods name.
 */
public final class MatrixRequest {
  private final String image;
  private final List<String> configs;
  private final Map<String, Path> profiles;
  private final Map<String, String> derives;
  private final String baseline;
  private final TraceMode trace;
  private final Duration timeout;
  private final int jobs;
  private final List<String> command;
  private final Path defaultProfile;
  private final TracerChoice tracer;
  private final CellOverrides overrides;
  private final List<String> pods;

  private MatrixRequest(Builder b) {
    image = b.image;
    configs = List.copyOf(b.configs);
    profiles = Collections.unmodifiableMap(new LinkedHashMap<>(b.profiles));
    derives = Collections.unmodifiableMap(new LinkedHashMap<>(b.derives));
    baseline = b.baseline;
    trace = b.trace;
    timeout = b.timeout;
    jobs = b.jobs;
    command = List.copyOf(b.command);
    defaultProfile = b.defaultProfile;
    tracer = b.tracer;
    overrides = b.overrides;
    pods = List.copyOf(b.pods);
  }

  /** A request to run {@code image}, a local image (never pulled). */
  public static Builder builder(String image) {
    return new Builder(image);
  }

  public String image() {
    return image;
  }

  /** The cells to run, in this order; empty: the built-in ones. */
  public List<String> configs() {
    return configs;
  }

  /** Cell name to profile file, in order. */
  public Map<String, Path> profiles() {
    return profiles;
  }

  /** Cell name to derivation expression or named derivation, in order. */
  public Map<String, String> derives() {
    return derives;
  }

  /** The baseline cell; null: the first config, else unconfined. */
  public String baseline() {
    return baseline;
  }

  public TraceMode trace() {
    return trace;
  }

  public Duration timeout() {
    return timeout;
  }

  public int jobs() {
    return jobs;
  }

  /** Replaces the image's cmd; empty keeps it. */
  public List<String> command() {
    return command;
  }

  /** The engine default profile file {@code derives} start from, or null to locate it. */
  public Path defaultProfile() {
    return defaultProfile;
  }

  public TracerChoice tracer() {
    return tracer;
  }

  /** {@code --user}/{@code --limit}/{@code --tmpfs}, applied to every cell but the baseline. */
  public CellOverrides overrides() {
    return overrides;
  }

  /** One cell per {@code FILE[#CONTAINER]} Kubernetes manifest, after the custom cells. */
  public List<String> pods() {
    return pods;
  }

  /** A builder holding this request's options, to change some of them. */
  public Builder toBuilder() {
    return new Builder(image)
        .configs(configs)
        .profiles(profiles)
        .derives(derives)
        .baseline(baseline)
        .trace(trace)
        .timeout(timeout)
        .jobs(jobs)
        .command(command)
        .defaultProfile(defaultProfile)
        .tracer(tracer)
        .overrides(overrides)
        .pods(pods);
  }

  /** Fluent options; each method replaces what an earlier call of it set. */
  public static final class Builder {
    private String image;
    private List<String> configs = List.of();
    private Map<String, Path> profiles = new LinkedHashMap<>();
    private Map<String, String> derives = new LinkedHashMap<>();
    private String baseline;
    private TraceMode trace = TraceMode.AUTO;
    private Duration timeout = MatrixOptions.DEFAULT_TIMEOUT;
    private int jobs = MatrixOptions.defaultJobs();
    private List<String> command = List.of();
    private Path defaultProfile;
    private TracerChoice tracer = TracerChoice.PTRACE;
    private CellOverrides overrides = CellOverrides.NONE;
    private List<String> pods = List.of();

    private Builder(String image) {
      this.image = Objects.requireNonNull(image, "image");
    }

    public Builder image(String newImage) {
      this.image = Objects.requireNonNull(newImage, "image");
      return this;
    }

    public Builder configs(List<String> newConfigs) {
      this.configs = List.copyOf(newConfigs);
      return this;
    }

    public Builder profiles(Map<String, Path> newProfiles) {
      this.profiles = new LinkedHashMap<>(newProfiles);
      return this;
    }

    public Builder derives(Map<String, String> newDerives) {
      this.derives = new LinkedHashMap<>(newDerives);
      return this;
    }

    /** Default null: the first config, else unconfined. */
    public Builder baseline(String newBaseline) {
      this.baseline = newBaseline;
      return this;
    }

    /** Default {@link TraceMode#AUTO}. */
    public Builder trace(TraceMode newTrace) {
      this.trace = Objects.requireNonNull(newTrace, "trace");
      return this;
    }

    /** Per run; default {@link MatrixOptions#DEFAULT_TIMEOUT}. */
    public Builder timeout(Duration newTimeout) {
      this.timeout = Objects.requireNonNull(newTimeout, "timeout");
      return this;
    }

    /** Cells at once; default {@link MatrixOptions#defaultJobs()}. */
    public Builder jobs(int newJobs) {
      this.jobs = newJobs;
      return this;
    }

    public Builder command(List<String> newCommand) {
      this.command = List.copyOf(newCommand);
      return this;
    }

    public Builder defaultProfile(Path newDefaultProfile) {
      this.defaultProfile = newDefaultProfile;
      return this;
    }

    /** Default {@link TracerChoice#PTRACE}. */
    public Builder tracer(TracerChoice newTracer) {
      this.tracer = Objects.requireNonNull(newTracer, "tracer");
      return this;
    }

    /** Default {@link CellOverrides#NONE}. */
    public Builder overrides(CellOverrides newOverrides) {
      this.overrides = Objects.requireNonNull(newOverrides, "overrides");
      return this;
    }

    public Builder pods(List<String> newPods) {
      this.pods = List.copyOf(newPods);
      return this;
    }

    public MatrixRequest build() {
      return new MatrixRequest(this);
    }
  }
}
