"""Every lint rule, one module per family. Importing this package registers them all.

The imports are explicit (as in yamllint) so the full set of rules is greppable.
"""

from . import audio, handlers, keys, length, service, structure, wording  # noqa: F401
from . import barge_in, contradiction, menu_shape, navigation_label, organisation, silent_end, unanswered  # noqa: F401  (issue 11 rules)
