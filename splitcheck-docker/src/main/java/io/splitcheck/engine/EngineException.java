package io.splitcheck.engine;

/**
 * A failure at the engine boundary: the message quotes the API call or command and the engine's or
 * process's own error text.
 */
public class EngineException extends Exception {
  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
