"""Tests of ivrkit.lint: the rule framework, configuration, context and runner."""
