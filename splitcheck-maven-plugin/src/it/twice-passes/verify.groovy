evaluate(new File(itSources, "tmpdir-empty.groovy"))
def log = new File(basedir, 'build.log').text
assert log =~ /splitcheck twice: (reproducible|config-only|mtime-only); report /
assert log =~ /BUILD SUCCESS/
assert new File(basedir, 'target/splitcheck/twice/index.html').isFile()
return true
