"""Tables owned by the payments subject (the shared spine is in core.py)."""
