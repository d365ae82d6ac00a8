"""The scrubber of consented narratives: each kind of personal data leaves the text, what is
public stays, and nothing a consumer types breaks it. Pure Python: no database."""

import json
from pathlib import Path

import pytest

from shared.narratives.kinds import Kind
from shared.narratives.scrubber import scrub

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "narratives"
COMPANY = ["Magazine Luiza", "Magalu", "47.960.950/0001-21"]


@pytest.mark.parametrize(
    ("sentence", "datum", "kind"),
    [
        ("Meu CPF é 529.982.247-25 e nunca autorizei.", "529.982.247-25", Kind.CPF),
        ("Cadastraram a linha no CPF 52998224725 sem meu aval.", "52998224725", Kind.CPF),
        ("Digitei o CPF 529.982.247-26 errado no site.", "529.982.247-26", Kind.CPF),
        ("Abriram um MEI, CNPJ 11.222.333/0001-81, no meu nome.", "11.222.333/0001-81", Kind.CNPJ),
        ("Portador do RG 12.345.678-X, residente em Campinas.", "12.345.678-X", Kind.RG),
        ("Meu RG nº MG-14.321.987 foi usado por terceiros.", "MG-14.321.987", Kind.RG),
        ("Podem me ligar no (11) 98765-4321 à tarde.", "(11) 98765-4321", Kind.PHONE),
        ("Meu WhatsApp é +55 21 99876-5432.", "+55 21 99876-5432", Kind.PHONE),
        ("Telefone fixo 3456-7890, falar comigo.", "3456-7890", Kind.PHONE),
        (
            "Respondam para joana.prado82@gmail.com por favor.",
            "joana.prado82@gmail.com",
            Kind.EMAIL,
        ),
        ("A entrega era no CEP 01310-100 e não chegou.", "01310-100", Kind.CEP),
        (
            "Moro na Rua Benedito Calixto, 123, apto 45, e o pacote sumiu.",
            "Rua Benedito Calixto, 123, apto 45",
            Kind.ADDRESS,
        ),
        (
            "Entregaram na Av. Sete de Setembro 900 errado.",
            "Av. Sete de Setembro 900",
            Kind.ADDRESS,
        ),
        ("Cobraram no cartão 4111 1111 1111 1111 duas vezes.", "4111 1111 1111 1111", Kind.CARD),
        ("Depositem na agência 1234-5, conta 67890-1.", "67890-1", Kind.ACCOUNT),
        (
            "Paguei por Pix à chave 7e29003c-4f6d-418e-bda4-de54d6bdc21e.",
            "7e29003c-4f6d-418e-bda4-de54d6bdc21e",
            Kind.ACCOUNT,
        ),
        ("O carro de placa BRA2E19 foi multado.", "BRA2E19", Kind.PLATE),
        ("Recebi o protocolo 20240315001234 e nada.", "20240315001234", Kind.PROTOCOL),
        ("O número do pedido é R15402706 e sumiu.", "R15402706", Kind.PROTOCOL),
        ("Meu nome é Joana Prado da Silva e sou aposentada.", "Joana Prado da Silva", Kind.NAME),
        ("O atendente Wolfgang desligou na minha cara.", "Wolfgang", Kind.NAME),
        ("A Sra. da Cruz do financeiro confirmou o erro.", "da Cruz", Kind.NAME),
        ("Falei com a Marta, que prometeu retorno.", "Marta", Kind.NAME),
        (
            "Giada de Siqueira Nunes, CPF 247.457.464-66, reclama.",
            "Giada de Siqueira Nunes",
            Kind.NAME,
        ),
        ("O técnico Klaus-Ulrich veio em 12/05.", "Klaus-Ulrich", Kind.NAME),
    ],
)
def test_each_kind_of_personal_data_is_replaced_by_its_placeholder(sentence, datum, kind):
    scrubbed = scrub(sentence, keep=COMPANY)

    assert datum not in scrubbed.text
    assert any(sentence[s.start : s.end] == datum and s.kind is kind for s in scrubbed.spans)
    assert scrubbed.text.count("[") >= 1


@pytest.mark.parametrize(
    "public",
    [
        "R$ 1.234,56",
        "12/03/2024",
        "art. 49 do CDC",
        "Lei 8.078/1990",
        "Galaxy A54 5G",
        "0800 722 7272",
        "4004-0001",
        "São Paulo/SP",
        "Juiz de Fora",
        "12x de R$ 99,90",
        "Magazine Luiza",
        "47.960.950/0001-21",
        "14h30",
        "Código de Defesa do Consumidor",
    ],
)
def test_public_look_alikes_stay(public):
    sentence = f"Sobre a compra ({public}), reclamo com base na lei."

    scrubbed = scrub(sentence, keep=COMPANY)

    assert public in scrubbed.text
    assert scrubbed.spans == ()


def test_keep_protects_the_company_in_any_spelling_while_other_cnpjs_go():
    text = "A magazine luiza (CNPJ 47960950000121) vendeu; a loja 11.222.333/0001-81 entregou."

    scrubbed = scrub(text, keep=COMPANY)

    assert "magazine luiza" in scrubbed.text
    assert "47960950000121" in scrubbed.text
    assert "11.222.333/0001-81" not in scrubbed.text


def test_a_given_name_inside_the_company_name_stays_with_keep_and_goes_without():
    text = "Comprei na Magazine Luiza e a vendedora Luiza Souza me atendeu."

    kept = scrub(text, keep=COMPANY)
    unkept = scrub(text)

    assert kept.text == "Comprei na Magazine Luiza e a vendedora [NOME] me atendeu."
    assert "Magazine Luiza" not in unkept.text


def test_the_consumers_own_name_is_redacted_in_any_case_and_by_its_parts():
    text = "a consumidora JOANA PRADO ligou; depois a joana voltou; Prado é meu sobrenome."

    scrubbed = scrub(text, also_redact=["Joana Prado"])

    assert "joana" not in scrubbed.text.lower()
    assert "prado" not in scrubbed.text.lower()


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # A word no Portuguese text uses, after a word that introduces a person.
        ("falei com a atendente woldemar e depois com o supervisor", "woldemar"),
        ("o técnico tyler trocou a peça errada", "tyler"),
        # A given name that is also a rare word: its bearers outnumber its use.
        ("minha filha luna que fez o cadastro", "luna"),
        # A given name that is also a word, with a second given name or a surname after it.
        ("deixaram com a vizinha henry gabriel na portaria", "henry gabriel"),
        ("ola sou gael Nogueira e moro em Campinas", "gael Nogueira"),
        # A word no list knows before a known surname.
        ("Giampiero da Nascimento viu tudo.", "Giampiero da Nascimento"),
        # A given name after an article inside a sentence.
        ("ja paguei a Hellena do telemarketing", "Hellena"),
        # Common Brazilian surnames typed in lower case after a lower-case given name.
        ("falei com a atendente maria da silva ontem", "maria da silva"),
        ("meu nome e joao santos e moro aqui", "joao santos"),
        # A place that no person's name opens with ends before the name after it.
        ("compraram em Santa Maria Lucca Prado e sumiram", "Lucca Prado"),
    ],
)
def test_names_in_informal_writing_are_redacted(sentence, name):
    scrubbed = scrub(sentence, keep=COMPANY)

    assert [sentence[s.start : s.end] for s in scrubbed.spans] == [name]
    assert scrubbed.text == sentence.replace(name, "[NOME]")


@pytest.mark.parametrize(
    "sentence",
    [
        # Ordinary words after a word that introduces a person stay.
        "o gerente responsável sumiu e a atendente negativou meu nome",
        "minha filha tbm tentou e eu msm fiz o cadastro pelo whats",
        "falei com a loja e com o suporte, a vendedora prometeu troca",
        # A given name that is a frequent word stays: "pastor", "nova".
        "conversei com a nova gerente e com o pastor da igreja",
        # Brands after an article, and a feast, are no people.
        "chamei o Uber e paguei a Renner, o Natal foi estragado",
        # A one-word city in parentheses or after the bairro is a place.
        "Entregaram no bairro Centro, Teresina, e não em (Teresina) mesmo.",
    ],
)
def test_ordinary_words_after_the_new_name_rules_stay(sentence):
    scrubbed = scrub(sentence, keep=COMPANY)

    assert scrubbed.text == sentence
    assert scrubbed.spans == ()


def test_a_lower_case_surname_follows_a_name_but_a_place_word_does_not():
    scrubbed = scrub("falei com a ana da loja e com a ana da silva", keep=COMPANY)

    assert scrubbed.text == "falei com a [NOME] da loja e com a [NOME]"


def test_spans_point_at_the_original_text_and_the_replacements_rebuild_the_result():
    text = "Eu, Carlos Eduardo Lima, CPF 529.982.247-25, tel. (11) 98765-4321."

    scrubbed = scrub(text)

    rebuilt, cursor = "", 0
    for span in scrubbed.spans:
        assert span.replacement == f"[{span.replacement[1:-1]}]"
        rebuilt += text[cursor : span.start] + span.replacement
        cursor = span.end
    assert rebuilt + text[cursor:] == scrubbed.text
    assert [text[s.start : s.end] for s in scrubbed.spans] == [
        "Carlos Eduardo Lima",
        "529.982.247-25",
        "(11) 98765-4321",
    ]


def _sample(split: str) -> list[dict]:
    return [json.loads(line) for line in (SAMPLE / f"{split}.jsonl").read_text().splitlines()]


def test_scrubbing_twice_changes_nothing():
    for record in (
        _sample("tuning")[:100]
        + _sample("heldout2")[:100]
        + _sample("heldout7")[:100]
        + _sample("heldout8")[:100]
    ):
        once = scrub(record["text"], keep=record["keep"])

        twice = scrub(once.text, keep=record["keep"])

        assert twice.text == once.text, record["id"]
        assert twice.spans == ()


@pytest.mark.parametrize(
    "hostile",
    [
        "1" * 200_000,
        "1-" * 50_000,
        "a@" * 50_000,
        "Sr. " * 20_000,
        "A " * 50_000,
        "Rua " * 20_000 + "123",
        "".join(chr(c % 32) for c in range(20_000)) + "CPF 529.982.247-25",
        "\x00Maria\x00Silva\x00 (11)\x0b98765-4321",
        "",
        "[NOME] [CPF] [" * 1000,
        "\u202eRua das Flores, 10\u202c ☎ 11 98765-4321 👍",
    ],
)
def test_hostile_input_is_scrubbed_without_error(hostile):
    scrubbed = scrub(hostile)

    for span in scrubbed.spans:
        assert 0 <= span.start < span.end <= len(hostile)
    assert "98765-4321" not in scrubbed.text
    assert "529.982.247-25" not in scrubbed.text


# The floors under the figures of docs/narratives.md: a change that loses recall fails here.
@pytest.mark.parametrize(
    ("split", "floor"),
    [
        ("tuning", 0.99),
        ("heldout", 0.99),
        ("heldout2", 0.99),
        ("heldout3", 0.99),
        ("heldout4", 0.99),
        ("heldout5", 0.99),
        ("heldout6", 0.99),
        ("heldout7", 0.975),
        ("heldout8", 0.975),
    ],
)
def test_the_sample_recall_stays_at_its_floor(split, floor):
    gold = found = 0
    for record in _sample(split):
        scrubbed = scrub(
            record["text"], keep=record["keep"], also_redact=[record["consumer"] or ""]
        )
        covered = {i for s in scrubbed.spans for i in range(s.start, s.end)}
        for g in record["spans"]:
            gold += 1
            found += all(
                i in covered or record["text"][i].isspace() for i in range(g["start"], g["end"])
            )
    assert found / gold >= floor, (split, found, gold)
