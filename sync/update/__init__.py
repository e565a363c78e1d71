"""Software updates through TUF (docs/fleet.md "Software updates").

- :mod:`sync.update.state` — the update's state file (``<data_dir>/update/state.json``);
- :mod:`sync.update.repository` — python-tuf's ngclient against the province's repository,
  every download with a deadline; picks the newest app target for the terminal's ring;
- :mod:`sync.update.release` — installs a verified target into ``releases/<version>/``,
  switches the ``current`` symlink atomically, rolls back, confirms the boot;
- :mod:`sync.update.gate` — the maintenance window and "no resident in session".
"""
