"""Social security card (社会保障卡) over PC/SC: APDUs, pyscard driver, vpcd card emulator."""
