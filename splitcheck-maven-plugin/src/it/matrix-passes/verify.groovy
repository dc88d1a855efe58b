def log = new File(basedir, 'build.log').text
assert log.contains('splitcheck matrix: splitcheck-maven/matrix-passes:')
assert log =~ /BUILD SUCCESS/
def report = new File(basedir, 'target/splitcheck/matrix')
['report.json', 'junit.xml', 'index.html', 'matrix.json'].each { assert new File(report, it).isFile() : it }
assert new File(report, 'matrix.json').text.contains('"runtime-default"')
def audit = new File(basedir, 'target/splitcheck/audit')
['audit.json', 'report.json', 'junit.xml', 'index.html'].each { assert new File(audit, it).isFile() : it }
assert log.contains('splitcheck audit: ')
return true
