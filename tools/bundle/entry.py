"""The bundle's program: ``counter-app`` opens the GUI, ``counter-app COMMAND`` runs a command."""

import multiprocessing

if __name__ == "__main__":
    # The helper process that builds long documents (counter_app/documents/apart.py) is this
    # program started again: it must become that helper before anything else runs.
    multiprocessing.freeze_support()
    from counter_app.cli.main import main

    raise SystemExit(main())
