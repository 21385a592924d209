"""One router module per resource: health, events, documents, export, and the dashboard."""
