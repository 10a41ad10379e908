"""One menu file's top level: version, name, languages, settings, variables, global options, nodes and entry.

`FileParser.parse` reads the sections in the order they depend on each other
(languages before texts, schedules and variables before branches, global
options before the menus that keep them), handing each node to the
`NodeBuilder` and the schedules to the schedule grammar.
"""

from __future__ import annotations

from types import MappingProxyType

import yaml

from ..diagnostics import did_you_mean, shown
from ..model import DEFAULT_KEY_NAMES, DEFAULT_OPTION_TEMPLATES, RETURN, MenuFile, Settings, Target, Variable
from ..yamlfields import TAG_INT, TAG_MERGE, TAG_STR
from .context import FileContext
from .fields import ALL_NODE_FIELDS, DTMF, FIELDS_OF, ID, LANGUAGE, SETTINGS_FIELDS, TOP_FIELDS
from .header import FileHeader, Resolver
from .nodes import NodeBuilder
from .schedules import read_schedules

__all__ = ["FileParser"]


class FileParser:
    """Builds one `MenuFile` from a header whose YAML composed cleanly."""

    def __init__(self, loader: Resolver, header: FileHeader):
        self.header = header
        self.ctx = FileContext(loader, header)
        self.f = self.ctx.f
        self.builder = NodeBuilder(self.ctx)

    def errors(self) -> int:
        return self.ctx.errors()

    def parse(self) -> MenuFile | None:
        f, top, header = self.f, self.header.top, self.header
        before = self.errors()
        f.unknown_fields({k: v for k, v in top.items() if not k.startswith("x-")}, TOP_FIELDS, "the file")
        self._extension_duplicates(top)
        root_node = self._root_node()
        version = top.get("ivrkit")
        if version is None:
            f.error(
                root_node,
                "this is not an ivrkit menu: the `ivrkit` version field is missing",
                "add `ivrkit: 1` as the first line",
            )
        elif not (isinstance(version[1], yaml.ScalarNode) and version[1].tag == TAG_INT and version[1].value == "1"):
            f.error(
                version[1],
                f"unsupported format version `{shown(str(getattr(version[1], 'value', '?')))}`",
                "this ivrkit reads `ivrkit: 1`",
            )
        name = self._required_text(top, "name", root_node)
        description = f.scalar_text(top["description"][1], "`description`") if "description" in top else None
        self._languages(top)
        self.ctx.schedules = read_schedules(f, top)
        self._variables(top)
        settings = self._settings(top)
        global_options = (
            self.ctx.options(top["global_options"][1], "global_options", is_global=True)
            if "global_options" in top
            else ()
        )
        self.ctx.global_keys = [option.key for option in global_options]
        self.ctx.require_labels(global_options)
        nodes = self._nodes(top, root_node)
        entry = self._entry(top, root_node)
        if self.errors() != before or name is None or entry is None or settings is None:
            return None
        return MenuFile(
            path=str(header.path),
            key=header.key,
            name=name,
            language=self.ctx.language,
            languages=self.ctx.languages,
            entry=entry,
            settings=settings,
            nodes=MappingProxyType(nodes),
            global_options=global_options,
            variables=MappingProxyType(self.ctx.variables),
            schedules=MappingProxyType(self.ctx.schedules),
            description=description,
            span=f.span(root_node),
        )

    def _root_node(self) -> yaml.Node:
        # Any top-level value's parent: point "missing field" errors at line 1.
        first = next(iter(self.header.top.values()), None)
        return (
            first[0]
            if first
            else yaml.ScalarNode(TAG_STR, "", yaml.Mark("", 0, 0, 0, None, 0), yaml.Mark("", 0, 0, 1, None, 0))
        )

    def _required_text(self, fields: dict, name: str, owner: yaml.Node, where: str = "the file") -> str | None:
        if name not in fields:
            self.f.error(owner, f"{where} needs a `{name}`")
            return None
        return self.f.scalar_text(fields[name][1], f"`{name}`")

    # -- languages and texts ----------------------------------------------

    def _languages(self, top: dict) -> None:
        f = self.f
        if "language" in top:
            language = f.string(
                top["language"][1],
                "`language`",
                pattern=LANGUAGE,
                expect="a language code such as `en`, `fi` or `en-GB`",
            )
            if language is not None:
                self.ctx.language = language
        if "languages" in top:
            items = f.sequence(top["languages"][1], "`languages`")
            if items is not None:
                seen: list[str] = []
                for item in items:
                    code = f.string(
                        item,
                        "a language in `languages`",
                        pattern=LANGUAGE,
                        expect="a language code such as `en`, `fi` or `en-GB`",
                    )
                    if code is None:
                        continue
                    if code in seen:
                        f.error(item, f"`{code}` is listed twice in `languages`")
                    seen.append(code)
                if seen and self.ctx.language not in seen and "language" in top:
                    f.error(top["languages"][1], f"`languages` must include the default language `{self.ctx.language}`")
                if seen:
                    self.ctx.languages = tuple(seen)
                    if "language" not in top:
                        self.ctx.language = seen[0]
        else:
            self.ctx.languages = (self.ctx.language,)

    def _extension_duplicates(self, top: dict) -> None:
        """Duplicate keys inside `x-` fields: YAML would keep only the last one there too."""
        for name, (_, value) in top.items():
            if not name.startswith("x-"):
                continue
            seen: set[int] = set()
            stack = [value]
            while stack:
                node = stack.pop()
                if id(node) in seen:
                    continue
                seen.add(id(node))
                if isinstance(node, yaml.MappingNode):
                    first: dict = {}
                    for key, item in node.value:
                        if isinstance(key, yaml.ScalarNode) and key.tag != TAG_MERGE:
                            where = first.setdefault((key.tag, key.value), key.start_mark)
                            if where is not key.start_mark and where is not None:
                                self.f.error(
                                    key,
                                    f"duplicate key `{shown(key.value)}` in `{name}` (first written at "
                                    f"line {where.line + 1}, column {where.column + 1})",
                                    "YAML would silently keep only the last one; remove or rename one of them",
                                )
                        stack.append(key)
                        stack.append(item)
                elif isinstance(node, yaml.SequenceNode):
                    stack.extend(node.value)

    # -- settings, variables, nodes, entry ------------------------------------

    def _settings(self, top: dict) -> Settings | None:
        f = self.f
        templates = dict(DEFAULT_OPTION_TEMPLATES)
        key_names = {lang: dict(names) for lang, names in DEFAULT_KEY_NAMES.items()}
        values: dict = {}
        span = None
        if "settings" in top:
            node = top["settings"][1]
            span = f.span(node)
            fields = f.mapping(node, "`settings`") or {}
            f.unknown_fields(
                fields,
                SETTINGS_FIELDS,
                "`settings`",
                lambda name: "this belongs on a node, not in `settings`" if name in ALL_NODE_FIELDS else None,
            )
            values = self.ctx.overrides(fields, waiting=True)
            if "fallback" in fields:
                values["fallback"] = self.ctx.target(fields["fallback"][1], "fallback")
            if "option_template" in fields:
                for lang, (_, value_node) in (
                    f.mapping(fields["option_template"][1], "`option_template`") or {}
                ).items():
                    template = f.scalar_text(value_node, f"the `{lang}` option template")
                    if template is None:
                        continue
                    if "{key}" not in template or ("{label}" not in template and "{Label}" not in template):
                        f.error(
                            value_node,
                            "an option template needs `{key}` and `{label}` (or `{Label}`)",
                            'for example: "To {label}, press {key}."',
                        )
                        continue
                    problem = _template_problem(template)
                    if problem is not None:
                        f.error(value_node, *problem)
                        continue
                    templates[lang] = template
            if "key_names" in fields:
                for lang, (_, names_node) in (f.mapping(fields["key_names"][1], "`key_names`") or {}).items():
                    for key, (key_node, word_node) in (f.mapping(names_node, f"the `{lang}` key names") or {}).items():
                        if not DTMF.match(key):
                            f.error(key_node, f"`{key}` is not a DTMF key", 'key names are for "*", "#" and digits')
                            continue
                        word = f.scalar_text(word_node, f"the name of `{key}`")
                        if word is not None:
                            key_names.setdefault(lang, {})[key] = word
        for lang in self.ctx.languages:
            base = lang.split("-")[0]
            if lang not in templates and base in templates:
                templates[lang] = templates[base]
            if lang not in key_names and base in key_names:
                key_names[lang] = key_names[base]
            if lang not in templates:
                owner = (
                    top["settings"][0]
                    if "settings" in top
                    else top.get("languages", top.get("language", (self._root_node(),)))[0]
                )
                f.error(
                    owner,
                    f"there is no built-in option template for `{lang}`",
                    f'add it: settings: {{option_template: {{{lang}: "... {{label}} ... {{key}}."}}}}',
                )
        return Settings(
            option_templates=MappingProxyType(templates),
            key_names=MappingProxyType({lang: MappingProxyType(names) for lang, names in key_names.items()}),
            span=span,
            **{k: v for k, v in values.items() if v is not None},
        )

    def _variables(self, top: dict) -> None:
        if "variables" not in top:
            return
        f = self.f
        for name, (key_node, node) in (f.mapping(top["variables"][1], "`variables`") or {}).items():
            if not ID.match(name):
                f.error(key_node, f"`{name}` is not a valid variable name", "use letters, digits, `_` and `-`")
                continue
            fields = f.mapping(node, f"variable `{name}`")
            if fields is None:
                continue
            f.unknown_fields(fields, FIELDS_OF["variable"], f"variable `{name}`")
            values: list[str] = []
            if "values" not in fields:
                f.error(key_node, f"variable `{name}` needs `values` (the values a branch can choose by)")
            else:
                for item in f.sequence(fields["values"][1], "`values`") or []:
                    value = f.scalar_text(item, "a variable value")
                    if value is not None:
                        values.append(value)
            default = values[0] if values else None
            if "default" in fields:
                default = f.scalar_text(fields["default"][1], "`default`")
                if default is not None and values and default not in values:
                    f.error(
                        fields["default"][1],
                        f"`{default}` is not one of the values of `{name}`",
                        did_you_mean(default, values),
                    )
            description = f.scalar_text(fields["description"][1], "`description`") if "description" in fields else None
            if values and default is not None:
                self.ctx.variables[name] = Variable(name, tuple(values), default, f.span(key_node), description)

    def _nodes(self, top: dict, root_node: yaml.Node) -> dict:
        f = self.f
        if "nodes" not in top:
            f.error(root_node, "the file needs `nodes`: the states of the call")
            return {}
        pairs = f.mapping(top["nodes"][1], "`nodes`")
        if pairs is None:
            return {}
        if not pairs:
            f.error(top["nodes"][1], "`nodes` is empty")
        nodes = {}
        # Nothing reads a node's YAML once it is built, unless the file is parsed again: a file a LoadCache
        # holds may be, under another root, except the root of a load, whose parse is always reused. Each
        # node's YAML is freed as soon as the node is built, while it is still in the processor's caches,
        # instead of all of it, cold, when the load (or the batch) ends. Not in a file with anchors: an alias
        # elsewhere (`variables: *nodes`) may read the same mapping after it.
        release = (not self.header.cached or self.header.is_root) and not self.header.anchored
        if release:
            top["nodes"][1].value = []
        for node_id, (key_node, value_node) in pairs.items():
            if not ID.match(node_id):
                f.error(
                    key_node,
                    f"`{node_id}` is not a valid node id",
                    "start with a letter or `_`; use letters, digits, `_` and `-`",
                )
                continue
            if node_id == RETURN:
                f.error(
                    key_node, '`return` is reserved: it means "go back to the file that jumped here"', "rename the node"
                )
                continue
            node = self.builder.node(node_id, key_node, value_node)
            if node is not None:
                nodes[node_id] = node
            if release:
                pairs[node_id] = (key_node, None)  # type: ignore[assignment]
        return nodes

    def _entry(self, top: dict, root_node: yaml.Node) -> Target | None:
        if "entry" not in top:
            self.f.error(root_node, "the file needs an `entry`: the node where a call starts")
            return None
        node = top["entry"][1]
        raw = self.f.scalar_text(node, "`entry`")
        if raw is None:
            return None
        span = self.f.span(node)
        if raw not in self.header.node_ids:
            self.f.error(
                node,
                f"the entry `{raw}` is not a node of this file",
                did_you_mean(raw, self.header.node_ids) or "set `entry` to the id of the first node",
            )
            return None
        return Target(raw, self.header.prefix + raw, span)


_TEMPLATE_FIELDS = ("label", "Label", "key")


def _template_problem(template: str) -> tuple[str, str] | None:
    """Why `template` cannot announce an option (message, hint), or None. The engine fills it with
    `str.format(label=..., Label=..., key=...)`: any other field, an index into one, or a lone brace would
    fail there, in the middle of a call or a lint."""
    from string import Formatter  # only a file with an option template needs it (off the common lint path)

    try:
        parsed = list(Formatter().parse(template))
    except ValueError:
        return "the braces of this option template do not match", "write a brace that is text as `{{` or `}}`"
    for _, name, spec, _ in parsed:
        if name is None:
            continue
        if name not in _TEMPLATE_FIELDS:
            return (
                f"`{{{name}}}` is not a field of an option template",
                "its fields are `{label}`, `{Label}` and `{key}`",
            )
        if spec and ("{" in spec or "}" in spec):
            return f"the format of `{{{name}}}` holds a field", "write the format out, e.g. `{label:>10}`"
    try:
        template.format(label="", Label="", key="1")
    except (ValueError, TypeError, KeyError, IndexError) as error:
        return f"this option template cannot be filled in ({error})", "its fields are `{label}`, `{Label}` and `{key}`"
    return None
