"""The technician's maintenance mode: PIN, self-tests, configuration edits, outbox, catalog,
audit and storage overviews, and the support export. The API is
:class:`kiosk.service.maintenance_api.MaintenanceApi`; :class:`kiosk.maintenance.service.Maintenance`
implements it over the application facade."""
