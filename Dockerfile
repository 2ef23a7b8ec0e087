# Builds `atelier` and ships it with Migrations/, Config/, Jobs/, Questionnaires/ and Pages/ in a slim Debian image. The
# build stage copies every folder Package.swift names a target in: the manifest needs them all.
FROM swift:6.2-bookworm AS build
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      libpq-dev libcurl4-openssl-dev libcairo2-dev libpango1.0-dev libqrencode-dev zlib1g-dev pkg-config >/dev/null
WORKDIR /src
COPY Package.swift ./
COPY Sources Sources
COPY Tests Tests
COPY Benchmarks Benchmarks
RUN swift build -c release --product atelier --static-swift-stdlib

FROM debian:bookworm-slim
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libpq5 libcurl4 libcairo2 libpangocairo-1.0-0 libqrencode4 zlib1g \
      fonts-dejavu-core fonts-noto-core fonts-noto-cjk tzdata ca-certificates >/dev/null \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/.build/release/atelier /usr/local/bin/atelier
COPY Migrations Migrations
COPY Config Config
COPY Jobs Jobs
COPY Questionnaires Questionnaires
COPY Pages Pages
ENV ATELIER_ROOT=/app
USER nobody
ENTRYPOINT ["atelier"]
CMD ["--help"]
