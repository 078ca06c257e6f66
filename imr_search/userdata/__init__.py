"""What a user keeps between sessions: the precedent packet and saved searches.

Stored per user in readable JSON files, written atomically, in the folder
``paths.data_dir()`` names (``$IMR_SEARCH_DATA``, else the per-user data
folder), so a server can give each browser user a folder of their own.
"""

from __future__ import annotations
