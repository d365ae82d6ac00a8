"""Every write on a complaint: one function per lifecycle step, each in a transaction with the
row locked, the guard, the change, a timeline event, the case-index row and the e-mails.
`steps` holds what they share; the others are grouped by the stage of the case."""
