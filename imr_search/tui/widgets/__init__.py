"""The app's widgets: one module each, every one showing index results as safe text."""
