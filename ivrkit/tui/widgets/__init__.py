"""Widgets of the call screen: keypad, transcript, menu map, status line, findings."""
