"""Helpers shared by the serial drivers and simulators (pty pairs, pyserial seam)."""
