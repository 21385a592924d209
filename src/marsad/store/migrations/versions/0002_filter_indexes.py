"""indexes for the API's filtered pages

Equality on country / admin1 (case-insensitive) / event type / sub-event type, ordered by (day, id) as the
keyset pages are. The lat/lon index goes: SQLite chose it for every bounding-box query and then sorted the
whole range, slower than walking (day, id) and filtering (bench/api_bench.py: p95 from ~55 s to ~35 ms at
100 requests/s over 100,000 events).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_events_lat_lon", table_name="events")
    op.create_index("ix_events_country_day_id", "events", [sa.text("lower(country)"), "day", "id"])
    op.create_index("ix_events_admin1_day_id", "events", [sa.text("lower(admin1)"), "day", "id"])
    op.create_index("ix_events_event_type_day_id", "events", ["event_type", "day", "id"])
    op.create_index("ix_events_sub_event_type_day_id", "events", ["sub_event_type", "day", "id"])


def downgrade() -> None:
    op.drop_index("ix_events_sub_event_type_day_id", table_name="events")
    op.drop_index("ix_events_event_type_day_id", table_name="events")
    op.drop_index("ix_events_admin1_day_id", table_name="events")
    op.drop_index("ix_events_country_day_id", table_name="events")
    op.create_index("ix_events_lat_lon", "events", ["latitude", "longitude"])
