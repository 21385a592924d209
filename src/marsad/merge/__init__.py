"""Cross-source merging of event records (see :mod:`marsad.merge.cluster`)."""

from marsad.merge.cluster import MergeItem, assign_clusters, cluster_events, event_key, link_score, merge_text
from marsad.merge.summary import ClusterSummary, MemberFacts, summarise

__all__ = [
    "ClusterSummary",
    "MemberFacts",
    "MergeItem",
    "assign_clusters",
    "cluster_events",
    "event_key",
    "link_score",
    "merge_text",
    "summarise",
]
