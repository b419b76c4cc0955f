"""The business layer: plain Python, no Qt. Every write that matters is one ``db.atomic()``
block; permission checks live here, not in the widgets."""
