"""The ``kiosk`` command line: one entry point, subcommands contributed by modules."""
