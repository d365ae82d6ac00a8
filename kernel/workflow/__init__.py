"""Workflow primitives every aggregate with a lifecycle shares (a complaint, a sanction process,
a hearing): the step table and its guard, the row lock, yearly numbering, the abstract timeline
entry, the stored step documents, the deadline sweep's tasks and the choice of the role a
caller acts in. Nothing here knows an app: each app declares its table and passes its rules."""
