/** An object store in memory, for format tests and the storage contract test. */
package dev.bucketsql.storage.memory;
