"""The triage suggestion on a tiny hand-made history: the company's own cases first, its segment's
and the Procon's when it has none, smoothing, ties, the problem given the subject, the facts
text, the company's usual answer. Pure Python (shared/triage), no database."""

import pytest

from shared.triage.suggest import (
    CaseHistory,
    DecidedCase,
    NewComplaint,
    Smoothing,
    suggest,
)
from shared.triage.text import InMemoryTextScorer

TELECOM = "Telecomunicações"
RETAIL = "Varejo"


def _cases(company: str, segment: str, subject: str, problem: str, n: int, **extra) -> list:
    return [DecidedCase(company, subject, problem, segment=segment, **extra) for _ in range(n)]


@pytest.fixture
def history() -> CaseHistory:
    """Two telecom operators and a retailer: Oi mostly landline, Vivo mostly mobile, Casas Bahia
    mostly appliances; the telecom segment as a whole leans to mobile."""
    return CaseHistory(
        [
            *_cases("Oi Fixo", TELECOM, "Telefonia Fixa", "Cobrança indevida", 5),
            *_cases("Oi Fixo", TELECOM, "Telefonia Fixa", "Sinal ruim", 1),
            *_cases("Oi Fixo", TELECOM, "Internet Fixa", "Sinal ruim", 2),
            *_cases("Vivo", TELECOM, "Telefonia Móvel", "Sinal ruim", 9),
            *_cases("Vivo", TELECOM, "Internet Móvel", "Sinal ruim", 4),
            *_cases("Casas Bahia", RETAIL, "Eletrodomésticos", "Não entrega", 6),
            *_cases("Casas Bahia", RETAIL, "Móveis", "Não entrega", 1),
        ]
    )


def _labels(ranked: list) -> list[str]:
    return [item.label for item in ranked]


def test_the_company_s_own_subjects_come_first(history) -> None:
    suggestion = suggest(history, NewComplaint("Oi Fixo", segment=TELECOM), k=3)

    # Oi's landline and fixed internet lead, though the segment leans to mobile
    assert _labels(suggestion.subjects)[:2] == ["Telefonia Fixa", "Internet Fixa"]
    assert suggestion.basis == "company"


def test_the_company_is_matched_without_case_accents_or_extra_blanks(history) -> None:
    suggestion = suggest(history, NewComplaint("  OI   fixo ", segment="telecomunicacoes"), k=1)

    assert _labels(suggestion.subjects) == ["Telefonia Fixa"]


def test_a_company_without_cases_gets_its_segment_s_subjects(history) -> None:
    suggestion = suggest(history, NewComplaint("Claro", segment=TELECOM), k=3)

    # the telecom segment: 9 mobile, 6 landline, 4 mobile internet, 2 fixed internet
    assert _labels(suggestion.subjects) == ["Telefonia Móvel", "Telefonia Fixa", "Internet Móvel"]
    assert suggestion.basis == "segment"


def test_a_company_of_an_unknown_segment_gets_the_procon_s_subjects(history) -> None:
    suggestion = suggest(history, NewComplaint("Azul", segment="Transporte Aéreo"), k=2)

    # the whole Procon: 9 mobile, 6 landline, 6 appliances: the tie is broken alphabetically
    assert _labels(suggestion.subjects) == ["Telefonia Móvel", "Eletrodomésticos"]
    assert suggestion.basis == "procon"


def test_a_known_company_s_segment_is_taken_from_its_cases_when_not_given(history) -> None:
    # Casas Bahia has no case of "Internet Fixa"; its segment (retail) neither, so a complaint
    # naming it without a segment must still rank the retail subjects first
    suggestion = suggest(history, NewComplaint("Casas Bahia"), k=2)

    assert _labels(suggestion.subjects) == ["Eletrodomésticos", "Móveis"]


def test_smoothing_lets_a_subject_the_company_never_had_through_with_a_small_share(history) -> None:
    suggestion = suggest(history, NewComplaint("Casas Bahia", segment=RETAIL), k=10)
    shares = {item.label: item.score for item in suggestion.subjects}

    assert shares["Eletrodomésticos"] > shares["Móveis"] > shares["Telefonia Móvel"] > 0
    assert sum(shares.values()) == pytest.approx(1.0, abs=1e-4)


def test_a_stronger_prior_needs_more_of_the_company_s_own_cases(history) -> None:
    history.add(DecidedCase("Nova Telecom", "Internet Fixa", "Sinal ruim", segment=TELECOM))
    complaint = NewComplaint("Nova Telecom", segment=TELECOM)

    # by default (worth 2 cases of the segment) its one case of fixed internet leads
    assert _labels(suggest(history, complaint, k=1).subjects) == ["Internet Fixa"]
    # worth 8, the segment's mobile leads until the company has more cases of its own
    history.smoothing = Smoothing(company=8.0)
    assert _labels(suggest(history, complaint, k=1).subjects) == ["Telefonia Móvel"]
    for _ in range(3):
        history.add(DecidedCase("Nova Telecom", "Internet Fixa", "Sinal ruim", segment=TELECOM))
    assert _labels(suggest(history, complaint, k=1).subjects) == ["Internet Fixa"]


def test_ties_are_ordered_alphabetically_and_k_bounds_the_list() -> None:
    history = CaseHistory(
        [
            DecidedCase("Loja", "B", "x", segment="S"),
            DecidedCase("Loja", "A", "y", segment="S"),
            DecidedCase("Loja", "C", "z", segment="S"),
        ]
    )

    suggestion = suggest(history, NewComplaint("Loja", segment="S"), k=2)

    assert _labels(suggestion.subjects) == ["A", "B"]
    assert suggestion.subjects[0].score == suggestion.subjects[1].score


def test_the_list_is_ordered_by_share(history) -> None:
    suggestion = suggest(history, NewComplaint("Vivo", segment=TELECOM), k=5)
    scores = [item.score for item in suggestion.subjects]

    assert scores == sorted(scores, reverse=True)
    assert _labels(suggestion.subjects)[:2] == ["Telefonia Móvel", "Internet Móvel"]


def test_the_problem_follows_the_subject_picked(history) -> None:
    complaint = NewComplaint("Oi Fixo", segment=TELECOM)

    landline = suggest(history, complaint, k=1, subject="Telefonia Fixa")
    internet = suggest(history, complaint, k=1, subject="Internet Fixa")

    assert _labels(landline.problems) == ["Cobrança indevida"]
    assert _labels(internet.problems) == ["Sinal ruim"]


def test_before_a_pick_the_problems_of_the_likely_subjects_are_summed(history) -> None:
    suggestion = suggest(history, NewComplaint("Oi Fixo", segment=TELECOM), k=2)

    # 5 of Oi's 8 cases are billing, all of them landline, the likeliest subject
    assert _labels(suggestion.problems) == ["Cobrança indevida", "Sinal ruim"]


def test_the_purchase_channel_narrows_the_company_s_history() -> None:
    history = CaseHistory(
        [
            *_cases("Loja", RETAIL, "Eletrodomésticos", "Não entrega", 6, channel="Internet"),
            *_cases("Loja", RETAIL, "Móveis", "Vício", 4, channel="Loja física"),
        ]
    )

    online = suggest(history, NewComplaint("Loja", channel="internet"), k=1)
    in_store = suggest(history, NewComplaint("Loja", channel="Loja Física"), k=1)

    assert _labels(online.subjects) == ["Eletrodomésticos"]
    assert _labels(in_store.subjects) == ["Móveis"]
    assert _labels(in_store.problems) == ["Vício"]


def test_an_empty_history_suggests_nothing() -> None:
    suggestion = suggest(CaseHistory(), NewComplaint("Oi Fixo", segment=TELECOM, text="conta"))

    assert suggestion.subjects == []
    assert suggestion.problems == []
    assert suggestion.basis == "none"


def test_the_facts_text_brings_the_subject_of_similar_cases_forward() -> None:
    cases = [
        *_cases("Vivo", TELECOM, "Telefonia Móvel", "Sinal ruim", 6, text="celular sem sinal"),
        DecidedCase(
            "Vivo",
            "Internet Móvel",
            "Franquia",
            segment=TELECOM,
            case_id="42",
            outcome="Resolvida",
            text="A franquia de dados da internet acabou no dia 10",
        ),
    ]
    history, scorer = CaseHistory(cases), InMemoryTextScorer(cases)
    complaint = NewComplaint("Vivo", segment=TELECOM, text="Minha franquia de dados acabou cedo")

    without_text = suggest(history, complaint, k=1)
    with_text = suggest(history, complaint, k=1, scorer=scorer)

    assert _labels(without_text.subjects) == ["Telefonia Móvel"]
    assert _labels(with_text.subjects) == ["Internet Móvel"]
    assert _labels(with_text.problems) == ["Franquia"]
    assert [(case.case_id, case.outcome) for case in with_text.similar] == [("42", "Resolvida")]


def test_a_text_sharing_no_word_with_any_case_changes_nothing(history) -> None:
    scorer = InMemoryTextScorer(
        [DecidedCase("Vivo", "Internet Móvel", "Franquia", text="franquia")]
    )
    complaint = NewComplaint("Oi Fixo", segment=TELECOM, text="geladeira quebrada")

    assert suggest(history, complaint, scorer=scorer) == suggest(history, complaint)


def test_the_company_s_usual_answer_is_its_commonest_outcome() -> None:
    history = CaseHistory(
        [
            *_cases("Oi Fixo", TELECOM, "Telefonia Fixa", "x", 3, outcome="Não Resolvida"),
            *_cases("Oi Fixo", TELECOM, "Telefonia Fixa", "x", 1, outcome="Resolvida"),
            *_cases("Vivo", TELECOM, "Telefonia Móvel", "x", 2, outcome="Resolvida"),
            *_cases("Vivo", TELECOM, "Telefonia Móvel", "x", 2, outcome="Não respondida"),
        ]
    )

    usual = history.usual_outcome("Oi Fixo")
    assert (usual.outcome, usual.share, usual.cases) == ("Não Resolvida", 0.75, 4)
    # a tie goes to the alphabetically first outcome; too few cases give no answer at all
    assert history.usual_outcome("Vivo").outcome == "Não respondida"
    assert history.usual_outcome("Vivo", min_cases=5) is None
    assert history.usual_outcome("Claro") is None


def test_aggregated_rows_count_as_many_cases() -> None:
    history = CaseHistory()
    history.add(DecidedCase("Oi Fixo", "Telefonia Fixa", "x", segment=TELECOM), count=3)
    history.add(DecidedCase("Oi Fixo", "Internet Fixa", "y", segment=TELECOM), count=2)

    assert history.company_cases("Oi Fixo") == 5
    assert _labels(suggest(history, NewComplaint("Oi Fixo"), k=2).subjects) == [
        "Telefonia Fixa",
        "Internet Fixa",
    ]


def test_the_text_scorer_ranks_by_shared_rare_words_ignoring_accents_and_stop_words() -> None:
    cases = [
        DecidedCase("A", "Aéreo", "Atraso", case_id="1", text="O voo atrasou e perdi a conexão"),
        DecidedCase(
            "A", "Aéreo", "Bagagem", case_id="2", text="Minha bagagem foi extraviada no voo"
        ),
        DecidedCase("B", "Varejo", "Entrega", case_id="3", text="A entrega não chegou, e não"),
    ]
    scorer = InMemoryTextScorer(cases)

    similar = scorer.similar("BAGAGEM extraviada, nao chegou", limit=2)

    assert [case.case_id for case in similar] == ["2", "3"]
    assert similar[0].similarity > similar[1].similarity > 0
    # words every case shares with the query only through stop words find nothing
    assert scorer.similar("não, de que para com", limit=3) == []
    assert scorer.similar("bagagem", limit=0) == []


def test_with_a_subject_picked_the_text_weighs_only_similar_cases_of_that_subject() -> None:
    cases = [
        *_cases("Vivo", TELECOM, "Telefonia Móvel", "Sinal ruim", 3, text="sem sinal"),
        DecidedCase("Vivo", "Telefonia Móvel", "Cobrança", segment=TELECOM, text="conta dobrada"),
        DecidedCase("Vivo", "Internet Móvel", "Franquia", segment=TELECOM, text="conta dobrada"),
    ]
    history, scorer = CaseHistory(cases), InMemoryTextScorer(cases)
    complaint = NewComplaint("Vivo", segment=TELECOM, text="minha conta veio dobrada")

    picked = suggest(history, complaint, k=3, subject="Telefonia Móvel", scorer=scorer)
    shares = {item.label: item.score for item in picked.problems}

    assert _labels(picked.problems)[0] == "Cobrança"
    # the mobile-internet case reads the same but is of another subject: its problem gets only
    # the smoothing's crumbs, not half of the text's share
    assert shares["Franquia"] < 0.05
