"""Command modules; each defines ``register(cli: terminal.cli.registry.CliRegistry)``."""
