"""Training mode in the windows: entering it, the TRAINING marks on every window, the drills."""
