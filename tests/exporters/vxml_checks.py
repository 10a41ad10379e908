"""The checks every VoiceXML export must pass: the W3C VoiceXML 2.1 XML Schema (vendored in
tests/data/voicexml, validated offline with `xmlschema`) and every `#id` a jump names being a dialog of the
document (the schema does not check that; docs/dev/platform-facts.md V12)."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from pathlib import Path

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "voicexml" / "vxml.xsd"
NS = "{http://www.w3.org/2001/vxml}"


@functools.cache
def schema():
    import xmlschema

    # allow="local": only files on this machine; the imported W3C xml.xsd resolves to xmlschema's own copy
    return xmlschema.XMLSchema10(str(SCHEMA), allow="local")


def schema_errors(text: str) -> list[str]:
    return [f"{error.path}: {error.reason}" for error in schema().iter_errors(text)]


def missing_targets(text: str) -> list[str]:
    """Every `#id` in `next` that names no `<menu>` or `<form>` of the document."""
    root = ET.fromstring(text)
    dialogs = {element.get("id") for element in root if element.tag in (NS + "menu", NS + "form")}
    return [
        f"<{element.tag[len(NS) :]} next={element.get('next')}>"
        for element in root.iter()
        if (element.get("next") or "").startswith("#") and element.get("next")[1:] not in dialogs
    ]
