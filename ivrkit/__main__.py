"""`python -m ivrkit` runs the command-line interface."""

from .cli import entry

raise SystemExit(entry())
