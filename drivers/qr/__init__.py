"""QR/barcode readers: serial line devices (pyserial) and their pty simulator.

Keyboard-wedge scanners type into the UI instead; their burst detector is pure logic in
:mod:`kiosk.devices.wedge` so that the UI can use it without importing drivers.
"""
