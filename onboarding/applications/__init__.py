"""What every application to join the platform shares, whoever applies (a company, a city's
Procon): the decision columns, the lock a decision takes, the platform's e-mail about it, the 409
of a decision its status refuses and the supervisor's decision page. Each kind of application
keeps its own fields, statuses and consequences."""
