package io.splitcheck.seccomp;

/**
 * One {@code args[]} condition: compare syscall argument {@code index} with {@code value} (and
 * {@code valueTwo} for {@code SCMP_CMP_MASKED_EQ}: {@code (arg & value) == valueTwo}). Values are
 * unsigned 64-bit.
 */
public record ArgFilter(int index, long value, long valueTwo, String op) {

  /**
   * Whether argument value {@code arg} satisfies this condition (unsigned comparison, as the kernel
   * does).
   */
  public boolean matches(long arg) {
    return switch (op) {
      case "SCMP_CMP_EQ" -> arg == value;
      case "SCMP_CMP_NE" -> arg != value;
      case "SCMP_CMP_LT" -> Long.compareUnsigned(arg, value) < 0;
      case "SCMP_CMP_LE" -> Long.compareUnsigned(arg, value) <= 0;
      case "SCMP_CMP_GT" -> Long.compareUnsigned(arg, value) > 0;
      case "SCMP_CMP_GE" -> Long.compareUnsigned(arg, value) >= 0;
      case "SCMP_CMP_MASKED_EQ" -> (arg & value) == valueTwo;
      default -> throw new IllegalStateException("unknown op " + op);
    };
  }

  /** {@code arg0 == 0x8}, for reasons and reports. */
  public String describe() {
    String v = "0x" + Long.toHexString(value);
    return switch (op) {
      case "SCMP_CMP_EQ" -> "arg" + index + " == " + v;
      case "SCMP_CMP_NE" -> "arg" + index + " != " + v;
      case "SCMP_CMP_LT" -> "arg" + index + " < " + v;
      case "SCMP_CMP_LE" -> "arg" + index + " <= " + v;
      case "SCMP_CMP_GT" -> "arg" + index + " > " + v;
      case "SCMP_CMP_GE" -> "arg" + index + " >= " + v;
      default -> "(arg" + index + " & " + v + ") == 0x" + Long.toHexString(valueTwo);
    };
  }
}
