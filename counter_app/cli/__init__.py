"""Headless commands: ``counter-app <command>``. Each module of this package that defines
``register(subparsers, common)`` adds its commands; :mod:`counter_app.cli.main` finds them."""
