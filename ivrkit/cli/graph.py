"""`ivrkit graph`: print every way a call can move through a menu, as DOT, Mermaid or JSON (networkx, lazily)."""

from __future__ import annotations

import sys

from .common import EXIT_INVALID, EXIT_OK, add_common, error, load_menu, output_problem, write_output

__all__ = ["add_parser", "run"]


def add_parser(commands) -> None:
    graph = commands.add_parser(
        "graph",
        help="print the call graph as DOT, Mermaid or JSON",
        description="Print every way a call can move through a menu. DOT renders with Graphviz "
        "(`ivrkit graph menu.yaml | dot -Tsvg > menu.svg`); Mermaid pastes into GitHub Markdown.",
    )
    graph.add_argument("file", metavar="FILE", help="a menu file")
    graph.add_argument(
        "--format", "-f", choices=("dot", "mermaid", "json"), default="dot", help="output format (default: dot)"
    )
    graph.add_argument("--output", "-o", metavar="OUT", help="write to OUT instead of standard output")
    graph.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    add_common(graph)
    graph.set_defaults(run=run)


def run(args) -> int:
    menuset = load_menu(args)
    if menuset is None:
        return EXIT_INVALID
    from ..graph import build

    if args.format == "dot":
        from ..render.dot import to_dot as render
    elif args.format == "mermaid":
        from ..render.mermaid import to_mermaid as render
    else:
        from ..render.json import to_json as render
    text = render(build(menuset))
    if not text.endswith("\n"):
        text += "\n"
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    problem = output_problem(args.output, args.force) or write_output(args.output, text)
    return error(problem) if problem else EXIT_OK
