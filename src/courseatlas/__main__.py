"""Run the CLI with ``python -m courseatlas``."""

from courseatlas.cli import main

main()
