"""Integration tests against a running mlmeta server at MLMETA_URL."""
