"""GA/T 467-2019 resident ID card reader: frame codec, pyserial driver, pty simulator."""
