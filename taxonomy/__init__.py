"""The code taxonomy as data: one TOML file per branch (installed as ``spf_taxonomy``)."""
