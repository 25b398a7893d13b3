# raqib daemon in a container; the store lives in the /data volume.
#   docker build -t raqib .
#   docker run -d --name raqib -v raqib-data:/data -e DESK_MAIL_URL=... raqib
#   (put raqib.toml in the volume, with [store] path = "raqib.db"; without one the
#    built-in defaults are used and the store is /data/raqib.db)
#   docker exec raqib raqib status
#   docker kill -s HUP raqib        # reload raqib.toml
#   docker stop -t 40 raqib         # the daemon needs up to 30 s to stop cleanly
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin raqib \
    && mkdir -p /data && chown raqib:raqib /data

WORKDIR /opt/raqib
COPY pyproject.toml README.md scheduler.py ./
COPY crawler ./crawler
COPY spiders ./spiders
COPY classifiers ./classifiers
COPY alerts ./alerts
RUN pip install . && raqib --help > /dev/null

USER raqib
WORKDIR /data
VOLUME ["/data"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["raqib"]
CMD ["run"]
