"""The kinds of personal data the scrubber finds, and the placeholder each is replaced by."""

from enum import StrEnum


class Kind(StrEnum):
    CPF = "cpf"
    CNPJ = "cnpj"
    RG = "rg"
    PHONE = "phone"
    EMAIL = "email"
    CEP = "cep"
    ADDRESS = "address"
    CARD = "card"
    ACCOUNT = "account"
    NAME = "name"
    PLATE = "plate"
    PROTOCOL = "protocol"


PLACEHOLDERS: dict[Kind, str] = {
    Kind.CPF: "[CPF]",
    Kind.CNPJ: "[CNPJ]",
    Kind.RG: "[RG]",
    Kind.PHONE: "[TELEFONE]",
    Kind.EMAIL: "[E-MAIL]",
    Kind.CEP: "[CEP]",
    Kind.ADDRESS: "[ENDEREÇO]",
    Kind.CARD: "[CARTÃO]",
    Kind.ACCOUNT: "[CONTA]",
    Kind.NAME: "[NOME]",
    Kind.PLATE: "[PLACA]",
    Kind.PROTOCOL: "[PROTOCOLO]",
}

# When two findings overlap, the higher wins (then the longer).
PRIORITY: dict[Kind, int] = {
    Kind.EMAIL: 90,
    Kind.CARD: 80,
    Kind.CNPJ: 75,
    Kind.CPF: 70,
    Kind.CEP: 65,
    Kind.RG: 60,
    Kind.ACCOUNT: 55,
    Kind.PHONE: 50,
    Kind.PLATE: 45,
    Kind.PROTOCOL: 40,
    Kind.ADDRESS: 30,
    Kind.NAME: 20,
}
