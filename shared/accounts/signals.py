"""Guards on the user table.

Procon schemas point at `accounts_user` without a database constraint (a constraint per schema
would put two triggers per foreign key on this one table: about 190,000 at every Brazilian
municipality, slowing every clone and every update of a user). The rule those constraints kept
is kept here: a user row is never deleted. Closing an account anonymises it
(`shared.accounts.privacy.do_delete_account`) and the row stays for the case files.
"""

from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from shared.accounts.models import User


@receiver(pre_delete, sender=User, dispatch_uid="accounts.refuse_user_deletion")
def refuse_user_deletion(sender: type[User], instance: User, **kwargs: object) -> None:
    raise ProtectedError(
        "User rows are never deleted: Procon case files in every schema refer to them. "
        "Anonymise the account instead (shared.accounts.privacy.do_delete_account).",
        {instance},
    )
