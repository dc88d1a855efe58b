// verify failed (invoker.buildResult); the log names the split cell, the culprit and the program's stderr line.
def log = new File(basedir, 'build.log').text
assert log.contains('split prod: exit 3 (unconfined: 0) <- getrandom = -1 EPERM [seccomp')
assert log.contains('stderr: getrandom: Operation not permitted')
assert log =~ /BUILD FAILURE/
assert new File(basedir, 'target/splitcheck/matrix/junit.xml').text.contains('failures="1"')
// the image built from <context> is removed again
def images = ['docker', 'images', '-q', 'splitcheck-maven/matrix-split-fails'].execute().text.trim()
assert images.isEmpty() : "left behind: ${images}"
return true
