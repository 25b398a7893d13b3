"""Site chrome of the weight real news pages carry, to pad the mirrors' pages with.

The mirrors' pages hold what a spider and the extractor must read (markup, boilerplate,
navigation), about 6 kB of HTML (2.3 kB gzipped). Real pages weigh far more: HTTP
Archive's Web Almanac 2024 puts the median page's HTML at 18 kB as transferred, mostly
gzipped, and a news article page adds a mega-menu, a sidebar of teasers, a footer of links,
inline scripts and styles to that. Padded with 120 kB of this chrome a mirror page weighs
123 kB and transfers 12.6 kB gzipped: still under that median. That weight costs the
extractor time and the rest of ingest none, so throughput measured on light pages
understates what a pool of extraction workers gains. ``Mirrors(chrome_kb=...)`` and the
benchmarks add it; the article itself is unchanged.
"""

from __future__ import annotations

import json
from functools import lru_cache


@lru_cache(maxsize=8)
def site_chrome(kb: int) -> bytes:
    """About ``kb`` kB of menus, teasers, footer links, scripts and styles.

    One full block is about 58 kB; a lighter weight gets a block with proportionally fewer
    links, teasers, settings and style rules, a heavier one repeats the full block."""
    block = _block(min(1.0, kb * 1000 / _FULL_BLOCK_BYTES))
    return block * max(1, round(kb * 1000 / len(block)))


def _block(part: float) -> bytes:
    def share(count: int) -> int:
        return max(1, round(count * part))

    links = "".join(f'<li><a href="/category/section-{n}/">Section {n} of the site</a></li>'
                    for n in range(share(120)))
    teasers = "".join(f'<article class="teaser"><a href="/2025/01/{n:02d}/teaser-{n}/">'
                      f"<img src=\"/img/{n}.jpg\" alt=\"\"><h4>Teaser headline number {n} "
                      f"about another report</h4></a><time>2025-01-{n % 28 + 1:02d}</time>"
                      f"</article>" for n in range(share(40)))
    script = "window.siteConfig = " + json.dumps(
        {f"key{n}": "value " * 12 for n in range(share(200))}) + ";"
    style = "".join(f".block-{n} {{ margin: {n}px; padding: {n % 7}px; color: #{n:06x}; }}\n"
                    for n in range(share(300)))
    return (f"<nav class=\"mega-menu\"><ul>{links}</ul></nav>"
            f"<aside class=\"sidebar\">{teasers}</aside>"
            f"<footer class=\"site-footer\"><ul>{links}</ul></footer>"
            f"<script>{script}</script><style>{style}</style>").encode()


_FULL_BLOCK_BYTES = len(_block(1.0))


def with_chrome(body: bytes, chrome: bytes) -> bytes:
    """``body`` with ``chrome`` before its closing body tag."""
    head, found, tail = body.rpartition(b"</body>")
    return head + chrome + found + tail if found else body + chrome
