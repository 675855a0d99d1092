"""Tables owned by the accounts subject (the shared spine is in core.py)."""
