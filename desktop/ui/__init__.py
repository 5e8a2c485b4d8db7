"""Qt widgets, windows, dialogs, item models and undo commands. Data changes only through services."""
