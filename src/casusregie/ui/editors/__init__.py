"""An editor per field type, and their binding to stored fields (see ``casusregie.ui``)."""
