"""Command modules; each defines ``register(cli: terminal.cli.registry.CliRegistry)``.

:data:`PROVIDERS` names, for each top-level command or group, the modules that register into
it, so that ``kiosk run`` imports one module instead of all of them before its window shows.
A name missing here still works (every module is imported, as before); the test
``tests/core/test_cli_command_index.py`` keeps the table equal to what the modules register.
"""

PROVIDERS: dict[str, tuple[str, ...]] = {
    "audit": ("core_commands",),
    "catalog": ("catalog_search", "core_commands"),
    "config": ("core_commands",),
    "device": ("document_printer", "identity_devices", "output_devices"),
    "maintenance": ("maintenance",),
    "platform-sim": ("sync_commands",),
    "queue": ("sync_commands",),
    "run": ("ui_commands",),
    "screenshots": ("ui_commands",),
    "selftest": ("maintenance",),
    "sim": (
        "document_printer",
        "identity_codes",
        "identity_devices",
        "output_devices",
        "sim_control",
    ),
    "status": ("core_commands",),
    "store": ("store_keys",),
    "support": ("maintenance",),
    "sync": ("sync_commands",),
    "update": ("update_commands",),
    "verify": ("verify",),
}
