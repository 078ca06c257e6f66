"""The app's screens: one module each (search, letter, similar, compare, stats, help, build)."""
