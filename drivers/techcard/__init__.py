"""The technician card: its applet emulator for vpcd, the tool that issues card files, and the
PC/SC exchange that reads the certificate and gets a challenge signed."""
