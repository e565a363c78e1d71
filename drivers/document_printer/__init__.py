"""The A4 document printer through CUPS (pycups), and its cups-pdf simulator."""
