"""Branches with the same CNPJ root (first eight characters) form one economic group."""

import pytest

from shared.companies.actions import do_register_company
from shared.companies.selectors import company_group
from tests.factories import cnpj_for

pytestmark = pytest.mark.django_db


def test_the_group_is_every_company_with_the_same_root() -> None:
    head = do_register_company(cnpj=cnpj_for("27182818"), legal_name="Matriz")
    branch = do_register_company(cnpj=cnpj_for("27182818", "0002"), legal_name="Filial")
    do_register_company(cnpj=cnpj_for("27182819"), legal_name="Outra")

    assert list(company_group(branch)) == [head, branch]
    assert head.is_headquarters and not branch.is_headquarters


def test_alphanumeric_roots_group_too() -> None:
    head = do_register_company(cnpj="12ABC34501DE35", legal_name="Alfa")

    assert list(company_group(head)) == [head]
    assert head.cnpj_root == "12ABC345"
