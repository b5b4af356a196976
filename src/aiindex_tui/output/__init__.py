"""Headless output: plain text, CSV, JSON and Markdown, chart drawing and safe file writing.

Never imports Textual."""
