"""Tests of ivrkit.loader (the package ivrkit/loader/)."""
