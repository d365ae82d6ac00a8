"""Demo data: the Procons, companies, users (one per role), complaints, sanctions and history
that `make run` loads (`manage.py seed_demo`, idempotent), and the demo accounts' second factor
(`manage.py demo_totp_code`). The top layer under config: it calls any app's actions; no app
imports it (docs/architecture.md, "Layers")."""
