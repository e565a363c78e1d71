"""Maintenance mode's forced catalog refresh over real HTTP: the platform's catalog is applied
at once (and the facade serves it), a second refresh has nothing new, a malformed version is
refused keeping the last good catalog, and the platform down is an outcome."""

from __future__ import annotations

from sync_helpers import Kiosk, Sim

from kiosk.service import KioskService
from kiosk.service.maintenance_api import CatalogRefreshed, CatalogRefreshFailed


def test_refresh_now(kiosk: Kiosk, sim: Sim) -> None:
    platform = kiosk.platform()
    try:
        svc = KioskService(kiosk.cfg, kiosk.data_dir)
        svc.open(kiosk.store)
        svc.attach(platform=platform)
        m = svc.maintenance
        out = m.catalog_refresh_now()
        assert isinstance(out, CatalogRefreshed) and out.changed and out.version_after > 0
        assert svc.catalog_version() == out.version_after and len(svc.catalog_items()) > 50
        assert m.catalog_refresh_now() == CatalogRefreshed(
            out.version_after, out.version_after, False
        )

        sim.post("/_sim/catalog/malformed", {})
        bad = m.catalog_refresh_now()
        assert bad == CatalogRefreshFailed(out.version_after, "invalid")
        assert svc.catalog_version() == out.version_after  # the last good catalog serves

        sim.server.stop()
        assert m.catalog_refresh_now() == CatalogRefreshFailed(out.version_after, "offline")
    finally:
        platform.close()
    events = [e["event"] for e in kiosk.store.audit.entries(limit=50)]
    assert "maintenance.catalog_refresh" in events
