"""The driver of one browser session under ``aiindex-tui serve``.

textual-serve runs one explorer process per browser tab and talks to it over
stdin and stdout. A session must end soon after its tab does, whatever state it
is in. Textual's own exit can stall: a quit that arrives while the first screen
is still starting leaves the screen re-laying itself out between two sizes for
good (the process then spins at full CPU and ignores SIGTERM). So every way a
session can be told to end (the server's quit, the end of its input when the
server is gone, SIGTERM or SIGINT) asks the app to exit and also arms a
deadline, after which the process ends without waiting for the app.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading

from textual import messages
from textual.drivers.web_driver import WebDriver

from aiindex_tui.ui.workarounds import driver_app

EXIT_GRACE_SECONDS = 3.0


class SessionDriver(WebDriver):
    """Textual's web driver, with an exit that cannot stall."""

    _deadline: threading.Timer | None = None

    def end_session(self) -> None:
        """Ask the app to exit; end the process if it has not within the grace period."""
        if self._deadline is None:
            # os._exit: the app's own shutdown is what may be stuck, so nothing
            # that waits for it (atexit, thread joins) may run.
            self._deadline = threading.Timer(EXIT_GRACE_SECONDS, os._exit, args=(0,))
            self._deadline.daemon = True
            self._deadline.start()
        driver_app(self).post_message(messages.ExitApp())

    def start_application_mode(self) -> None:
        super().start_application_mode()
        loop = asyncio.get_running_loop()
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, self.end_session)  # replaces the driver's own

    def on_meta(self, packet_type: str, payload: dict[str, object]) -> None:
        if packet_type == "quit":
            self.end_session()
            return
        super().on_meta(packet_type, payload)

    def run_input_thread(self) -> None:
        super().run_input_thread()
        # Input ends when the server closes the pipe or goes away; either way
        # nobody is left to see this session.
        if not self.exit_event.is_set():
            self.end_session()
