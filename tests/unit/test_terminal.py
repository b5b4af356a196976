"""Choosing ASCII mode from the locale the user's terminal asked for."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from aiindex_tui.output.terminal import wants_ascii


@pytest.mark.parametrize(
    ("env", "utf8_mode", "ascii_only"),
    [
        ({"LANG": "C.UTF-8"}, False, False),
        ({"LANG": "en_US.utf8"}, False, False),
        ({"LC_ALL": "C"}, False, True),
        ({"LC_ALL": "POSIX", "LANG": "en_US.UTF-8"}, False, True),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "C"}, False, False),
        ({"LC_CTYPE": "en_US.ISO-8859-1", "LANG": "en_US.UTF-8"}, False, True),
        ({}, False, True),
        # Python coerced a C locale: it set LC_CTYPE itself and turned on UTF-8 mode.
        ({"LANG": "C", "LC_CTYPE": "C.UTF-8"}, True, True),
        ({"LANG": "C", "LC_CTYPE": "C.UTF-8", "PYTHONUTF8": "1"}, True, False),
    ],
)
def test_wants_ascii(env, utf8_mode, ascii_only):
    assert wants_ascii(env, utf8_mode=utf8_mode) is ascii_only


@pytest.mark.parametrize(("lang", "ascii_only"), [("C", True), ("POSIX", True), ("C.UTF-8", False)])
def test_real_interpreter_under_a_locale(lang, ascii_only):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONUTF8"))}
    env["LANG"] = lang
    out = subprocess.run(
        [sys.executable, "-c", "from aiindex_tui.output.terminal import wants_ascii; print(wants_ascii())"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert out == str(ascii_only)
