"""The pages and tabs of the main window (see ``casusregie.ui``)."""
