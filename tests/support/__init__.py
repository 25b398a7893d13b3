"""Loopback servers and helpers shared by the test suite (never the real sites)."""
