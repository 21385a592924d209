"""Marsad against ACLED: match the stored merged events with the rows of an ACLED export and report.

    marsad compare --acled export.csv --from 2024-01-01 --to 2024-06-30 --country Mali

:mod:`acled` reads the export, :mod:`events` the store's merged events, :mod:`match` pairs them,
:mod:`report` writes Markdown, HTML (plots as inline SVG) and JSON.
"""
