"""LN004 reads each node's ways on once per language (`_moves`), a menu's straight from its options instead
of building its routes, and searches over those. Held here to the rule written plainly: every popped state's
routes built again by `MenuSet.routes` and filtered, on menus hypothesis builds (options with and without a
target, actions, language switches, extensions, handlers, global options kept or not, inputs, messages,
transfers and hang-ups)."""

from __future__ import annotations

import heapq
import json
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from ivrkit.lint.config import LintConfig
from ivrkit.lint.context import Context
from ivrkit.lint.runner import lint
from ivrkit.loader import loads
from ivrkit.model import MenuNode
from ivrkit.rules.ln004_time_to_destination import (
    _FOLLOWED,
    _NO_KEYS,
    TimeToDestination,
    _menu_costs,
    _moves,
    _node_cost,
    _press,
    _pressed,
)


def _plain_fastest(ctx: Context, seconds_per_digit: float) -> dict[str, tuple[float, bool, str]]:
    """LN004's search as written before `_moves`: each state's routes from `MenuSet.routes`."""
    ms = ctx.menuset
    start = (ms.entry, ms.root.language, ())
    best = {start: 0.0}
    result: dict[str, tuple] = {}
    queue: list = [(0.0, 0, start, True, _NO_KEYS)]
    order = 0
    while queue:
        seconds, _, state, complete, keys = heapq.heappop(queue)
        if best.get(state, float("inf")) < seconds:
            continue
        key, lang, stack = state
        if key not in result:
            result[key] = (seconds, complete, keys)
        node = ms.nodes[key]
        if isinstance(node, MenuNode):
            costs, whole, known = _menu_costs(ctx, node, lang)
            languages = {o.key: o.language for o in ms.file_of(node).options_of(node) if o.language}
        else:
            cost, known = _node_cost(ctx, node, lang, seconds_per_digit)
        for route in ms.routes(node):
            if route.kind not in _FOLLOWED or route.target is None:
                continue
            new_lang, pressed_key, step = lang, None, 0.0
            if isinstance(node, MenuNode):
                if route.kind == "extension":
                    step, pressed_key = whole, "{extension}"
                else:
                    step, pressed_key = costs.get(route.key, whole), route.key
                    new_lang = languages.get(route.key, lang)
            elif not node.terminal:
                step = cost
            if route.target.node_key is None:
                if not stack:
                    continue
                target, new_stack = stack[-1], stack[:-1]
            else:
                target, new_stack = route.target.node_key, stack
                if route.then is not None and len(stack) < 8:
                    then = route.then.node_key or (stack[-1] if stack else None)
                    if then is not None:
                        new_stack = (stack[:-1] if route.then.node_key is None else stack) + (then,)
            state = (target, new_lang, new_stack)
            total = seconds + step
            if total < best.get(state, float("inf")):
                best[state] = total
                order += 1
                pressed = keys if pressed_key is None else _press(keys, pressed_key)
                heapq.heappush(queue, (total, order, state, complete and known, pressed))
    return {key: (seconds, complete, " ".join(_pressed(keys))) for key, (seconds, complete, keys) in result.items()}


_LABELS = ["pay a bill", "report a fault", "speak to an adviser", "hear these options again", "moving home"]
# Finnish texts of other lengths than the English ones (a short one and a long one each way), so the seconds of a
# way depend on the language a caller hears it in.
_FINNISH = [
    "lasku",
    "vikailmoitus",
    "asiakaspalvelija",
    "kuuntele vaihtoehdot uudelleen",
    "muutto",
    "jos haluat ilmoittaa vikaa tai kuulla lisää palveluistamme ja niiden hinnoista ja muutoksista, valitse tämä",
]
_ENGLISH = [
    *_LABELS,
    "to hear about every one of our services, their prices and the changes we made to them this year, press now",
]

# Keys `2 1` reach `t` in 9.92 s: `2` switches to Finnish, whose long English prompt at `x` is short. `1 1` in
# English takes about 22 s. A search keeping a state by its node alone in any language keeps the English `x`
# first and reports `t` at about 22 s.
_LANGUAGE_SWITCH = """\
ivrkit: 1
name: t
language: en
languages: [en, fi]
entry: m0
nodes:
  m0:
    type: menu
    say: {en: Welcome., fi: Tervetuloa.}
    options:
      "1": {label: {en: billing, fi: laskutus}, goto: x}
      "2": {label: {en: palvelu suomeksi, fi: palvelu suomeksi}, goto: x, language: fi}
  x:
    type: menu
    say:
      en: Thank you for calling our billing line. Please listen carefully, as our options have changed recently, \
and we want to make sure that you reach the right team for your question about your bill, your payments or your \
account. Calls may be recorded for training and quality purposes.
      fi: Laskutus.
    options:
      "1": {label: {en: billing team, fi: laskutustiimi}, goto: t}
  t: {type: transfer, queue: billing, say: {en: Please hold., fi: Odota hetki.}}
"""


@st.composite
def _menu_file(draw) -> str:
    languages = draw(st.sampled_from([["en"], ["en", "fi"], ["fi", "en"]]))

    def text(english: list[str] = _ENGLISH, capitalised: bool = False) -> str:
        """One text: plain in a menu of one language, else `{en: ..., fi: ...}`, each drawn on its own."""
        values = {"en": draw(st.sampled_from(english)), "fi": draw(st.sampled_from(_FINNISH))}
        if capitalised:
            values = {language: value.capitalize() + "." for language, value in values.items()}
        if len(languages) == 1:
            return json.dumps(values[languages[0]])
        return "{" + ", ".join(f"{language}: {json.dumps(values[language])}" for language in languages) + "}"

    menus, ends = draw(st.integers(1, 5)), draw(st.integers(1, 3))
    targets = [f"m{i}" for i in range(menus)] + [f"{kind}{j}" for j in range(ends) for kind in "thxs"]
    target = st.sampled_from(targets)
    lines = [f"language: {languages[0]}", f"languages: [{', '.join(languages)}]", "entry: m0", "global_options:"]
    lines.append(f'  "0": {{label: {text(_LABELS)}, goto: {draw(target)}}}')
    lines.append(f'  "*": {{label: {text(_LABELS)}, action: repeat}}')
    lines.append("nodes:")
    for i in range(menus):
        lines += [f"  m{i}:", "    type: menu", f"    say: {text(capitalised=True)}"]
        keep = draw(st.sampled_from([None, "false", '["0"]', '["*"]']))
        if keep is not None:
            lines.append(f"    global_options: {keep}")
        if draw(st.booleans()):
            lines.append(f"    extensions: {{min: 3, max: 3, goto: {draw(target)}}}")
        if draw(st.booleans()):
            lines.append(f"    no_match: {{goto: {draw(target)}}}")
        lines.append("    options:")
        for key in draw(st.lists(st.sampled_from("0123456789*#"), min_size=1, max_size=6, unique=True)):
            label = text()
            how = draw(st.integers(0, 9))
            if how == 0:
                lines.append(f'      "{key}": {{label: {label}, action: {draw(st.sampled_from(["back", "top"]))}}}')
            elif how <= 2 and len(languages) > 1:
                language = draw(st.sampled_from(["fi", "fi", "en"]))
                lines.append(f'      "{key}": {{label: {label}, goto: {draw(target)}, language: {language}}}')
            else:
                lines.append(f'      "{key}": {{label: {label}, goto: {draw(target)}}}')
    for j in range(ends):
        lines.append(f"  t{j}: {{type: transfer, queue: billing, say: {text(['Please hold.'])}}}")
        lines.append(f"  h{j}: {{type: hangup, say: {text(['Goodbye.'])}}}")
        lines.append(f"  x{j}: {{type: message, say: {text()}, next: {draw(target)}}}")
        digits = draw(st.integers(1, 4))
        confirm = draw(st.booleans())
        lines.append(
            f"  s{j}: {{type: input, say: {text(['Enter it.'])}, digits: {{min: {digits}, max: 6}}, "
            f"confirm: {str(confirm).lower()}, next: {draw(target)}}}"
        )
    return "ivrkit: 1\nname: t\n" + "\n".join(lines) + "\n"


def test_a_switch_of_language_is_a_way_of_its_own() -> None:
    """The same node reached in another language is another state: `t` is reached fastest through Finnish."""
    menuset = loads(_LANGUAGE_SWITCH, Path("/nonexistent/menu.yaml"), root=Path("/nonexistent"))
    rule = TimeToDestination()
    found = rule.times(Context(menuset, config=LintConfig()))
    seconds, complete, keys = found["t"]
    assert (round(seconds, 2), complete, keys) == (9.92, True, "2 1")
    assert found == _plain_fastest(Context(menuset, config=LintConfig()), rule.option("seconds_per_digit"))
    config = LintConfig(select=("LN004",), options={"LN004": {"max_seconds": 15}})
    assert [f for f in lint(menuset, config) if f.code == "LN004"] == []
    slower = LintConfig(select=("LN004",), options={"LN004": {"max_seconds": 9}})
    assert [(f.node, f.message) for f in lint(menuset, slower) if f.code == "LN004"] == [
        ("t", "a first-time caller needs about 10 s to reach `t` (keys: 2 1)")
    ]


@settings(max_examples=150, deadline=None)
@given(_menu_file())
@example(_LANGUAGE_SWITCH)
def test_the_search_over_read_ways_finds_what_the_plain_search_finds(text):
    menuset = loads(text, Path("/nonexistent/menu.yaml"), root=Path("/nonexistent"))
    rule = TimeToDestination()
    found = rule.times(Context(menuset, config=LintConfig()))
    assert found == _plain_fastest(Context(menuset, config=LintConfig()), rule.option("seconds_per_digit"))


@settings(max_examples=150, deadline=None)
@given(_menu_file())
def test_a_menus_ways_on_are_its_followed_routes_in_order(text):
    menuset = loads(text, Path("/nonexistent/menu.yaml"), root=Path("/nonexistent"))
    ctx = Context(menuset, config=LintConfig())
    for node in menuset.nodes.values():
        for language in menuset.root.languages:
            _, moves = _moves(ctx, node, language, 0.5)
            routes = [r for r in menuset.routes(node) if r.kind in _FOLLOWED and r.target is not None]
            assert [(target, then) for _, _, _, target, then in moves] == [
                (r.target.node_key, r.then.node_key if r.then is not None else None) for r in routes
            ]
            assert [pressed for _, pressed, _, _, _ in moves] == [
                ("{extension}" if r.kind == "extension" else r.key) if isinstance(node, MenuNode) else None
                for r in routes
            ]
