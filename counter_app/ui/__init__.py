"""The PySide6 face of the application: windows per role, shared widgets, workers.

Widgets never run SQL or hold business rules: they call services (through workers for
anything slow) and show what comes back."""
