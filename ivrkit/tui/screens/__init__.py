"""Screens and dialogs: the call screen, help, save and confirm dialogs."""
