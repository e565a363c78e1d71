"""The service catalog: schema validation, the sample catalog, import and export."""
