/**
 * Memory accounting of the engine's operators: the limit an operator may hold ({@link
 * dev.bucketsql.engine.memory.MemoryLimit}, from the connection setting {@code queryMemory}), the
 * running count of one operator ({@link dev.bucketsql.engine.memory.MemoryBudget}) and the one-line
 * error when it would pass the limit ({@link
 * dev.bucketsql.engine.memory.MemoryLimitExceededException}), which names the operator ({@link
 * dev.bucketsql.engine.memory.HeldBy}), what it holds and the setting to raise.
 */
package dev.bucketsql.engine.memory;
