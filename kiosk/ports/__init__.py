"""Ports: the ``Protocol``s that devices and the platform client satisfy.

One module per device kind (and one for the platform). Results and statuses are tagged
unions (frozen dataclasses joined with ``|``): a card pulled out is a result, not an exception.
"""
