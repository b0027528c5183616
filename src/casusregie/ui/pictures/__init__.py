"""The pictures on screen: a Qt scene drawn from the pure ``layout`` (see ``scene``),
a zoomable view, export, and the panel that shows a case's pictures."""
