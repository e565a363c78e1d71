"""Identity documents: the typed card record, code tables, the GA/T 490 text block, dates.

Pure domain code: no device I/O here (drivers live in ``drivers/``).
"""

from kiosk.identity.card import CARD_TYPES, IdentityCard
from kiosk.identity.ssc import SocialSecurityCard

__all__ = ["CARD_TYPES", "IdentityCard", "SocialSecurityCard"]
