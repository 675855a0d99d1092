"""Tables owned by the catalog subject (the shared spine is in core.py)."""
