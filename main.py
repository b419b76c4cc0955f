"""Start the counter application: `python main.py [--demo] [--mode counter|manager|kiosk|display]`."""

from counter_app.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main(default_command="gui"))
