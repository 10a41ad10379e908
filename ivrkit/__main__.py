"""`python -m ivrkit` runs the command-line interface."""

import sys

from .lazyregex import install_for

install_for(sys.argv[1:])  # as `entry` does, but before argparse is imported: gettext compiles a pattern

from .cli import entry  # noqa: E402

raise SystemExit(entry())
