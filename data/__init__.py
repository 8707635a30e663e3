"""Persistence: the data folder's files (DESIGN section 8); ``data.store.FileStore`` is the
store, ``data.memory.MemoryStore`` the in-memory one for tests and the demo."""
