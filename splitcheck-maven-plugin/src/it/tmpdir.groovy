// Shared by the twice sample projects: the invoked build's own temp folder (invoker.properties points
// java.io.tmpdir and TMPDIR at it), made empty before the build, so verify.groovy can see exactly what
// the build left there; tmp.made says when, so that it can also see that the build used it.
def tmp = new File(basedir, 'tmp')
tmp.deleteDir()
tmp.mkdirs()
new File(basedir, 'tmp.made').text = String.valueOf(tmp.lastModified())
return true
