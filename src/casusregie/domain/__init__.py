"""Plain-Python core: entities, value types and rules. No Qt, no SQL, no I/O."""
