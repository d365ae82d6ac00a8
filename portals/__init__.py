"""Portals: the apps that show the whole platform to one audience across Procons. The company's
inbox (its cases at every Procon) and the state supervisor's panel (figures of every Procon)
read the public case index and, through shared.procons.schemas.in_procon_schema, a Procon's
schema. They sit above onboarding, tenants and shared; nothing below imports them
(docs/architecture.md, "Layers")."""
