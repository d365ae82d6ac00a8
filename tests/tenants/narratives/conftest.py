import pytest

from tests.factories import ConsumerFactory


@pytest.fixture
def consumer(db):
    """The consumer the narratives' facts name."""
    return ConsumerFactory(full_name="Joana Prado Lemos")
