"""The data core: domain objects, the pack format, reading, checking and caching packs.

Never imports Textual or Rich; pandas only where a pack's very large file is read."""
