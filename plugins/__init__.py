"""spf's built-in plugins (installed as the package ``spf_plugins``).

Each module is registered through the ``spf`` entry-point group in
``pyproject.toml``, exactly as a third-party plugin would be.
"""
