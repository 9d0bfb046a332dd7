"""Article text to deal events."""
