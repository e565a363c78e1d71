"""Command modules; each defines ``register(cli: kiosk.cli.registry.CliRegistry)``."""
