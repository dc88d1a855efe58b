evaluate(new File(itSources, "engine.groovy"))
