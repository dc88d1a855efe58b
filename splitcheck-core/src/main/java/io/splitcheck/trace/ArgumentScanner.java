package io.splitcheck.trace;

/**
 * Finds the parenthesis that closes a syscall's argument list, skipping strace's quoted strings
 * (with backslash escapes) and nested {@code () [] {}}.
 */
final class ArgumentScanner {

    private ArgumentScanner() {
    }

    /**
     * Returns the index in {@code text} of the {@code ')'} closing the argument list that starts at
     * {@code from} (just after the opening parenthesis), or -1 when the text ends first.
     */
    static int closingParen(String text, int from) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '(', '[', '{' -> depth++;
                case ']', '}' -> depth--;
                case ')' -> {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                }
                default -> {
                }
            }
        }
        return -1;
    }
}
