"""Marsad (مرصد): Arabic news reports about the Sahel → ACLED-grade event records."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
