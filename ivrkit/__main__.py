"""`python -m ivrkit` runs the command-line interface."""

import sys

from .lazyregex import install_snapshot

if any(not arg.startswith("-") for arg in sys.argv[1:]):
    install_snapshot()  # as `entry` does for a command, but before argparse is imported: gettext compiles a pattern

from .cli import entry  # noqa: E402

raise SystemExit(entry())
