def log = new File(basedir, 'build.log').text
assert log.contains('splitcheck matrix: splitcheck-maven/matrix-passes:')
assert log =~ /BUILD SUCCESS/
def report = new File(basedir, 'target/splitcheck/matrix')
['report.json', 'junit.xml', 'index.html', 'matrix.json'].each { assert new File(report, it).isFile() : it }
assert new File(report, 'matrix.json').text.contains('"runtime-default"')
return true
