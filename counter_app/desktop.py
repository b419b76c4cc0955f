"""Is there a desktop session for the windows? Asked before Qt starts.

Without a display Qt's xcb platform aborts the process with a message about a library that
is in fact installed. The GUI start-up asks :func:`missing_display` first and, when nothing
can show a window, prints one translated line that names the headless commands instead.

Windows and macOS always have a session for a signed-in user. On Linux a display is there
when ``QT_QPA_PLATFORM`` names a platform that needs none (offscreen, vnc, eglfs, linuxfb),
when the Wayland socket exists, or when libxcb can connect to ``DISPLAY``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from pathlib import Path

from counter_app import paths
from counter_app.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Desktop"
NO_DISPLAY = QT_TRANSLATE_NOOP("Desktop", "The windows need a desktop session and none was found here (no display). "
                                          "The headless commands work without one: counter-app --help")


def missing_display() -> bool:
    """True when no window can be shown here (a Linux box with no X or Wayland session)."""
    if not sys.platform.startswith("linux"):
        return False
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0]
    if platform and platform not in ("xcb", "wayland", "wayland-egl"):
        return False  # offscreen, vnc, eglfs, linuxfb: chosen on purpose, no session needed
    if platform != "xcb" and _wayland_socket_exists():
        return False
    if platform.startswith("wayland"):
        return True
    display = os.environ.get("DISPLAY", "")
    return not display or not _x_server_answers(display)


def _wayland_socket_exists() -> bool:
    name = os.environ.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    path = Path(name)
    if not path.is_absolute():
        runtime = os.environ.get("XDG_RUNTIME_DIR", "")
        if not runtime:
            return False
        path = Path(runtime) / name
    return path.exists()


def _x_server_answers(display: str) -> bool:
    """Connect to the X server the way Qt will (libxcb); True when libxcb is not found, so
    Qt can say what is missing itself."""
    name = ctypes.util.find_library("xcb") or "libxcb.so.1"
    try:
        xcb = ctypes.CDLL(name)
    except OSError:
        return True
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return connection is not None and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection is not None:
            xcb.xcb_disconnect(connection)


def no_display_message(lang: str) -> str:
    """The one line, in ``lang``; read from the compiled translations without a Qt application."""
    if not lang.startswith("zh"):
        return NO_DISPLAY
    from PySide6.QtCore import QTranslator

    for qm in sorted(paths.resource("i18n").glob("*_zh_CN.qm")):
        translator = QTranslator()
        if translator.load(str(qm)):
            text = translator.translate(CONTEXT, NO_DISPLAY)
            if text:
                return text
    return NO_DISPLAY

