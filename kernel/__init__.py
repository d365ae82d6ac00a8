"""The platform's neutral kernel: workflow primitives (illegal steps, guards, row locks,
numbering, timeline events, role resolution) and the web helpers every app's pages and API
share. It imports Django, DRF and the standard library only, never an app of the project."""
