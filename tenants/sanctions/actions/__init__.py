"""Every write of fiscalização: inspections, the auto de infração and each step of the sanction
process, each in a transaction with the row locked, the guard, the change, a timeline event, the
case-index row and the e-mails (queued, sent after commit). `steps` holds what they share."""
