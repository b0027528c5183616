"""Hybrid logical clock: time stamps that order changes across devices.

A stamp is wall-clock milliseconds plus a counter, plus the device id as the final tie
break, so two devices never produce equal stamps and the order of concurrent edits is
the same everywhere (Kulkarni et al., 2014). The text form sorts like the stamp.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["HLC", "Clock"]


@dataclass(frozen=True, order=True)
class HLC:
    millis: int
    counter: int
    device: str

    def encode(self) -> str:
        return f"{self.millis:015d}-{self.counter:06d}-{self.device}"

    @classmethod
    def decode(cls, text: str) -> HLC:
        millis, counter, device = text.split("-", 2)
        return cls(int(millis), int(counter), device)


class Clock:
    """Issues increasing stamps for one device. Not thread-safe: the store owns one."""

    def __init__(self, device: str, last: HLC | None = None) -> None:
        self.device = device
        self._millis = last.millis if last else 0
        self._counter = last.counter if last else 0

    def now(self, wall_millis: int) -> HLC:
        if wall_millis > self._millis:
            self._millis, self._counter = wall_millis, 0
        else:
            self._counter += 1
        return HLC(self._millis, self._counter, self.device)

    def catch_up(self, stamp: HLC) -> None:
        """Never issue a stamp at or below ``stamp`` (the latest this device wrote, perhaps
        from another process on the same store)."""
        if (stamp.millis, stamp.counter) > (self._millis, self._counter):
            self._millis, self._counter = stamp.millis, stamp.counter

    def observe(self, remote: HLC, wall_millis: int) -> HLC:
        """Merge a stamp received from another device (for sync)."""
        top = max(self._millis, remote.millis, wall_millis)
        if top == self._millis == remote.millis:
            self._counter = max(self._counter, remote.counter) + 1
        elif top == self._millis:
            self._counter += 1
        elif top == remote.millis:
            self._counter = remote.counter + 1
        else:
            self._counter = 0
        self._millis = top
        return HLC(self._millis, self._counter, self.device)
