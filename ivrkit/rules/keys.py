"""Key rules (KY): what each DTMF key means, in one menu and across the IVR."""

from __future__ import annotations
