"""Python ``QObject`` view-models that the QML views bind to (one per screen or concern)."""
