"""Which products to suggest next to the ones asked about."""

from collections.abc import Iterable, Sequence

from fulfilment.render.packet import Product, Ranking


def rank_suggestions(
    asked: Iterable[str], product_range: Sequence[Product], ranking: Ranking, *, limit: int = 4
) -> list[Product]:
    """Products to suggest, best first: curated relations, then co-occurrence, then same family.

    A product qualifies only when a relation or a past inquiry links it to one asked about;
    products asked about are never suggested.
    """
    asked_codes = list(dict.fromkeys(asked))
    by_code = {product.code: product for product in product_range}
    families = {by_code[code].family for code in asked_codes if code in by_code}
    weights: dict[str, float] = {}
    together: dict[str, int] = {}
    for code in asked_codes:
        for related, weight in ranking.related_weights.get(code, {}).items():
            weights[related] = weights.get(related, 0.0) + weight
        for other, count in ranking.co_counts.get(code, {}).items():
            together[other] = together.get(other, 0) + count
    candidates = (weights.keys() | together.keys()) - set(asked_codes)
    scored = [
        (
            -weights.get(code, 0.0),
            -together.get(code, 0),
            by_code[code].family not in families,
            by_code[code].name,
            code,
        )
        for code in candidates
        if code in by_code and (weights.get(code, 0.0) > 0 or together.get(code, 0) > 0)
    ]
    return [by_code[key[-1]] for key in sorted(scored)[:limit]]
