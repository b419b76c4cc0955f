"""Every command and every option of ``counter-app`` says what it does in ``--help``."""

from __future__ import annotations

import argparse

from counter_app.cli.main import build_parser


def _undocumented(parser: argparse.ArgumentParser, path: str) -> list[str]:
    missing = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                if not helps.get(name):
                    missing.append(f"{path} {name} (the command itself)")
                missing += _undocumented(sub, f"{path} {name}")
        elif isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
            continue
        elif not action.help or action.help == argparse.SUPPRESS:
            missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
    return missing


def test_every_command_and_option_has_help_text():
    assert _undocumented(build_parser(), "counter-app") == []


def test_the_walk_sees_an_option_without_help():
    # The check above must be able to fail: an option or a command added without help is reported.
    parser = argparse.ArgumentParser(prog="tool")
    parser.add_argument("--documented", help="says what it does")
    parser.add_argument("--undocumented-option")
    sub = parser.add_subparsers()
    sub.add_parser("quiet").add_argument("thing")
    assert _undocumented(parser, "tool") == ["tool --undocumented-option", "tool quiet (the command itself)",
                                             "tool quiet thing"]
