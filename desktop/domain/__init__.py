"""Plain Python: the programme's concepts and rules. Imports nothing of ours but the translation layer."""
