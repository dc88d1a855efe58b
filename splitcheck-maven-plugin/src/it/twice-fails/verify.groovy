evaluate(new File(itSources, "tmpdir-empty.groovy"))
// verify failed (invoker.buildResult); the log names the differing file and the step that made it
def log = new File(basedir, 'build.log').text
assert log =~ /not reproducible: layer 1 \(RUN .*\): \/built-at differs in content/
assert log =~ /BUILD FAILURE/
return true
