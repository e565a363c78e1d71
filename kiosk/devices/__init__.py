"""Generic device infrastructure (no driver imports): worker thread, status stream, reconnect.

- :mod:`kiosk.devices.worker` — one thread per device, jobs in order, ``submit → Future``.
- :mod:`kiosk.devices.status` — health as a stream (callbacks or a queue), changes only.
- :mod:`kiosk.devices.manager` — lazy connect, health probes and reconnect with capped backoff
  while idle; a job on an absent device gets the caller's "unavailable" result.
- :mod:`kiosk.devices.delays` — every delay of a driver in one object tests can shrink.
- :mod:`kiosk.devices.paths` — ``/dev/serial/by-id`` paths that survive replugging.
- :mod:`kiosk.devices.wedge` — keyboard-wedge scanner bursts told apart from typing.
- :mod:`kiosk.devices.health` — the states all devices share.
"""
