"""ESC/POS receipt printer: driver (python-escpos transports, our own Chinese handling and
status), rendering of :class:`kiosk.receipts.Document` to bytes, a job journal, and a TCP
capture simulator (``kiosk sim printer``)."""
