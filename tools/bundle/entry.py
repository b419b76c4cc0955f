"""The bundle's program: ``counter-app`` opens the GUI, ``counter-app COMMAND`` runs a command."""

from counter_app.cli.main import main

raise SystemExit(main())
