"""The first-time caller, run through the engine: `ivrkit predict` (each goal's likely keys, success and
time) and `ivrkit simulate` (a population of callers drawn by share).

The caller's choices at one menu come from `ivrkit.analysis.caller` (information scent of each option
against the caller's goal); this package plays those choices through `ivrkit.engine.Session`, so every
second it reports is one a scripted call (`ivrkit call`) reproduces.
"""
