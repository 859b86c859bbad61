"""The generation stages, one plugin module each."""
