"""Cases: one record per person across reports, sources, languages and scripts.

``context`` reads what an article says about each person, ``link`` decides which mentions
are one person, ``linker`` keeps the cases up to date after each stored article, ``review``
records reviewers' merges and splits, ``store`` holds the SQL.
"""
