"""The mirrors' pages padded to a real news page's weight still give the same article."""

from __future__ import annotations

import urllib.request

import pytest

from crawler.extract import extract
from crawler.mirror import Mirrors
from crawler.mirror.chrome import site_chrome
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


@pytest.mark.parametrize("kb", [5, 15, 30, 60, 120])
def test_chrome_weighs_about_what_is_asked(kb: int) -> None:
    assert abs(len(site_chrome(kb)) - kb * 1000) <= kb * 1000 * 0.15


def test_light_chrome_leaves_the_article_as_it_was() -> None:
    samples = [s for s in load_samples() if s.site == "sohr" and not s.copy_of][:2]
    assert len(samples) == 2
    with Mirrors(samples) as light, Mirrors(samples, chrome_kb=10) as padded:
        for sample in samples:
            url = light.url_of(sample.stem)
            plain, heavier = _page(light, sample.stem), _page(padded, sample.stem)
            assert len(heavier) >= len(plain) + 8_000
            assert extract(heavier, url=url).text == extract(plain, url=url).text
