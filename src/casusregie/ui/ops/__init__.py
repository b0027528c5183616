"""The operations: plain functions over Profile and Store, no Qt (see ``casusregie.ui``)."""
