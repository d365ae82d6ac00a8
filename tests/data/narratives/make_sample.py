"""Write the labelled sample of complaint narratives (README.md beside this file says how and why).

    .venv/bin/python tests/data/narratives/make_sample.py

Two splits from two disjoint sets of sentences and two seeds: `tuning.jsonl` (the scrubber was
tuned on it) and `heldout.jsonl` (never looked at while tuning; its sentences were written
before the scrubber and its names include foreign and compound ones). Deterministic.
"""

import json
import random
import string
from pathlib import Path

import sentences
from faker import Faker
from validate_docbr import CNPJ, CPF

HERE = Path(__file__).resolve().parent
_cpf, _cnpj = CPF(), CNPJ()


class Filler:
    """Personal data in the shapes consumers write it, each fill a (text, kind) pair."""

    def __init__(self, seed: int, foreign: bool) -> None:
        self.rng = random.Random(seed)
        random.seed(seed)  # validate-docbr draws its CPFs and CNPJs from the global generator
        self.fake = Faker("pt_BR")
        self.fake.seed_instance(seed)
        self.others = (
            [Faker(loc) for loc in ("it_IT", "es_ES", "en_US", "de_DE", "ja_JP")] if foreign else []
        )
        for i, other in enumerate(self.others):
            other.seed_instance(seed + i)

    def pick(self, *options):
        return self.rng.choice(options)

    def first(self) -> str:
        if self.others and self.rng.random() < 0.2:
            other = self.rng.choice(self.others[:4])
            return other.first_name()
        name = self.fake.first_name()
        if self.others and self.rng.random() < 0.15:
            name += " " + self.fake.first_name()
        return name

    def first_lower(self) -> str:
        return self.first().lower()

    def last(self) -> str:
        if self.others and self.rng.random() < 0.2:
            return self.rng.choice(self.others[:4]).last_name()
        return self.fake.last_name()

    def full(self) -> str:
        parts = [self.first()]
        for _ in range(self.rng.choice((1, 1, 2, 2, 3))):
            last = self.last()
            particle = "" if " " in last else self.pick("", "", "da ", "de ", "dos ", "do ")
            parts.append(particle + last)
        name = " ".join(parts)
        return name.upper() if self.rng.random() < 0.08 else name

    def cpf(self) -> str:
        number = _cpf.generate()
        if self.rng.random() < 0.12:  # a typo: the check digits are wrong
            number = number[:9] + f"{(int(number[9:]) + 7) % 100:02d}"
        style = self.rng.random()
        if style < 0.6:
            return f"{number[:3]}.{number[3:6]}.{number[6:9]}-{number[9:]}"
        if style < 0.85:
            return number
        return f"{number[:3]}.{number[3:6]}.{number[6:9]}{self.pick('/', '.', ' ')}{number[9:]}"

    def cnpj(self) -> str:
        return _cnpj.generate(mask=self.rng.random() < 0.8)

    def rg(self) -> str:
        n = "".join(self.rng.choices(string.digits, k=8))
        return self.pick(
            f"{n[:2]}.{n[2:5]}.{n[5:8]}-{self.pick(*string.digits, 'X')}",
            n[:7],
            f"{self.pick('MG', 'SP', 'RJ', 'BA')}-{n[:2]}.{n[2:5]}.{n[5:8]}",
            f"{n}{self.pick('', ' SSP/SP', '-SSP/BA')}",
        )

    def phone(self) -> str:
        ddd = self.pick(11, 21, 31, 41, 51, 61, 71, 81, 85, 92, 19, 27, 48, 62, 98)
        mobile = "9" + "".join(self.rng.choices(string.digits, k=8))
        fixed = self.pick("2", "3", "4") + "".join(self.rng.choices(string.digits, k=7))
        m, f = mobile, fixed
        return self.pick(
            f"({ddd}) {m[:5]}-{m[5:]}",
            f"{ddd} {m[:5]}-{m[5:]}",
            f"+55 {ddd} {m[:5]}-{m[5:]}",
            f"+55 ({ddd}) {m[:5]}{m[5:]}",
            f"{m[:5]}-{m[5:]}",
            f"({ddd}) {f[:4]}-{f[4:]}",
            f"{ddd}{m}",
            f"(0{ddd}) {f[:4]}-{f[4:]}",
            f"{ddd} {m[:1]} {m[1:5]}-{m[5:]}",
            f"{f[:4]}-{f[4:]}",
        )

    def email(self) -> str:
        user = self.fake.user_name() + self.pick("", str(self.rng.randint(1, 99)), ".br")
        domain = self.pick(
            "gmail.com",
            "hotmail.com",
            "yahoo.com.br",
            "outlook.com",
            "uol.com.br",
            "bol.com.br",
            "terra.com.br",
            "icloud.com",
        )
        return f"{user}@{domain}"

    def cep(self) -> str:
        n = f"{self.rng.randint(1000, 99999):05d}{self.rng.randint(0, 999):03d}"
        return self.pick(f"{n[:5]}-{n[5:]}", f"{n[:5]}-{n[5:]}", f"{n[:2]}.{n[2:5]}-{n[5:]}")

    def address(self) -> str:
        kind = self.pick(
            "Rua",
            "Rua",
            "Rua",
            "Avenida",
            "Av.",
            "Travessa",
            "Alameda",
            "Estrada",
            "Rodovia",
            "Praça",
            "R.",
        )
        name = self.pick(
            self.fake.last_name(),
            self.full(),
            f"{self.first()} {self.last()}",
            "Sete de Setembro",
            "XV de Novembro",
            "dos Andradas",
            "das Flores",
            f"{self.rng.randint(1, 40)}",
            "Presidente " + self.last(),
        )
        number = self.pick(
            f", {self.rng.randint(1, 3999)}",
            f", nº {self.rng.randint(1, 999)}",
            f" {self.rng.randint(1, 999)}",
            ", s/n",
            f", {self.rng.randint(1, 999)}-A",
        )
        extra = self.pick(
            "",
            "",
            f", apto {self.rng.randint(11, 154)}",
            f", bloco {self.pick('A', 'B', 'C')}, apto {self.rng.randint(11, 99)}",
            f", casa {self.rng.randint(1, 9)}",
            ", fundos",
        )
        return f"{kind} {name}{number}{extra}"

    def card(self) -> str:
        prefix = self.pick("4", "51", "55", "37", "6062")
        length = 15 if prefix == "37" else 16
        body = prefix + "".join(self.rng.choices(string.digits, k=length - len(prefix) - 1))
        check = next(d for d in string.digits if _luhn(body + d))
        n = body + check
        sep = self.pick(" ", "-", "", " ")
        if length == 15:
            return sep.join((n[:4], n[4:10], n[10:]))
        return sep.join(n[i : i + 4] for i in range(0, 16, 4))

    def agency(self) -> str:
        return self.pick(
            f"{self.rng.randint(1, 9999):04d}",
            f"{self.rng.randint(1, 9999):04d}-{self.rng.randint(0, 9)}",
        )

    def account(self) -> str:
        return self.pick(
            f"{self.rng.randint(1000, 999999)}-{self.pick(*string.digits, 'X')}",
            f"{self.rng.randint(10000, 99999999)}",
            f"00{self.rng.randint(10000, 999999)}-{self.rng.randint(0, 9)}",
        )

    def pix(self) -> str:
        return str(self.fake.uuid4())

    def plate(self) -> str:
        letters = "".join(self.rng.choices(string.ascii_uppercase, k=3))
        return self.pick(
            f"{letters}-{self.rng.randint(1000, 9999)}",
            f"{letters}{self.rng.randint(0, 9)}{self.rng.choice(string.ascii_uppercase)}{self.rng.randint(10, 99)}",
        )

    def protocol(self) -> str:
        return self.pick(
            "".join(self.rng.choices(string.digits, k=self.rng.randint(8, 20))),
            f"{self.rng.randint(2020, 2026)}{self.rng.randint(10**7, 10**9)}",
            f"{self.rng.choice(string.ascii_uppercase)}{self.rng.randint(10**6, 10**9)}",
        )


def _luhn(number: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(number)):
        v = int(c) * (2 if i % 2 else 1)
        total += v - 9 if v > 9 else v
    return total % 10 == 0


# Slot name -> (Filler method, kind of the gold span or None for what must stay).
SLOTS = {
    "nome": ("full", "name"),
    "primeiro_min": ("first_lower", "name"),
    "primeiro": ("first", "name"),
    "sobrenome": ("last", "name"),
    "cpf": ("cpf", "cpf"),
    "cnpj_pessoa": ("cnpj", "cnpj"),
    "rg": ("rg", "rg"),
    "telefone": ("phone", "phone"),
    "email": ("email", "email"),
    "cep": ("cep", "cep"),
    "endereco": ("address", "address"),
    "cartao": ("card", "card"),
    "agencia": ("agency", "account"),
    "conta": ("account", "account"),
    "pix": ("pix", "account"),
    "placa": ("plate", "plate"),
    "protocolo": ("protocol", "protocol"),
}


def render(template: str, filler: Filler, company: dict) -> tuple[str, list[dict], list[str]]:
    """Fill {slot}s left to right, recording gold spans; {empresa}, {cnpj_empresa} and the
    look-alike slots of sentences.LOOKALIKES are public and stay."""
    out, spans, names = "", [], []
    rest = template
    while "{" in rest:
        before, _, tail = rest.partition("{")
        slot, _, rest = tail.partition("}")
        out += before
        if slot in SLOTS:
            method, kind = SLOTS[slot]
            value = getattr(filler, method)()
            spans.append({"start": len(out), "end": len(out) + len(value), "kind": kind})
            if slot == "nome":
                names.append(value)
        elif slot == "empresa":
            value = company["name"]
        elif slot == "cnpj_empresa":
            value = company["cnpj"]
        else:
            value = filler.rng.choice(sentences.LOOKALIKES[slot])
        out += value
    return out + rest, spans, names


def build(split: str, pool: dict, seed: int, count: int, foreign: bool) -> list[dict]:
    filler = Filler(seed, foreign)
    rng = filler.rng
    records = []
    for index in range(count):
        company = rng.choice(sentences.COMPANIES)
        parts = [rng.choice(pool["opening"])]
        for section in ("purchase", "contact", "problem", "people", "money", "request"):
            if rng.random() < pool["odds"][section]:
                parts.append(rng.choice(pool[section]))
        if index % 7 == 0:  # a narrative with no personal data at all
            parts = [rng.choice(pool["clean"]), rng.choice(pool["clean"])]
        text, spans, consumer = "", [], None
        for number, part in enumerate(parts):
            piece, piece_spans, piece_names = render(part, filler, company)
            offset = len(text) + (1 if text else 0)
            text = f"{text} {piece}" if text else piece
            spans += [
                {**s, "start": s["start"] + offset, "end": s["end"] + offset} for s in piece_spans
            ]
            if number == 0 and piece_names:
                consumer = piece_names[0]
        records.append(
            {
                "id": f"{split}-{index:04d}",
                "text": text,
                "spans": spans,
                "consumer": consumer,
                "keep": [company["name"], company["cnpj"], *company.get("aliases", [])],
            }
        )
    return records


def main() -> None:
    for split, pool, seed, count, foreign in (
        ("tuning", sentences.TUNING, 1901, 400, False),
        ("heldout", sentences.HELDOUT, 2077, 320, True),
        ("heldout2", sentences.HELDOUT2, 3313, 320, True),
        ("heldout3", sentences.HELDOUT3, 4409, 320, True),
        ("heldout4", sentences.HELDOUT4, 5519, 320, True),
        ("heldout5", sentences.HELDOUT5, 6637, 320, True),
        ("heldout6", sentences.HELDOUT6, 7741, 320, True),
        ("heldout7", sentences.HELDOUT7, 8863, 320, True),
        ("heldout8", sentences.HELDOUT8, 9973, 320, True),
    ):
        records = build(split, pool, seed, count, foreign)
        with (HERE / f"{split}.jsonl").open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(
            split,
            len(records),
            "narratives,",
            sum(len(r["spans"]) for r in records),
            "personal data",
        )


if __name__ == "__main__":
    main()
