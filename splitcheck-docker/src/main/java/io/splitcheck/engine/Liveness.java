package io.splitcheck.engine;

/**
 * Whether the process that created an object still runs, and why that is known (or not).
 *
 * @param state alive, dead (proven), or unknown (only {@code gc --older-than} may remove it)
 * @param why a phrase for {@code gc}'s output
 */
public record Liveness(State state, String why) {
  public enum State {
    ALIVE,
    DEAD,
    UNKNOWN
  }

  static Liveness alive(String why) {
    return new Liveness(State.ALIVE, why);
  }

  static Liveness dead(String why) {
    return new Liveness(State.DEAD, why);
  }

  public static Liveness unknown(String why) {
    return new Liveness(State.UNKNOWN, why);
  }

  public boolean dead() {
    return state == State.DEAD;
  }
}
