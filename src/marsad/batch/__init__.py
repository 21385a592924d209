"""Archive-scale extraction on Dask: partitions, resumable output, summary (see :mod:`marsad.batch.run`)."""

from marsad.batch.run import BatchSummary, run_batch

__all__ = ["BatchSummary", "run_batch"]
