"""Small menus and goals for the predict tests."""

from __future__ import annotations

from ivrkit.goals import Goal, GoalSet
from ivrkit.loader import loads

SHOP = """\
ivrkit: 1
name: shop
language: en
entry: main
settings: {timeout: 5, retries: 2, fallback: agent}
global_options:
  "0": {label: speak to an agent, goto: agent}
  "*": {label: go back, action: back}
nodes:
  main:
    type: menu
    say: Welcome.
    options:
      "1": {label: track an order, goto: orders}
      "2": {label: returns and refunds, goto: returns}
  orders:
    type: menu
    say: Orders.
    options:
      "1": {label: where is my parcel, goto: tracking}
      "2": {label: change an order, goto: changes}
  returns:
    type: menu
    say: Returns.
    options:
      "1": {label: send a parcel back, goto: send_back}
      "2": {label: refund status, goto: refunds}
  tracking: {type: transfer, number: "1"}
  changes: {type: transfer, number: "2"}
  send_back: {type: transfer, number: "3"}
  refunds: {type: transfer, number: "4"}
  agent: {type: transfer, number: "5"}
"""


def shop():
    return loads(SHOP, "shop.yaml")


def goal(say: str, *reaches: str, language: str = "en", share: float | None = None, index: int = 0) -> Goal:
    return Goal(say, language, tuple(reaches), share, index, None)


def goals(*items: Goal, menu: str = "shop.yaml") -> GoalSet:
    return GoalSet("shop.goals.yaml", menu, tuple(items))
