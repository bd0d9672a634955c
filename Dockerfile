# Build: the official Swift image with the two C libraries we link.
FROM swift:6.1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN swift build -c release --product raumboerse --static-swift-stdlib \
    && cp "$(swift build -c release --show-bin-path)/raumboerse" /raumboerse

# Run: slim Debian with only the runtime libraries, time zones, a non-root user.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-0 zlib1g tzdata curl ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /app raumboerse \
    && mkdir -p /data && chown raumboerse /data
WORKDIR /app
COPY --from=build /raumboerse /app/raumboerse
COPY Templates /app/Templates
COPY Public /app/Public
ENV RAUMBOERSE_HOST=0.0.0.0 \
    RAUMBOERSE_PORT=8080 \
    RAUMBOERSE_DATA_DIR=/data \
    RAUMBOERSE_TEMPLATES=/app/Templates \
    RAUMBOERSE_PUBLIC=/app/Public \
    TZ=Europe/Berlin
USER raumboerse
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["/app/raumboerse"]
CMD ["serve"]
