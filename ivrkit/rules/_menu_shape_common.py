"""What one menu offers and where its keys lead without another keypress.

Shared by KY009, KY010, ST007 and HD008 (and HD005, HD007). Each of those rules judges reachable menus
only (an unreachable one is ST002's).
"""

from __future__ import annotations

from ..lint.context import Context
from ..model import InputNode, Interactive, MenuNode, Option, Target

__all__ = ["closure_of", "goes_on", "few_keys", "menu_options"]


def closure_of(ctx: Context, target: Target | None) -> list[str]:
    if target is None or target.node_key is None or target.node_key not in ctx.menuset.nodes:
        return []
    return ctx.facts.free_closure(target.node_key)


def goes_on(node: Interactive, target: Target | None) -> bool:
    """Whether failing at `node` leads where an entry does: an input whose failure path is its own
    `next` (Asterisk's Read() goes on with whatever was entered, even nothing). What happens there is the
    flow's, not the failure's doing."""
    return (
        isinstance(node, InputNode)
        and target is not None
        and target.node_key is not None
        and target.node_key == node.next.node_key
        and target.raw == node.next.raw
    )


def few_keys(keys: list[str], most: int = 5) -> str:
    """``1, 2, 3, 4 and 6 more``: keys for a message, kept short for huge menus."""
    if len(keys) <= most:
        return ", ".join(keys)
    return f"{', '.join(keys[: most - 1])} and {len(keys) - most + 1} more"


def menu_options(ctx: Context, menu: MenuNode) -> tuple[Option, ...]:
    return ctx.heard.options(menu)
