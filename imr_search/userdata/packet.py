"""The precedent packet: items the user marked, in their order, each with a note.

Kept by letter id (the case number where the letter has one) and item
number, never by an index position, so it survives a rebuild; an entry whose
letter is gone is shown as missing, not dropped.
"""

from __future__ import annotations

from pathlib import Path

import msgspec

from ..errors import UserDataError
from .paths import data_dir, write_atomically

FILE = "packet.json"


class PacketEntry(msgspec.Struct, kw_only=True):
    """One marked item."""

    letter_id: str
    item: int
    case_number: str | None = None
    note: str = ""


class Packet(msgspec.Struct):
    entries: list[PacketEntry] = msgspec.field(default_factory=list)

    def find(self, letter_id: str, item: int) -> int | None:
        """The position of an item in the packet, or None."""
        return next((i for i, e in enumerate(self.entries) if e.letter_id == letter_id and e.item == item), None)

    def marked(self) -> set[tuple[str, int]]:
        """(letter id, item) of every entry, for lists to mark."""
        return {(e.letter_id, e.item) for e in self.entries}

    def toggle(self, letter_id: str, item: int, case_number: str | None = None) -> bool:
        """Mark the item (at the end) or unmark it; True if it is marked now."""
        at = self.find(letter_id, item)
        if at is None:
            self.entries.append(PacketEntry(letter_id=letter_id, item=item, case_number=case_number))
            return True
        del self.entries[at]
        return False

    def move(self, at: int, by: int) -> int:
        """Move the entry at ``at`` by ``by`` places (kept within the packet); its new position."""
        to = max(0, min(len(self.entries) - 1, at + by))
        self.entries.insert(to, self.entries.pop(at))
        return to


def packet_path(folder: Path | None = None) -> Path:
    return (folder or data_dir()) / FILE


def load_packet(folder: Path | None = None) -> Packet:
    """The user's packet (empty where none was kept yet)."""
    path = packet_path(folder)
    try:
        return msgspec.json.decode(path.read_bytes(), type=Packet)
    except FileNotFoundError:
        return Packet()
    except (OSError, msgspec.DecodeError) as e:
        raise UserDataError(f"cannot read the packet in {path} ({e}); the file is left as it is") from None


def save_packet(packet: Packet, folder: Path | None = None) -> None:
    write_atomically(packet_path(folder), msgspec.json.format(msgspec.json.encode(packet), indent=2) + b"\n")
