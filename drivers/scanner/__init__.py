"""Document scanner on SANE (python-sane): device choice, settings, page compression, blank and
unreadable page detection, clean timeouts."""
