"""The mirrors' pages padded to a real news page's weight still give the same article."""

from __future__ import annotations

import urllib.request

from crawler.extract import extract
from crawler.mirror import Mirrors
from crawler.samples import load_samples


def _page(mirrors: Mirrors, stem: str) -> bytes:
    with urllib.request.urlopen(mirrors.url_of(stem), timeout=10) as response:  # noqa: S310
        return response.read()


def test_padded_pages_weigh_more_and_extract_the_same_article() -> None:
    samples = [s for s in load_samples() if s.site == "snhr" and not s.copy_of][:3]
    with Mirrors(samples) as light, Mirrors(samples, chrome_kb=60) as heavy:
        for sample in samples:
            plain, padded = _page(light, sample.stem), _page(heavy, sample.stem)
            assert len(padded) >= len(plain) + 50_000
            url = light.url_of(sample.stem)
            assert extract(padded, url=url).text == extract(plain, url=url).text
