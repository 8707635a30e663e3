"""Pure rules of sync between machines: clocks, operations and how they merge (no I/O)."""
