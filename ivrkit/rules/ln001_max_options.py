"""LN001 `max-options`: A menu offers too many options to remember."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import Option
from ..prompts import text_in

__all__ = ["MaxOptions"]


GLOBAL_KEYS = frozenset({"0", "*", "#"})


def _label_words(option: Option, language: str, default: str) -> int:
    text, _, _ = text_in(option.label or option.say, language, default)
    return len((text or "").split())


def _direct_dial(option: Option) -> bool:
    """A multi-digit key nobody announces: a direct-dial number, not a menu option."""
    return len(option.key) > 1 and option.label is None and option.say is None


@register
class MaxOptions(Rule):
    """
    ## What it does
    Counts the business options of each menu: announced options with a
    `goto` (or a language switch) on keys other than the global keys 0, *
    and #. Multi-digit keys with no label and no `say` are direct-dial
    numbers (extensions listed one by one, as imported dialplans have them),
    not options a caller is told about, and are not counted. More than `info_above` is info, more than `warn_above` a warning,
    more than `warn_above_long` a warning when any label is longer than
    `long_label_words`, and more than `error_above` an error.

    ## Why is this bad?
    The classic advice is four or five options per menu (ISO/IEC 13714 as
    summarised, Avaya, AT&T), about three, or four or five when grouped
    (Microsoft), three for long phrases (IBM), and single-digit keys run out
    after 9 (VoiceXML numbers only the first nine choices) [ISO], [AVAYA-M],
    [ATT], [MS], [IBM], [VXML]. Studies favouring broad menus exist [COM08],
    so most levels are warnings; distinct labels matter more than the count
    [ACX-menu].

    ## Example
    ```yaml
    main:
      type: menu
      options:
        "1": {label: make a new claim, goto: claims}
        "2": {label: check on a claim, goto: claims}
        "3": {label: get a quote, goto: sales}
        "4": {label: change your address or your car, goto: policy}
        "5": {label: renew your policy, goto: policy}
        "6": {label: ask about a payment, goto: payments}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      options:
        "1": {label: make or check on a claim, goto: claims}
        "2": {label: get a quote, goto: sales}
        "3": {label: change or renew your policy, goto: policy}
        "4": {label: ask about a payment, goto: payments}
    ```

    ## Options
    - `info_above` (default `4`): more business options than this is info.
    - `warn_above` (default `5`): more than this is a warning.
    - `warn_above_long` (default `3`): more than this is a warning when any label is long.
    - `long_label_words` (default `6`): a label with more words than this is long.
    - `error_above` (default `9`): more than this is an error.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [AVAYA-M] https://support.avaya.com/elmodocs2/ir/r2_0/IR_R2_0_Doc_CD/CD/html/15577.htm
    - [ATT] AT&T product manual, as mirrored at https://manualsdump.com/en/manuals/at-and-t-3model/258383/317
    - [MS] Microsoft speech technologies guidelines (previous versions), https://learn.microsoft.com/en-us/previous-versions/office/developer/speech-technologies/ms991159(v=msdn.10)
    - [IBM] https://docs.blueworx.com/BVR/InfoCenter/V7/AIX/help/topic/com.ibm.wvraix.vxmlpg.doc/menus.html
    - [VXML] W3C VoiceXML 2.0, https://www.w3.org/TR/voicexml20/ (§2.2 menus)
    - [COM08] Commarford, Lewis, Smither & Gentzler 2008, Human Factors 50(1):77–89, doi 10.1518/001872008X250665; https://stars.library.ucf.edu/scopus2000/10692
    - [ACX-menu] http://acixd.org/wiki/doku.php?id=menu_design
    """

    code = "LN001"
    name = "max-options"
    summary = "A menu offers too many options to remember"
    level = Level.WARNING
    options = {
        "info_above": RuleOption(int, 4, "more business options than this is info"),
        "warn_above": RuleOption(int, 5, "more business options than this is a warning"),
        "warn_above_long": RuleOption(int, 3, "more than this is a warning when any label is long"),
        "long_label_words": RuleOption(int, 6, "a label with more words than this is long"),
        "error_above": RuleOption(int, 9, "more business options than this is an error"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        long_words = self.option("long_label_words")
        error_above, warn_above = self.option("error_above"), self.option("warn_above")
        warn_above_long, info_above = self.option("warn_above_long"), self.option("info_above")
        for key, node in ctx.menus():
            default = ctx.menuset.file_of(node).language
            business = [
                o
                for o in node.options
                if o.key not in GLOBAL_KEYS and o.action is None and o.announce and not _direct_dial(o)
            ]
            count = len(business)
            if count > error_above:
                level, why = Level.ERROR, f"more than {error_above}: single keys run out"
            elif count > warn_above:
                level, why = Level.WARNING, f"more than {warn_above}"
            elif (
                count > warn_above_long
                # the longest label is counted only where it can change the level
                and (longest := max((_label_words(o, default, default) for o in business), default=0)) > long_words
            ):
                level, why = (Level.WARNING, (f"more than {warn_above_long} with a label of {longest} words"))
            elif count > info_above:
                level, why = Level.INFO, f"more than {info_above}"
            else:
                continue
            yield Violation(
                node.span,
                f"`{node.id}` offers {count} options ({why}); callers forget the first ones by the last",
                node=key,
                hint="group the tasks into at most four or five goals, or move the rare ones a level down",
                level=level,
            )
