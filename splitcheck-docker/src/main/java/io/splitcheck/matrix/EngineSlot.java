package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.EngineInfo;
import io.splitcheck.tracer.TraceCollector;

/**
 * One engine a matrix spreads cells over.
 *
 * @param engine the engine's containers
 * @param info recorded on every cell it runs, or null when not known
 * @param collector runs its traced cells; null when nothing is traced ({@code --trace never})
 */
public record EngineSlot(ContainerEngine engine, EngineInfo info, TraceCollector collector) {}
