evaluate(new File(itSources, "compile.groovy"))
