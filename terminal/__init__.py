"""The shell: the composition root (``terminal.root``), process start-up (``terminal.startup``,
``terminal.sdnotify``) and the ``kiosk`` command line (``terminal.cli``).

The only package that imports ``kiosk``, ``drivers``, ``sync`` and ``ui`` together
(architecture.md); none of them imports it.
"""
