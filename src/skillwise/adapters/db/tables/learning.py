"""Tables owned by the learning subject (the shared spine is in core.py)."""
