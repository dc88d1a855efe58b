// Compiles src/it/getrandom.c into image/getrandom, static, for a FROM scratch image.
def source = new File(itSources, 'getrandom.c')
def out = new File(basedir, 'image/getrandom')
def cc = new File('/usr/bin/musl-gcc').canExecute() ? 'musl-gcc' : 'gcc'
def p = [cc, '-static', '-O2', '-o', out.path, source.path].execute()
def err = new StringBuilder()
p.waitForProcessOutput(System.out, err)
if (p.exitValue() != 0) {
  throw new IllegalStateException("${cc} -static failed: ${err}")
}
return true
