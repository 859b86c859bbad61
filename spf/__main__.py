"""``python -m spf``: the same command line as ``spf``."""

from spf.cli import main

if __name__ == "__main__":
    main()
