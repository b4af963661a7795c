"""Nothing of this app is in the admin, on purpose.

Its tables hold users' own writing (answers, notes, mock interview logs). Staff curate
the content pack and manage accounts; they never need to read users' data, so the
admin cannot show it (SECURITY.md). tests/test_admin_scope.py fails if a model here
is registered.
"""
