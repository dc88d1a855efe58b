package io.splitcheck.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test that needs a real Docker engine. Without one it is skipped with the reason,
 * unless {@code SPLITCHECK_REQUIRE_ENGINE=1} (CI, nightly), where it fails instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EngineCondition.class)
public @interface RequiresEngine {}
