// Shared by the sample projects that need a Docker engine: whether one answers at DOCKER_HOST (or the
// local socket). Without one those projects are not run, unless SPLITCHECK_REQUIRE_ENGINE=1 (CI), where
// they run and fail.
def host = System.getenv('DOCKER_HOST') ?: 'unix:///var/run/docker.sock'
def ping = ['docker', '-H', host, 'version', '--format', '{{.Server.Version}}']
boolean answers
try {
  def p = ping.execute()
  p.waitForOrKill(10000)
  answers = p.exitValue() == 0
} catch (IOException e) {
  answers = false
}
if (!answers && System.getenv('SPLITCHECK_REQUIRE_ENGINE') == '1') {
  println "no Docker engine answers at ${host}, and SPLITCHECK_REQUIRE_ENGINE=1: running anyway, to fail"
  return true
}
if (!answers) {
  println "no Docker engine answers at ${host}: sample project skipped"
}
return answers
