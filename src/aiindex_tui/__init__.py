"""aiindex-tui: a keyboard-first terminal explorer of the US-China AI figures."""

__version__ = "0.1.0"
