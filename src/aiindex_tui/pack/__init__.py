"""The data core: domain objects, the pack format, reading, checking and caching packs.

Never imports Textual or Rich; pandas only where a pack is parsed."""
