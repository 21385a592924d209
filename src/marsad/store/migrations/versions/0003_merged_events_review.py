"""merged events as rows, analyst review and its audit

``clusters`` gains the merged record's fields (spec §6) for filtering, paging and aggregating merged
events, ``cluster_records`` keeps the whole record as JSON; ``events`` gains the sided associated actors
and the analyst's reviewed fields; ``cluster_reviews`` keeps corrections of merged events,
``cluster_pointers`` the ids of joined clusters, ``audit`` every change. Existing clusters are rebuilt
from their members.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CLUSTER_COLUMNS = (
    ("day", sa.Date()), ("status", sa.String(16)), ("event_date", sa.Date()), ("date_min", sa.Date()),
    ("date_max", sa.Date()), ("time_precision", sa.Integer()), ("event_type", sa.String(64)),
    ("sub_event_type", sa.String(64)), ("actor1", sa.String(64)), ("actor2", sa.String(64)),
    ("country", sa.String(64)), ("admin1", sa.String(128)), ("admin2", sa.String(128)),
    ("location", sa.String(255)), ("latitude", sa.Float()), ("longitude", sa.Float()),
    ("geo_precision", sa.Integer()),
)


def upgrade() -> None:
    for name, kind in CLUSTER_COLUMNS:  # plain ADD COLUMN: a batch copy would lose the expression indexes
        op.add_column("clusters", sa.Column(name, kind, nullable=True))
    for name in ("assoc_actors1", "assoc_actors2", "reviewed"):
        op.add_column("events", sa.Column(name, sa.JSON(), nullable=True))
    op.create_index("ix_clusters_day_id", "clusters", ["day", "id"])
    op.create_index("ix_clusters_country_day_id", "clusters", [sa.text("lower(country)"), "day", "id"])
    op.create_index("ix_clusters_admin1_day_id", "clusters", [sa.text("lower(admin1)"), "day", "id"])
    op.create_index("ix_clusters_event_type_day_id", "clusters", ["event_type", "day", "id"])
    op.create_index("ix_clusters_area_day", "clusters", ["country", "admin1", "admin2", "day", "fatalities"])
    op.create_table(
        "cluster_records",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cluster_records")),
    )
    op.create_table(
        "cluster_pointers",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("target", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cluster_pointers")),
    )
    op.create_index("ix_cluster_pointers_target", "cluster_pointers", ["target"])
    op.create_table(
        "cluster_reviews",
        sa.Column("cluster_id", sa.String(40), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("by", sa.String(128), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("cluster_id", "field", name=op.f("pk_cluster_reviews")),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("who", sa.String(128), nullable=False),
        sa.Column("target", sa.String(16), nullable=False),
        sa.Column("target_id", sa.String(300), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("old", sa.JSON(), nullable=True),
        sa.Column("new", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit")),
    )
    op.create_index("ix_audit_target_id", "audit", ["target_id"])
    _rebuild_clusters()


def _rebuild_clusters() -> None:
    from sqlalchemy.orm import Session

    from marsad.store.recluster import refresh_all

    session = Session(bind=op.get_bind())
    refresh_all(session)
    session.flush()


def downgrade() -> None:
    op.drop_index("ix_audit_target_id", table_name="audit")
    op.drop_table("audit")
    op.drop_table("cluster_reviews")
    op.drop_table("cluster_records")
    op.drop_index("ix_cluster_pointers_target", table_name="cluster_pointers")
    op.drop_table("cluster_pointers")
    for name in ("ix_clusters_area_day", "ix_clusters_event_type_day_id", "ix_clusters_admin1_day_id",
                 "ix_clusters_country_day_id", "ix_clusters_day_id"):
        op.drop_index(name, table_name="clusters")
    # SQLite drops columns by copying the table, which loses the expression indexes: drop and re-create them
    op.drop_index("ix_events_admin1_day_id", table_name="events")
    op.drop_index("ix_events_country_day_id", table_name="events")
    with op.batch_alter_table("events") as batch:
        for name in ("reviewed", "assoc_actors2", "assoc_actors1"):
            batch.drop_column(name)
    op.create_index("ix_events_country_day_id", "events", [sa.text("lower(country)"), "day", "id"])
    op.create_index("ix_events_admin1_day_id", "events", [sa.text("lower(admin1)"), "day", "id"])
    with op.batch_alter_table("clusters") as batch:
        for name, _kind in reversed(CLUSTER_COLUMNS):
            batch.drop_column(name)
