"""Service checks in the windows: the inspector's window, the check form, the checks list."""
