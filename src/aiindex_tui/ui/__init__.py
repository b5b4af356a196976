"""The Textual explorer: the app, its widgets and screens, and its stylesheet."""
