"""Project-wide test settings."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# Property tests run on a shared 2-core machine next to servers and other tests: a slow example is not a
# failure (no deadline), and the health check on slow data generation would only add noise.
settings.register_profile("marsad", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("marsad")
