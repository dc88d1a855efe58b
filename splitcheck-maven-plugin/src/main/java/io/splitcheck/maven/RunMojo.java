package io.splitcheck.maven;

import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.report.CheckOutcome;
import io.splitcheck.report.ReportWriter;
import io.splitcheck.report.RunReport;
import io.splitcheck.report.ScenarioReport;
import io.splitcheck.scenario.Scenario;
import io.splitcheck.scenario.ScenarioLoader;
import io.splitcheck.suite.SuiteSession;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code splitcheck:run}: runs the scenarios (scenario.yaml folders) and fails the build on every
 * expectation that did not hold, one line per check with what was expected and what happened.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class RunMojo extends AbstractSplitCheckMojo {
  /** A scenario directory, or a folder of them. */
  @Parameter(
      property = "splitcheck.scenarios",
      defaultValue = "${project.basedir}/src/test/splitcheck")
  File scenarios;

  /** Only these scenarios (names); empty for all. */
  @Parameter(property = "splitcheck.only")
  List<String> only = new ArrayList<>();

  @Override
  String goal() {
    return "run";
  }

  @Override
  List<String> check(ConnectedEngine docker) throws EngineException, IOException {
    File dir = resolve(scenarios);
    if (!dir.isDirectory()) {
      throw new IllegalArgumentException("<scenarios> '" + dir + "' is not a directory");
    }
    List<Scenario> selected =
        new ArrayList<>(
            ScenarioLoader.select(
                new ScenarioLoader().load(dir.toPath()), only == null ? List.of() : only));
    selected.sort(Comparator.comparing(Scenario::name));
    Clock clock = Clock.systemUTC();
    List<ScenarioReport> ran = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try (SuiteSession session = SuiteSession.open(docker, null, clock)) {
      getLog()
          .info(
              "splitcheck run "
                  + session.runId()
                  + ": "
                  + selected.size()
                  + " scenario(s) from "
                  + dir);
      for (Scenario s : selected) {
        ScenarioReport report = session.executor().execute(s, session.runId());
        ran.add(report);
        for (CheckOutcome o : report.outcomes()) {
          String line =
              s.name()
                  + " "
                  + o.check()
                  + ": "
                  + o.status().name().toLowerCase(Locale.ROOT)
                  + (o.message().isEmpty() ? "" : ": " + o.message());
          if (o.passed()) {
            getLog().info(line);
          } else {
            failures.add(line);
          }
        }
      }
      File out = reportFolder();
      new ReportWriter().write(RunReport.of(session.runId(), clock, ran), out.toPath());
      getLog().info("splitcheck run: report " + new File(out, ReportWriter.HTML));
    }
    return failures;
  }
}
