package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor r = Redactor.standard();

  @Test
  void redact_blanksValue_whenEnvNameLooksSecret() {
    assertEquals(
        "ENV API_TOKEN=[REDACTED] PATH=/bin", r.redact("ENV API_TOKEN=s3cr3t-value PATH=/bin"));
    assertEquals("DB_PASSWORD=[REDACTED]", r.redact("DB_PASSWORD=hunter2"));
    assertEquals("github_auth_header=[REDACTED]", r.redact("github_auth_header=Bearer123"));
    assertEquals(
        "aws_secret_access_key=[REDACTED]",
        r.redact("aws_secret_access_key=wJalrXUtnFEMI/K7MDENG"));
  }

  @Test
  void redact_keepsJsonValid_whenValueIsInsideJsonString() {
    assertEquals(
        "{\"Env\":[\"API_TOKEN=[REDACTED]\",\"HOME=/root\"]}",
        r.redact("{\"Env\":[\"API_TOKEN=abc123def\",\"HOME=/root\"]}"));
    assertEquals(
        "{\"password\": \"[REDACTED]\", \"user\": \"bob\"}",
        r.redact("{\"password\": \"p\\\"w d\", \"user\": \"bob\"}"));
  }

  @Test
  void redact_stopsAtMarkup_butNotAtAnAmpersandOfTheValue() {
    assertEquals("<td>SESSION_SECRET=[REDACTED]</td>", r.redact("<td>SESSION_SECRET=abcdef</td>"));
    assertEquals(
        "SESSION_SECRET=[REDACTED]",
        r.redact("SESSION_SECRET=abc&def"),
        "values are redacted before markup");
  }

  @Test
  void redact_blanksCredentialShapes_whateverTheirName() {
    assertEquals("key [REDACTED] here", r.redact("key AKIAIOSFODNN7EXAMPLE here"));
    assertEquals("t=[REDACTED]", r.redact("t=ghp_" + "a".repeat(36)));
    assertEquals(
        "[REDACTED]\nafter",
        r.redact("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\nafter"));
  }

  @Test
  void redact_leavesOrdinaryText_whenNothingLooksSecret() {
    String text =
        "exit 3 under prod: getrandom/EPERM; TOKENIZER=off? no: MODE=fast, path=/usr/bin/tokenize";
    assertEquals(text.replace("TOKENIZER=off? no:", "TOKENIZER=[REDACTED]"), r.redact(text));
    assertEquals(
        "audit rule secret.env found 2 values", r.redact("audit rule secret.env found 2 values"));
    assertNull(r.redact(null));
  }

  @Test
  void redact_blanksLiteralSecrets_whenCallerKnowsThem() {
    Redactor withSecret = r.withLiterals(List.of("correct-horse-battery\n", "abc"));
    assertEquals("log: [REDACTED] abc", withSecret.redact("log: correct-horse-battery abc"));
  }

  @Test
  void redact_blanksTheWholeValue_whenItHasSpacesCommasSemicolonsOrQuotes() {
    assertEquals("DB_PASSWORD=[REDACTED]", r.redact("DB_PASSWORD=correct horse battery staple"));
    assertEquals(
        "DB_PASSWORD=[REDACTED] PATH=/bin", r.redact("DB_PASSWORD=correct horse PATH=/bin"));
    assertEquals(
        "SERVICE_API_KEY=[REDACTED]", r.redact("SERVICE_API_KEY=[a1b2],comma-and;semicolon-tail"));
    assertEquals(
        "DB_PASSWORD=\"[REDACTED]\" next", r.redact("DB_PASSWORD=\"horse \\\" battery\" next"));
    assertEquals("API_TOKEN='[REDACTED]'", r.redact("API_TOKEN='horse battery'"));
    assertEquals(
        "curl -H \"Authorization: Bearer [REDACTED]\" x",
        r.redact("curl -H \"Authorization: Bearer eyJhbGciOi.J9.sig\" x"));
    assertEquals(
        "login --password [REDACTED] --user bob", r.redact("login --password hunter2 --user bob"));
    assertEquals("login --db-password=[REDACTED]", r.redact("login --db-password=hunter2"));
    assertEquals("login --password \"[REDACTED]\"", r.redact("login --password \"two words\""));
  }

  @Test
  void redact_blanksOnlyTheKeyLines_whenAKeyBlockHasNoEndLine() {
    String text =
        "before\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nQUFBQQ==\n"
            + "exit 3: done\n\"}]} trailing";
    assertEquals("before\n[REDACTED]\nexit 3: done\n\"}]} trailing", r.redact(text));
    assertEquals("x [REDACTED] y", r.redact("x -----BEGIN RSA PRIVATE KEY----- y"));
  }

  @Test
  void rememberedSecrets_areBlankedByEveryRedactor_asWholeValueAndLineByLine() {
    Redactor.rememberSecrets(List.of("first-line-of-secret\nsecond-line-xyz\n"));
    assertEquals(
        "[REDACTED] and [REDACTED]",
        Redactor.standard().redact("first-line-of-secret and second-line-xyz"));
  }

  @Test
  void redact_isIdempotent() {
    String once =
        r.redact(
            "API_KEY=xyz123 {\"token\": \"t0k3n\"} AKIAIOSFODNN7EXAMPLE --password \"a b\" "
                + "X_TOKEN='q r' Bearer abcdefgh");
    assertEquals(once, r.redact(once));
    assertFalse(once.contains("xyz123") || once.contains("t0k3n") || once.contains("AKIA"));
  }
}
