"""Serving the app to browsers (textual-serve): one app process per tab, read-only, behind a token."""

from __future__ import annotations
