"""The rows every Procon starts with, written by the data migration and by `do_seed_rules`.

Provisions are the articles of the Consumer Defence Code (Lei 8.078/1990) and of Decreto
2.181/1997 that autos de infração commonly cite, with a short summary of their text; the
default groups are proposals the Procon checks against its own fine rules. Circumstances are
Decreto 2.181/1997 arts. 25 and 26; their 1/6 fractions are unverified defaults, except the
verified-company seal (Procon-SP: at least 1/6).
"""

from datetime import date
from decimal import Decimal

UFIR_FROZEN_ON = date(2000, 1, 1)
UFIR_FROZEN_VALUE = Decimal("1.0641")

# (code, title, text, law, default group, sets the sanction)
PROVISIONS: list[tuple[str, str, str, str, str, bool]] = [
    (
        "CDC art. 6º, III",
        "Direito à informação adequada e clara",
        "É direito básico do consumidor a informação adequada e clara sobre os diferentes produtos e serviços, com especificação correta de quantidade, características, composição, qualidade, tributos incidentes e preço, bem como sobre os riscos que apresentem.",
        "cdc",
        "I",
        False,
    ),
    (
        "CDC art. 8º",
        "Riscos à saúde ou segurança",
        "Os produtos e serviços colocados no mercado de consumo não acarretarão riscos à saúde ou segurança dos consumidores, exceto os considerados normais e previsíveis em decorrência de sua natureza e fruição, obrigando-se os fornecedores a dar as informações necessárias e adequadas a seu respeito.",
        "cdc",
        "III",
        False,
    ),
    (
        "CDC art. 10",
        "Produto ou serviço de alto grau de nocividade ou periculosidade",
        "O fornecedor não poderá colocar no mercado de consumo produto ou serviço que sabe ou deveria saber apresentar alto grau de nocividade ou periculosidade à saúde ou segurança.",
        "cdc",
        "IV",
        False,
    ),
    (
        "CDC art. 18, § 6º",
        "Produtos impróprios ao uso e consumo",
        "São impróprios ao uso e consumo os produtos cujos prazos de validade estejam vencidos; os deteriorados, alterados, adulterados, avariados, falsificados, corrompidos, fraudados, nocivos à vida ou à saúde, perigosos ou em desacordo com as normas regulamentares; e os que se revelem inadequados ao fim a que se destinam.",
        "cdc",
        "III",
        False,
    ),
    (
        "CDC art. 30",
        "Vinculação da oferta",
        "Toda informação ou publicidade, suficientemente precisa, veiculada por qualquer forma ou meio de comunicação com relação a produtos e serviços oferecidos ou apresentados, obriga o fornecedor que a fizer veicular ou dela se utilizar e integra o contrato que vier a ser celebrado.",
        "cdc",
        "II",
        False,
    ),
    (
        "CDC art. 31",
        "Informação na oferta e apresentação",
        "A oferta e apresentação de produtos ou serviços devem assegurar informações corretas, claras, precisas, ostensivas e em língua portuguesa sobre suas características, qualidades, quantidade, composição, preço, garantia, prazos de validade e origem, entre outros dados, bem como sobre os riscos que apresentam à saúde e segurança dos consumidores.",
        "cdc",
        "I",
        False,
    ),
    (
        "CDC art. 33",
        "Oferta por telefone ou reembolso postal",
        "Em caso de oferta ou venda por telefone ou reembolso postal, deve constar o nome do fabricante e endereço na embalagem, publicidade e em todos os impressos utilizados na transação comercial.",
        "cdc",
        "I",
        False,
    ),
    (
        "CDC art. 35",
        "Recusa de cumprimento da oferta",
        "Se o fornecedor recusar cumprimento à oferta, apresentação ou publicidade, o consumidor poderá exigir o cumprimento forçado da obrigação, aceitar outro produto ou prestação de serviço equivalente, ou rescindir o contrato com restituição da quantia paga.",
        "cdc",
        "II",
        False,
    ),
    (
        "CDC art. 36",
        "Identificação da publicidade",
        "A publicidade deve ser veiculada de tal forma que o consumidor, fácil e imediatamente, a identifique como tal.",
        "cdc",
        "I",
        False,
    ),
    (
        "CDC art. 37",
        "Publicidade enganosa ou abusiva",
        "É proibida toda publicidade enganosa ou abusiva.",
        "cdc",
        "III",
        False,
    ),
    (
        "CDC art. 39",
        "Práticas abusivas",
        "É vedado ao fornecedor, entre outras práticas abusivas, condicionar o fornecimento de produto ou serviço ao de outro (venda casada), recusar atendimento às demandas dos consumidores, enviar produto ou serviço sem solicitação prévia, exigir vantagem manifestamente excessiva, colocar no mercado produto em desacordo com as normas técnicas, elevar sem justa causa o preço e deixar de estipular prazo para o cumprimento de sua obrigação.",
        "cdc",
        "II",
        False,
    ),
    (
        "CDC art. 40",
        "Orçamento prévio",
        "O fornecedor de serviço será obrigado a entregar ao consumidor orçamento prévio discriminando o valor da mão de obra, dos materiais e equipamentos a serem empregados, as condições de pagamento, bem como as datas de início e término dos serviços.",
        "cdc",
        "I",
        False,
    ),
    (
        "CDC art. 42",
        "Cobrança de dívidas",
        "Na cobrança de débitos, o consumidor inadimplente não será exposto a ridículo, nem será submetido a qualquer tipo de constrangimento ou ameaça; o consumidor cobrado em quantia indevida tem direito à repetição do indébito, por valor igual ao dobro do que pagou em excesso.",
        "cdc",
        "II",
        False,
    ),
    (
        "CDC art. 42-A",
        "Identificação do fornecedor nos documentos de cobrança",
        "Em todos os documentos de cobrança de débitos apresentados ao consumidor, deverão constar o nome, o endereço e o número de inscrição no CPF ou no CNPJ do fornecedor do produto ou serviço correspondente.",
        "cdc",
        "I",
        False,
    ),
    (
        "CDC art. 43, § 2º",
        "Comunicação da abertura de cadastro",
        "A abertura de cadastro, ficha, registro e dados pessoais e de consumo deverá ser comunicada por escrito ao consumidor, quando não solicitada por ele.",
        "cdc",
        "II",
        False,
    ),
    (
        "CDC art. 51",
        "Cláusulas abusivas",
        "São nulas de pleno direito, entre outras, as cláusulas contratuais relativas ao fornecimento de produtos e serviços que impossibilitem, exonerem ou atenuem a responsabilidade do fornecedor, subtraiam ao consumidor a opção de reembolso da quantia já paga ou estabeleçam obrigações iníquas, abusivas, que coloquem o consumidor em desvantagem exagerada.",
        "cdc",
        "II",
        False,
    ),
    (
        "CDC art. 52",
        "Informação prévia na outorga de crédito",
        "No fornecimento de produtos ou serviços que envolva outorga de crédito ou concessão de financiamento, o fornecedor deverá informar prévia e adequadamente o preço em moeda corrente nacional, o montante dos juros de mora e da taxa efetiva anual de juros, os acréscimos legalmente previstos, o número e a periodicidade das prestações e a soma total a pagar, com e sem financiamento.",
        "cdc",
        "II",
        False,
    ),
    (
        "CDC art. 54, § 3º",
        "Legibilidade dos contratos de adesão",
        "Os contratos de adesão escritos serão redigidos em termos claros e com caracteres ostensivos e legíveis, cujo tamanho da fonte não será inferior ao corpo doze, de modo a facilitar sua compreensão pelo consumidor.",
        "cdc",
        "I",
        False,
    ),
    (
        "CDC art. 55, § 4º",
        "Atendimento a notificação do órgão oficial",
        "Os órgãos oficiais poderão expedir notificações aos fornecedores para que, sob pena de desobediência, prestem informações sobre questões de interesse do consumidor, resguardado o segredo industrial.",
        "cdc",
        "I",
        False,
    ),
    (
        "CDC art. 56",
        "Sanções administrativas",
        "As infrações das normas de defesa do consumidor ficam sujeitas, conforme o caso, às sanções administrativas de multa, apreensão, inutilização do produto, cassação do registro, proibição de fabricação, suspensão de fornecimento, suspensão temporária de atividade, revogação de concessão ou permissão de uso, cassação de licença, interdição, intervenção administrativa e imposição de contrapropaganda.",
        "cdc",
        "",
        True,
    ),
    (
        "CDC art. 57",
        "Pena de multa",
        "A pena de multa, graduada de acordo com a gravidade da infração, a vantagem auferida e a condição econômica do fornecedor, será aplicada mediante procedimento administrativo; será em montante não inferior a duzentas e não superior a três milhões de vezes o valor da UFIR, ou índice equivalente que venha a substituí-lo.",
        "cdc",
        "",
        True,
    ),
    (
        "CDC art. 58",
        "Sanções por vício de qualidade ou quantidade",
        "As penas de apreensão, de inutilização de produtos, de proibição de fabricação de produtos, de suspensão do fornecimento de produto ou serviço, de cassação do registro do produto e revogação da concessão ou permissão de uso serão aplicadas quando forem constatados vícios de quantidade ou de qualidade por inadequação ou insegurança do produto ou serviço.",
        "cdc",
        "",
        True,
    ),
    (
        "CDC art. 59",
        "Sanções por reincidência",
        "As penas de cassação de alvará de licença, de interdição e de suspensão temporária da atividade, bem como a de intervenção administrativa, serão aplicadas quando o fornecedor reincidir na prática das infrações de maior gravidade previstas neste código e na legislação de consumo.",
        "cdc",
        "",
        True,
    ),
    (
        "CDC art. 60",
        "Contrapropaganda",
        "A imposição de contrapropaganda será cominada quando o fornecedor incorrer na prática de publicidade enganosa ou abusiva, sempre às expensas do infrator.",
        "cdc",
        "",
        True,
    ),
    (
        "Decreto 2.181/1997 art. 12",
        "Práticas infrativas",
        "São consideradas práticas infrativas, entre outras, condicionar o fornecimento de produto ou serviço ao de outro, recusar atendimento às demandas dos consumidores, enviar ou entregar produto ou serviço sem solicitação prévia e exigir do consumidor vantagem manifestamente excessiva.",
        "decreto_2181",
        "II",
        False,
    ),
    (
        "Decreto 2.181/1997 art. 13",
        "Práticas infrativas relativas à informação e à oferta",
        "Serão consideradas, ainda, práticas infrativas, entre outras, ofertar produtos ou serviços sem as informações corretas, claras, precisas e ostensivas, em língua portuguesa, sobre suas características, qualidade, quantidade, composição, preço, condições de pagamento, juros, encargos, garantia, prazos de validade e origem.",
        "decreto_2181",
        "I",
        False,
    ),
    (
        "Decreto 2.181/1997 art. 18",
        "Penalidades administrativas",
        "A inobservância das normas contidas na Lei nº 8.078, de 1990, e das demais normas de defesa do consumidor constituirá prática infrativa e sujeitará o fornecedor às penalidades de multa, apreensão, inutilização, cassação do registro, proibição de fabricação, suspensão de fornecimento, suspensão temporária de atividade, revogação de concessão ou permissão de uso, cassação de licença, interdição, intervenção administrativa e imposição de contrapropaganda.",
        "decreto_2181",
        "",
        True,
    ),
    (
        "Decreto 2.181/1997 art. 19",
        "Multa por publicidade enganosa ou abusiva",
        "Toda pessoa física ou jurídica que fizer ou promover publicidade enganosa ou abusiva ficará sujeita à pena de multa, cumulada com aquelas previstas no artigo anterior, sem prejuízo da competência de outros órgãos administrativos.",
        "decreto_2181",
        "",
        True,
    ),
    (
        "Decreto 2.181/1997 art. 22",
        "Multa por cláusula abusiva",
        "Será aplicada multa ao fornecedor de produtos ou serviços que, direta ou indiretamente, inserir, fizer circular ou utilizar-se de cláusula abusiva, qualquer que seja a modalidade do contrato de consumo.",
        "decreto_2181",
        "",
        True,
    ),
    (
        "Decreto 2.181/1997 art. 28",
        "Fixação da pena de multa",
        "A pena de multa será fixada considerando-se a gravidade da prática infrativa, a extensão do dano causado aos consumidores, a vantagem auferida com o ato infrativo e a condição econômica do infrator, respeitados os parâmetros estabelecidos no parágrafo único do art. 57 da Lei nº 8.078, de 1990.",
        "decreto_2181",
        "",
        True,
    ),
]

# (code, kind, label, legal basis, verified)
CIRCUMSTANCES: list[tuple[str, str, str, str, bool]] = [
    (
        "verified_company_seal",
        "mitigating",
        "Empresa com selo de empresa verificada",
        "Procon-SP, Portaria Normativa 81/2021, art. 44",
        True,
    ),
    (
        "act_not_decisive",
        "mitigating",
        "A ação do infrator não ter sido fundamental para a consecução do fato",
        "Decreto 2.181/1997 art. 25, I",
        False,
    ),
    (
        "first_offence",
        "mitigating",
        "Ser o infrator primário",
        "Decreto 2.181/1997 art. 25, II",
        False,
    ),
    (
        "prompt_repair",
        "mitigating",
        "Ter o infrator adotado providências para minimizar ou reparar de imediato os efeitos do ato lesivo",
        "Decreto 2.181/1997 art. 25, III",
        False,
    ),
    (
        "repeat_offence",
        "aggravating",
        "Ser o infrator reincidente",
        "Decreto 2.181/1997 art. 26, I",
        False,
    ),
    (
        "undue_advantage",
        "aggravating",
        "Ter o infrator cometido a prática infrativa para obter vantagens indevidas",
        "Decreto 2.181/1997 art. 26, II",
        False,
    ),
    (
        "health_or_safety",
        "aggravating",
        "Trazer a prática infrativa consequências danosas à saúde ou à segurança do consumidor",
        "Decreto 2.181/1997 art. 26, III",
        False,
    ),
    (
        "knew_and_did_not_mitigate",
        "aggravating",
        "Deixar o infrator, tendo conhecimento do ato lesivo, de tomar as providências para evitar ou mitigar suas consequências",
        "Decreto 2.181/1997 art. 26, IV",
        False,
    ),
    (
        "intent",
        "aggravating",
        "Ter o infrator agido com dolo",
        "Decreto 2.181/1997 art. 26, V",
        False,
    ),
    (
        "collective_or_repeated_harm",
        "aggravating",
        "Ocasionar a prática infrativa dano coletivo ou ter caráter repetitivo",
        "Decreto 2.181/1997 art. 26, VI",
        False,
    ),
    (
        "vulnerable_victim",
        "aggravating",
        "Prática em detrimento de menor de dezoito ou maior de sessenta anos ou de pessoa com deficiência",
        "Decreto 2.181/1997 art. 26, VII",
        False,
    ),
    (
        "concealment",
        "aggravating",
        "Dissimular-se a natureza ilícita do ato ou atividade",
        "Decreto 2.181/1997 art. 26, VIII",
        False,
    ),
    (
        "crisis_or_calamity",
        "aggravating",
        "Prática aproveitando-se de grave crise econômica, da condição da vítima ou de calamidade",
        "Decreto 2.181/1997 art. 26, IX",
        False,
    ),
]
POSITION_STEP = 10


def seed_rules(provision_model: type, ufir_model: type, circumstance_model: type) -> None:
    """Add what is missing; rows the Procon changed are left as they are."""
    existing = {code.casefold() for code in provision_model.objects.values_list("code", flat=True)}
    provision_model.objects.bulk_create(
        [
            provision_model(
                code=code,
                title=title,
                text=text,
                law=law,
                default_group=group,
                sets_sanction=sets_sanction,
                position=index * POSITION_STEP,
            )
            for index, (code, title, text, law, group, sets_sanction) in enumerate(PROVISIONS)
            if code.casefold() not in existing
        ]
    )
    ufir_model.objects.get_or_create(
        valid_from=UFIR_FROZEN_ON, defaults={"value": UFIR_FROZEN_VALUE}
    )
    circumstance_model.objects.bulk_create(
        [
            circumstance_model(
                code=code,
                kind=kind,
                label=label,
                numerator=1,
                denominator=6,
                legal_basis=basis,
                verified=verified,
                position=index * POSITION_STEP,
            )
            for index, (code, kind, label, basis, verified) in enumerate(CIRCUMSTANCES)
        ],
        ignore_conflicts=True,
    )
