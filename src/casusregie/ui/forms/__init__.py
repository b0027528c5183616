"""Templates rendered as forms: sections, rows, tables, occasions (see ``casusregie.ui``)."""
