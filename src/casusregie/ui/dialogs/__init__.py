"""Modal dialogs (see ``casusregie.ui``)."""
