"""Addresses the outbox never sends to: any address in the `.invalid` top-level domain, which
RFC 2606 reserves so that it can never resolve. A consumer an attendant registered without an
e-mail holds such an address (shared.accounts.unclaimed) until they claim the account."""

UNDELIVERABLE_TLD = ".invalid"


def is_deliverable(address: str) -> bool:
    return bool(address) and not address.strip().lower().rstrip(">").endswith(UNDELIVERABLE_TLD)


def deliverable(addresses: list[str]) -> list[str]:
    return [address for address in addresses if is_deliverable(address)]
