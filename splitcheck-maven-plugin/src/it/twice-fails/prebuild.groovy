evaluate(new File(itSources, "tmpdir.groovy"))
// a static busybox for the FROM scratch image's RUN
java.nio.file.Files.copy(
    java.nio.file.Path.of('/bin/busybox'),
    new File(basedir, 'image/busybox').toPath(),
    java.nio.file.StandardCopyOption.REPLACE_EXISTING)
return true
