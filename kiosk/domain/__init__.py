"""The domain of Bianmin Kiosk: service items, forms, applications and feedback. Pure Python."""
