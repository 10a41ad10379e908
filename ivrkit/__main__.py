"""`python -m ivrkit` runs the command-line interface."""

from .cli import main

raise SystemExit(main())
