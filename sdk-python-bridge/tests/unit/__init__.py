"""Unit tests: pure parts, no server."""
