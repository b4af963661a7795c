"""Practice pages, one module per feature; prepapp.practice.urls names them."""
