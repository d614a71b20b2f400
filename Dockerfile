# Samvad in a container. Build: docker build -t samvad .
# Run: see "Run it in a container" in README.md (a token, the /data volume, webhook settings).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Tesseract with English, Gujarati and Hindi reads photos and scanned pages of the attachments
# members post (README "Attachments").
RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng tesseract-ocr-guj tesseract-ocr-hin \
    && rm -rf /var/lib/apt/lists/*

# The package, installed from this repository (not editable: the sources are not kept).
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY nlp ./nlp
COPY storage ./storage
COPY sandbox ./sandbox
COPY benchmarks ./benchmarks
COPY attachments ./attachments
COPY runtime ./runtime
COPY coordination ./coordination
RUN pip install --no-cache-dir . \
    && cd / && rm -rf /src

# A user of its own. The database, the record's signing key and exports live on the /data
# volume, so that they outlive the container; the key must never be lost or shared.
RUN useradd --system --uid 10001 --user-group --home-dir /data --no-create-home samvad \
    && mkdir -p /data \
    && chown samvad:samvad /data \
    && chmod 0700 /data
ENV SAMVAD_DB_PATH=/data/samvad.db \
    SAMVAD_SIGNING_KEY_PATH=/data/samvad-signing.key \
    SAMVAD_EXPORT_DIR=/data/exports
VOLUME ["/data"]
WORKDIR /data
USER samvad

# Webhook mode (SAMVAD_WEBHOOK_URL set) listens on SAMVAD_WEBHOOK_PORT behind your HTTPS proxy;
# long polling (the default) needs no port.
EXPOSE 8443

# Healthy while the bot's heartbeat in the database is recent.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["samvad", "health"]

CMD ["samvad", "run"]
