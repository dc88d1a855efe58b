package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeccompProfileTest {

  @Test
  void parse_readsEngineDefaultProfile() {
    SeccompProfile p = Fixtures.engineDefault();

    assertEquals(SeccompActions.ERRNO, p.defaultAction());
    assertNull(p.defaultErrnoRet());
    assertEquals("SCMP_ARCH_X86_64", p.archMap().get(0).architecture());
    assertEquals(List.of("SCMP_ARCH_X86", "SCMP_ARCH_X32"), p.archMap().get(0).subArchitectures());
    SyscallRule first = p.rules().get(0);
    assertEquals(SeccompActions.ALLOW, first.action());
    assertTrue(first.names().contains("getrandom"));
    SyscallRule clone3 =
        p.rules().stream()
            .filter(r -> r.names().equals(List.of("clone3")))
            .findFirst()
            .orElseThrow();
    assertEquals(38, clone3.errnoRet());
    assertEquals(List.of("CAP_SYS_ADMIN"), clone3.excludes().caps());
  }

  @Test
  void toJson_roundTripsAndIsStable() {
    SeccompProfile p = Fixtures.engineDefault();

    String json = p.toJson();
    SeccompProfile again = SeccompProfile.parse(json, "round-trip");
    assertEquals(p, again);
    assertEquals(json, again.toJson());
    assertTrue(json.endsWith("}\n"));
    assertTrue(
        json.startsWith("{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"archMap\": [\n"),
        json.substring(0, 80));
  }

  @Test
  void parse_readsSingleNameArgsAndUnsignedValues() {
    SeccompProfile p =
        SeccompProfile.parse(
            """
                {"defaultAction": "SCMP_ACT_ALLOW", "defaultErrnoRet": 38, "architectures": ["SCMP_ARCH_X86_64"],
                 "syscalls": [{"name": "personality", "action": "SCMP_ACT_ERRNO",
                   "args": [{"index": 0, "value": 18446744073709551615, "valueTwo": 0, "op": "SCMP_CMP_NE"}]}]}
                """,
            "inline");

    assertEquals(38, p.defaultErrnoRet());
    assertEquals(List.of("personality"), p.rules().get(0).names());
    assertEquals(-1L, p.rules().get(0).args().get(0).value());
    assertTrue(p.toJson().contains("\"value\": 18446744073709551615"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"defaultAction\": |invalid JSON at line 1",
        "[1, 2]|the document is not a JSON object",
        "{\"syscalls\": []}|missing field 'defaultAction', expected one of SCMP_ACT_ALLOW",
        "{\"defaultAction\": \"SCMP_ACT_DENY\"}|defaultAction 'SCMP_ACT_DENY' is not a seccomp action, expected one of",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": \"1\"}|defaultErrnoRet is string \"1\", expected a non-negative integer",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": \"read\", \"action\": \"SCMP_ACT_ALLOW\"}]}|syscalls[0].names is string \"read\", expected an array",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALOW\"}]}|syscalls[0].action 'SCMP_ACT_ALOW' is not a seccomp action",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"]}]}|missing field 'syscalls[0].action'",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"name\": \"a\", \"names\": [\"b\"], \"action\": \"SCMP_ACT_ALLOW\"}]}|syscalls[0] has both 'name' and 'names'",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"action\": \"SCMP_ACT_ALLOW\"}]}|syscalls[0] names no syscall",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [\"SCMP_ARCH_X86_64\"], \"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\"}]}|both 'architectures' and 'archMap' are given",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoret\": 1}|the profile has unknown field 'defaultErrnoret'",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 6, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}]}|syscalls[0].args[0].index 6 is out of range",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"EQ\"}]}]}|syscalls[0].args[0].op 'EQ' is not a comparison",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"minKernel\": \"4\"}}]}|syscalls[0].includes.minKernel '4' is not a kernel version",
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": -1}]}|syscalls[0].errnoRet is number -1, expected a non-negative integer",
      })
  void parse_rejectsBadProfile_namingSourceFieldAndExpectation(String json, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SeccompProfile.parse(json, "bad.json"));

    assertTrue(
        e.getMessage().startsWith("Error parsing seccomp profile 'bad.json': "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().contains(", expected "), e.getMessage());
  }
}
