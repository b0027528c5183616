"""Menu actions on the case on screen: edit, report, sync (see ``casusregie.ui``)."""
