"""Use cases: one function per user action, one transaction per call, plain values returned. No Qt."""
