"""The observatory: watch feeds, link pages and folders, store what is new, alert on what matters.

    marsad watch https://example.org/rss.xml --alerts rules.yaml --once

:mod:`sources` names what is watched, :mod:`fetch` gets it politely over HTTP (:mod:`robots`), :mod:`pages`
takes an article's main text, :mod:`state` remembers what was seen, :mod:`alerts` checks the rules and
:mod:`runner` ties them together.
"""
