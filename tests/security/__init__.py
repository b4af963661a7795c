"""The site-wide sweeps: every URL (walker.py), every form field (forms.py), every method.

walker.py finds the URLs, rows.py snapshots what a user owns, forms.py derives each POST
view's fields from its own form classes, hostile.py holds the values and the page checks.
A new URL, form field or table is swept without anyone listing it.
"""
