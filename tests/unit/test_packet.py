"""The packet's record: marking toggles, moving stays in bounds, a broken file is reported and kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from imr_search.errors import UserDataError
from imr_search.userdata.packet import Packet, load_packet, save_packet
from imr_search.userdata.paths import write_atomically


def test_mark_unmark_move_and_keep(user_data: Path) -> None:
    packet = Packet()
    assert packet.toggle("CM15-0000001", 2, "CM15-0000001") is True
    assert packet.toggle("h-abc", 1) is True
    assert packet.toggle("CM15-0000003", 1, "CM15-0000003") is True
    assert packet.toggle("h-abc", 1) is False
    assert packet.marked() == {("CM15-0000001", 2), ("CM15-0000003", 1)}
    assert packet.move(0, 1) == 1 and packet.move(1, 5) == 1 and packet.move(1, -9) == 0
    assert [e.letter_id for e in packet.entries] == ["CM15-0000001", "CM15-0000003"]
    packet.entries[1].note = "same treatment, overturned"
    save_packet(packet)
    assert load_packet() == packet
    assert load_packet(user_data) == packet


def test_a_broken_packet_file_is_an_error_and_left_alone(user_data: Path) -> None:
    (user_data / "packet.json").write_text('{"entries": [{"item": 1}]}')
    with pytest.raises(UserDataError, match="cannot read the packet in .*packet.json"):
        load_packet()
    assert (user_data / "packet.json").read_text() == '{"entries": [{"item": 1}]}'


def test_files_are_written_with_the_mode_a_plain_open_gives(tmp_path: Path) -> None:
    """An export on a shared folder is readable by the colleagues it was made for; a replaced file keeps its mode."""
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "packet.docx"
        write_atomically(fresh, b"x")
        assert fresh.stat().st_mode & 0o777 == 0o644
        fresh.chmod(0o600)
        write_atomically(fresh, b"y")
        assert fresh.stat().st_mode & 0o777 == 0o600
        assert fresh.read_bytes() == b"y"
    finally:
        os.umask(old)
