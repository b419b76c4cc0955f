from counter_app.cli.main import main

if __name__ == "__main__":  # not in a helper process started from this module (documents/apart.py)
    raise SystemExit(main())
