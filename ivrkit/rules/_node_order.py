"""The order in which messages name several nodes: file order."""

from __future__ import annotations

from ..lint.context import Context

__all__ = ["file_order"]


def file_order(ctx: Context):
    position = {key: index for index, key in enumerate(ctx.menuset.nodes)}
    return lambda key: position.get(key, len(position))
