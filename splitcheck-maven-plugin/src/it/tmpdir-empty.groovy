// Shared by the twice sample projects: nothing left in the build's temp folder, passing or failing
// (splitcheck's work folders are TempFolder's, removed when the goal ends and at JVM exit).
def tmp = new File(basedir, 'tmp')
assert tmp.isDirectory() : "${tmp} missing: was the build's java.io.tmpdir pointed at it?"
def left = []
tmp.eachFileRecurse { left << it.path }
assert left.isEmpty() : "left in the build's temp folder: ${left}"
// an entry was made and removed there since prebuild (the folder's mtime moved): the build used it
assert tmp.lastModified() > Long.parseLong(new File(basedir, 'tmp.made').text) : 'the build never used its temp folder'
return true
