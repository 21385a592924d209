"""Cross-source merging of event records (see :mod:`marsad.merge.cluster`)."""

from marsad.merge.cluster import MergeItem, assign_clusters, cluster_events, event_key, link_score, merge_text
from marsad.merge.record import ClusterRecord, Review, build_cluster, fatalities_of
from marsad.merge.summary import ClusterSummary, MemberFacts, summarise

__all__ = [
    "ClusterRecord",
    "ClusterSummary",
    "MemberFacts",
    "MergeItem",
    "Review",
    "assign_clusters",
    "build_cluster",
    "cluster_events",
    "event_key",
    "fatalities_of",
    "link_score",
    "merge_text",
    "summarise",
]
