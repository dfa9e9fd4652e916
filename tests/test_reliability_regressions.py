"""Regression tests for bugs the adversarial suite found (tests/adversarial/), one per bug,
named after the upstream report they guard against where one applies."""

from __future__ import annotations

from tests.conftest import Ccos, snapshot


def test_broken_profile_refuses_before_any_write(ccos: Ccos) -> None:
    """`ccos checkin` wrote its file, then failed on an empty ccos.toml with exit 2 (found by
    test_hand_edits: exit 2 must mean nothing was written)."""
    (ccos.root / "ccos.toml").write_bytes(b"")
    before = snapshot(ccos.root)
    result = ccos("checkin", "--energy", "3", "--duty", "3", "--main-job", "3", "--avoid", "3")
    assert result.exit_code == 2
    assert "ccos.toml" in result.stderr and "empty" in result.stderr
    assert snapshot(ccos.root) == before


def test_status_rows_show_names_literally(ccos: Ccos) -> None:
    """`ccos status` printed a mentee's name raw in its progress rows: a right-to-left override
    (U+202E, "Trojan Source") reached the terminal (found by test_names)."""
    ccos.ok("mentee", "add", "\u202eevil\u202c x", "--since", "2026-01-01")
    shown = ccos.ok("status").stdout
    assert "\u202e" not in shown
    assert "\\u202eevil" in shown
