"""Qt item models over case data (see ``casusregie.ui``)."""
