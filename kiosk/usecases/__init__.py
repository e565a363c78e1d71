"""Use cases: plain Python that takes the store and ports as arguments. The UI calls these."""
