"""Self-service adhesion of municipal Procons and of companies (public schema)."""
