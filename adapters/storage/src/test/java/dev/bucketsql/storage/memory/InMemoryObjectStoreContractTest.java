package dev.bucketsql.storage.memory;

import dev.bucketsql.storage.ObjectStore;
import dev.bucketsql.storage.ObjectStoreContractTest;
import org.junit.jupiter.api.BeforeEach;

/** The storage contract on the in-memory store. */
class InMemoryObjectStoreContractTest extends ObjectStoreContractTest {
  private InMemoryObjectStore store;

  @BeforeEach
  void newStore() {
    store = new InMemoryObjectStore("contract");
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Override
  protected void write(String key, byte[] data) {
    store.put(key, data);
  }
}
