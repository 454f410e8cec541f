"""Cross-sell ranking: curated relations first, then co-occurrence, then family."""

from hypothesis import given
from hypothesis import strategies as st

from fulfilment.render import CoOccurrence, Product, ProductRelation, Ranking, rank_suggestions

RANGE = tuple(
    Product(code=code, name=f"Product {code}", family=family)
    for code, family in [
        ("A1", "Alpha"),
        ("A2", "Alpha"),
        ("A3", "Alpha"),
        ("B1", "Beta"),
        ("B2", "Beta"),
        ("C1", "Gamma"),
    ]
)


def _codes(products: list[Product]) -> list[str]:
    return [product.code for product in products]


def test_relations_outrank_co_occurrence() -> None:
    ranking = Ranking(
        relations=(ProductRelation("A1", "B2", 1.0),),
        co_occurrences=(CoOccurrence("A1", "B1", 500),),
    )

    assert _codes(rank_suggestions(["A1"], RANGE, ranking)) == ["B2", "B1"]


def test_heavier_relations_come_first_and_add_up_over_asked_products() -> None:
    ranking = Ranking(
        relations=(
            ProductRelation("A1", "B1", 2.0),
            ProductRelation("A1", "C1", 1.5),
            ProductRelation("A2", "C1", 1.0),
        )
    )

    assert _codes(rank_suggestions(["A1"], RANGE, ranking)) == ["B1", "C1"]
    assert _codes(rank_suggestions(["A1", "A2"], RANGE, ranking)) == ["C1", "B1"]


def test_co_occurrence_counts_both_ways_and_rank_by_count() -> None:
    ranking = Ranking(co_occurrences=(CoOccurrence("B1", "A1", 5), CoOccurrence("A1", "C1", 9)))

    assert _codes(rank_suggestions(["A1"], RANGE, ranking)) == ["C1", "B1"]


def test_same_family_breaks_ties() -> None:
    ranking = Ranking(co_occurrences=(CoOccurrence("A1", "B1", 3), CoOccurrence("A1", "A3", 3)))

    assert _codes(rank_suggestions(["A1"], RANGE, ranking)) == ["A3", "B1"]


def test_asked_products_unknown_codes_and_unlinked_products_are_never_suggested() -> None:
    ranking = Ranking(
        relations=(
            ProductRelation("A1", "A2"),
            ProductRelation("A1", "ZZ"),
            ProductRelation("A1", "B1", 0),
        ),
        co_occurrences=(CoOccurrence("A1", "A2", 7),),
    )

    assert _codes(rank_suggestions(["A1", "A2"], RANGE, ranking)) == []


def test_limit_cuts_the_list() -> None:
    ranking = Ranking(relations=tuple(ProductRelation("A1", p.code) for p in RANGE[1:]))

    assert len(rank_suggestions(["A1"], RANGE, ranking, limit=2)) == 2


codes = st.sampled_from([product.code for product in RANGE] + ["ZZ"])


@given(
    asked=st.lists(codes, max_size=4),
    relations=st.lists(st.tuples(codes, codes, st.floats(0, 5)), max_size=12),
    pairs=st.lists(st.tuples(codes, codes, st.integers(0, 50)), max_size=12),
    limit=st.integers(0, 6),
)
def test_suggestions_are_linked_distinct_in_range_and_within_limit(
    asked: list[str],
    relations: list[tuple[str, str, float]],
    pairs: list[tuple[str, str, int]],
    limit: int,
) -> None:
    ranking = Ranking(
        relations=tuple(ProductRelation(*relation) for relation in relations),
        co_occurrences=tuple(CoOccurrence(*pair) for pair in pairs),
    )

    suggested = _codes(rank_suggestions(asked, RANGE, ranking, limit=limit))

    assert len(suggested) <= limit and len(set(suggested)) == len(suggested)
    assert not set(suggested) & set(asked)
    linked = {r[1] for r in relations if r[0] in asked and r[2] > 0}
    linked |= {b for a, b, n in pairs if a in asked and n > 0} | {
        a for a, b, n in pairs if b in asked and n > 0
    }
    assert set(suggested) <= linked & {product.code for product in RANGE}
