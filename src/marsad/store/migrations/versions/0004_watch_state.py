"""the watcher's state: sources, items seen, alert versions of merged events, alerts

Revision ID: 0004
Revises: 0002 (issue 11's branch; re-chained after issue 10's 0003 when merged)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=1000), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_poll", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_ok", sa.DateTime(timezone=True), nullable=True),
        sa.Column("polls", sa.Integer(), nullable=False),
        sa.Column("items_total", sa.Integer(), nullable=False),
        sa.Column("items_last", sa.Integer(), nullable=False),
        sa.Column("errors_total", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_sources")),
        sa.UniqueConstraint("name", name=op.f("uq_watch_sources_name")),
    )
    op.create_table(
        "watch_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=1000), nullable=False),
        sa.Column("doc_id", sa.String(length=255), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_sig", sa.String(length=64), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("versions", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_items")),
        sa.UniqueConstraint("key", name=op.f("uq_watch_items_key")),
    )
    op.create_index(op.f("ix_watch_items_source"), "watch_items", ["source"])
    op.create_index(op.f("ix_watch_items_doc_id"), "watch_items", ["doc_id"])
    op.create_table(
        "watch_clusters",
        sa.Column("cluster_id", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("previous", sa.String(length=40), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("cluster_id", name=op.f("pk_watch_clusters")),
    )
    op.create_table(
        "watch_cluster_sources",
        sa.Column("doc_id", sa.String(length=255), nullable=False),
        sa.Column("cluster_id", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("doc_id", "cluster_id", name=op.f("pk_watch_cluster_sources")),
    )
    op.create_index(op.f("ix_watch_cluster_sources_cluster_id"), "watch_cluster_sources", ["cluster_id"])
    op.create_table(
        "watch_alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("rule", sa.String(length=255), nullable=False),
        sa.Column("cluster_id", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("webhook", sa.Text(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_alerts")),
        sa.UniqueConstraint("key", name=op.f("uq_watch_alerts_key")),
    )
    op.create_index(op.f("ix_watch_alerts_rule"), "watch_alerts", ["rule"])
    op.create_index(op.f("ix_watch_alerts_cluster_id"), "watch_alerts", ["cluster_id"])
    op.create_index(op.f("ix_watch_alerts_created_at"), "watch_alerts", ["created_at"])


def downgrade() -> None:
    op.drop_table("watch_alerts")
    op.drop_table("watch_cluster_sources")
    op.drop_table("watch_clusters")
    op.drop_table("watch_items")
    op.drop_table("watch_sources")
