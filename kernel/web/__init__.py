"""Web helpers every app's pages and API share: a selector's NotFound as the page's 404, an
action's ValidationError on a form, file downloads, the accessible form base and file field,
the upload checks and the PDF table. Django and DRF only; no app of the project."""
