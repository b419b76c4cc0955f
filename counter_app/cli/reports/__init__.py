"""Report kinds for ``counter-app report KIND``: each module here with
``register(subparsers, common)`` adds one."""
