"""This process among the Samvad instances sharing one database: its id, its role, the poller lease.

Alone (the default: a lock file beside the SQLite file proves no other run uses it), an instance
is the poller (or, in webhook mode, a worker) from the start and renews nothing. With a shared
database (SAMVAD_SHARED_DATABASE, or PostgreSQL), a keep-alive loop renews, in one transaction,
the instance's identity, its chat claims and, in long-polling mode, the poller lease: the holder
every third of a lease, a standby trying twice as often, so a standby takes over within one lease
(6 s by default) and about a second of the poller's death. A poller that cannot renew stops
polling before its lease can have passed to another.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from storage import inbox, leases
from storage.database import Database, Unit
from storage.errors import StorageError
from storage.leases import Role

log = logging.getLogger(__name__)


class InstanceIdInUse(Exception):
    """Another live run renews this instance id: each instance needs its own SAMVAD_INSTANCE_ID."""


class StoppedWhileJoining(Exception):
    """A stop was asked for while waiting for this instance's id to be free."""


def _wall_clock() -> datetime:
    return datetime.now(UTC)


class Instance:
    """This instance: what it may do now (poll, claim), renewed in the database while it runs."""

    def __init__(
        self,
        db: Database,
        instance_id: str,
        *,
        shared: bool,
        polling: bool,
        lease: timedelta = timedelta(seconds=6),
        now: Callable[[], datetime] = _wall_clock,
    ) -> None:
        self.id = instance_id
        self.shared = shared
        self.polling = polling
        self.lease = lease
        self.role = Role.STARTING
        self.peers = 0  # other live instances, as of the last renewal
        self._db = db
        self._now = now  # leases are about real time between processes, never a test's frozen clock
        self._run_token = secrets.token_hex(8)
        self._holding = asyncio.Event()
        self._not_holding = asyncio.Event()
        self._not_holding.set()
        self._renewed_at = 0.0  # monotonic time of the last renewal that held the lease
        self._keep_alive: asyncio.Task[None] | None = None

    @property
    def renew_every(self) -> float:
        """Seconds between renewals by a holder (a third of the lease: two may fail before it lapses)."""
        return self.lease.total_seconds() / 3

    @property
    def standby_every(self) -> float:
        """Seconds between a standby's tries for the lease."""
        return self.lease.total_seconds() / 6

    @property
    def scan_every(self) -> float:
        """Seconds between looks for updates no live instance has claimed."""
        return 0.25 if self.shared else 5.0

    async def join(self, stop: asyncio.Event) -> None:
        """Take this instance's id (waiting out a dead run's, up to two leases) and start renewing it.

        Raises InstanceIdInUse if another run keeps renewing it, StoppedWhileJoining if stop is set first.
        """
        alone = not self.shared
        role = (Role.POLLER if self.polling else Role.WORKER) if alone else self._unleased_role
        deadline = time.monotonic() + 2 * self.lease.total_seconds() + 1
        while not await self._db.write(
            lambda unit: leases.join_in(
                unit, self.id, self._run_token, role, now=self._now(), ttl=self.lease, alone=alone
            )
        ):
            if time.monotonic() > deadline:
                raise InstanceIdInUse(
                    f"another running instance uses the id {self.id!r}: give each instance its own"
                    " SAMVAD_INSTANCE_ID"
                )
            log.info("instance id %s is still held by a previous run; waiting for it to expire", self.id)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.standby_every)
            if stop.is_set():
                raise StoppedWhileJoining
        self.role = role
        if alone:
            self._db.others_live = False
            if self.polling:
                self._set_holding(True)
            return
        await self._renew()
        self._keep_alive = asyncio.create_task(self._keep_alive_loop(), name="samvad-instance-keep-alive")

    async def leave(self) -> None:
        """Stop renewing; give up the identity, the lease and the claims at once (a standby takes over now)."""
        if self._keep_alive is not None:
            self._keep_alive.cancel()
            await asyncio.gather(self._keep_alive, return_exceptions=True)
            self._keep_alive = None
        self._set_holding(False)
        try:
            await asyncio.wait_for(
                self._db.write(lambda unit: leases.leave_in(unit, self.id, self._run_token)), timeout=2.0
            )
        except (StorageError, TimeoutError) as error:
            log.warning("could not sign instance %s off (%s); its lease and claims will expire", self.id, error)

    def now(self) -> datetime:
        """The time leases and claims are reckoned in (the wall clock)."""
        return self._now()

    def holds_poll_lease(self) -> bool:
        """Whether this instance may call getUpdates now."""
        return self._holding.is_set()

    async def poll_lease_taken(self) -> None:
        """Wait until this instance holds the poller lease."""
        await self._holding.wait()

    async def poll_lease_lost(self) -> None:
        """Wait until this instance no longer holds the poller lease."""
        await self._not_holding.wait()

    @property
    def claims_at_store(self) -> bool:
        """Whether updates this instance stores are claimed by it at once.

        A poller with live peers leaves them to be claimed by whichever instance looks first (so the
        work is shared); alone, or in webhook mode (where the proxy spreads updates), it claims them.
        """
        return not (self.role is Role.POLLER and self.peers > 0)

    @property
    def _unleased_role(self) -> Role:
        return Role.STANDBY if self.polling else Role.WORKER

    async def _keep_alive_loop(self) -> None:
        while True:
            await asyncio.sleep(self.renew_every if self.holds_poll_lease() or not self.polling else self.standby_every)
            await self._renew()

    async def _renew(self) -> None:
        try:
            held, joined, peers = await self._db.write(self._renew_in)
        except Exception as error:  # a storage outage, or a fault: either way, this renewal did not happen
            if isinstance(error, StorageError):
                log.warning("instance %s cannot renew its lease and claims: %s", self.id, error)
            else:
                log.exception("instance %s failed to renew its lease and claims", self.id)
            # Stop polling at the second failure in a row: a third of the lease before it can lapse and pass.
            if self.holds_poll_lease() and time.monotonic() - self._renewed_at > 0.5 * self.lease.total_seconds():
                log.error("instance %s stops polling: its lease could not be renewed", self.id)
                self._set_holding(False)
                self.role = self._unleased_role
            return
        if not joined:
            log.error("another run took the instance id %s while this one could not renew it", self.id)
        self.peers = peers
        self._db.others_live = peers > 0
        if held and not self.holds_poll_lease():
            log.info("instance %s took the poller lease: it polls now", self.id)
        elif not held and self.holds_poll_lease():
            log.warning("instance %s lost the poller lease: it stops polling", self.id)
        if held:
            self._renewed_at = time.monotonic()
        self._set_holding(held)
        self.role = Role.POLLER if held else self._unleased_role

    def _renew_in(self, unit: Unit) -> tuple[bool, bool, int]:
        now = self._now()
        held = self.polling and leases.hold_in(unit, leases.POLLER, self.id, now=now, ttl=self.lease)
        role = Role.POLLER if held else self._unleased_role
        joined = leases.join_in(unit, self.id, self._run_token, role, now=now, ttl=self.lease)
        if joined:
            inbox.renew_claims_in(unit, self.id, now=now, ttl=self.lease)
        return held, joined, leases.live_peers_in(unit, self.id, now=now)

    def _set_holding(self, held: bool) -> None:
        if held:
            self._not_holding.clear()
            self._holding.set()
        else:
            self._holding.clear()
            self._not_holding.set()
