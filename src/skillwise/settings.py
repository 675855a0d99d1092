"""Configuration read from the environment (names in API.md), with embedded defaults."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from skillwise.domain.currencies import is_iso_currency


class ConfigurationError(RuntimeError):
    """The environment does not describe a runnable configuration."""


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _default_var_dir() -> Path:
    return Path(os.environ.get("SKILLWISE_VAR_DIR", Path.cwd() / "var"))


@dataclass(frozen=True)
class Settings:
    env: str = "development"
    database_url: str = ""
    redis_url: str | None = None
    redis_prefix: str = "skillwise:"
    # Process-local copies of catalog cache keys (and a quarter again for the token blocklist),
    # kept coherent by Redis; 0 turns them off.
    local_cache_mb: int = 32
    secret_key: str = ""
    public_url: str = "http://127.0.0.1:8000"
    var_dir: Path = field(default_factory=_default_var_dir)

    payment_gateway: str = "fake"
    stripe_secret_key: str | None = None
    stripe_publishable_key: str | None = None
    stripe_webhook_secret: str | None = None
    stripe_api_base: str | None = None
    sslcommerz_store_id: str | None = None
    sslcommerz_store_password: str | None = None
    sslcommerz_api_base: str = "https://sandbox.sslcommerz.com"
    # Production may point a gateway at its sandbox or test keys only when this says so.
    payments_test_mode: bool = False
    # The platform's share of each sale, in basis points (2000 = 20%).
    platform_fee_bps: int = 2000
    # When a buyer may still ask for a refund: days since paying, and progress below this.
    refund_window_days: int = 30
    refund_max_progress_percent: int = 30
    # An open payment this old is canceled, and the coupon it reserved is free again.
    payment_expiry_minutes: int = 60
    # What money figures are shown in before anything has been sold.
    default_currency: str = "USD"

    email_backend: str = "console"
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_security: str = "none"
    smtp_timeout_seconds: float = 10.0
    email_from: str = "SkillWise <no-reply@skillwise.local>"

    push_backend: str = "console"
    fcm_project_id: str | None = None
    fcm_credentials_file: str | None = None
    fcm_api_base: str = "https://fcm.googleapis.com"

    task_backend: str = "auto"
    ratelimit_enabled: bool = True
    # Rates in flask-limiter's notation; several may be joined with ";".
    ratelimit_login: str = "10/minute"
    # Generous per address: a carrier-grade NAT puts a whole town behind one.
    ratelimit_signup: str = "30/minute;300/hour"
    ratelimit_signup_domain: str = "100/hour"
    ratelimit_password_reset: str = "5/minute"
    ratelimit_resend_verification: str = "5/minute"
    # How many proxies in front of us append to X-Forwarded-For; 0 trusts no such header.
    trusted_proxies: int = 0
    # Bearer token of the Prometheus scraper; unset, GET /metrics answers 404.
    metrics_token: str | None = None
    password_hash_profile: str = "default"
    max_attachment_bytes: int = 25 * 1024 * 1024
    storage: str = "local"
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    download_url_ttl_seconds: int = 300
    max_json_bytes: int = 1024 * 1024
    max_video_bytes: int = 2 * 1024 * 1024 * 1024
    catalog_max_age: int = 60
    catalog_swr: int = 300
    database_replica_url: str | None = None
    access_token_minutes: int = 15
    refresh_token_days: int = 30

    host: str = "127.0.0.1"
    port: int = 8000

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ

        def get(name: str, default: str | None = None) -> str | None:
            value = env.get(name)
            return value if value not in (None, "") else default

        mode = get("SKILLWISE_ENV", "development") or "development"
        var_dir = Path(get("SKILLWISE_VAR_DIR", str(Path.cwd() / "var")) or "var")
        secret_key = get("SKILLWISE_SECRET_KEY")
        if not secret_key:
            if mode == "production":
                raise ConfigurationError(
                    "SKILLWISE_SECRET_KEY is required when SKILLWISE_ENV=production: it signs "
                    "every token, so a generated one would log everybody out on each restart "
                    "and differ between processes."
                )
            secret_key = _development_secret(var_dir)
        elif mode == "production":
            _refuse_weak_production_secret(secret_key, var_dir)
        platform_fee_bps = int(get("SKILLWISE_PLATFORM_FEE_BPS", "2000") or "2000")
        if not 0 <= platform_fee_bps <= 10_000:
            raise ConfigurationError(
                "SKILLWISE_PLATFORM_FEE_BPS is the platform's share in basis points, "
                "from 0 to 10000 (2000 = 20%)."
            )
        payment_expiry_minutes = int(get("SKILLWISE_PAYMENT_EXPIRY_MINUTES", "60") or "60")
        if payment_expiry_minutes < 1:
            raise ConfigurationError("SKILLWISE_PAYMENT_EXPIRY_MINUTES is at least 1.")
        default_currency = (get("SKILLWISE_DEFAULT_CURRENCY", "USD") or "USD").upper()
        if not is_iso_currency(default_currency):
            raise ConfigurationError("SKILLWISE_DEFAULT_CURRENCY is an ISO 4217 code, e.g. USD.")
        storage = get("SKILLWISE_STORAGE", "local") or "local"
        if storage not in {"local", "s3"}:
            raise ConfigurationError("SKILLWISE_STORAGE is `local` (the default) or `s3`.")
        if storage == "s3" and not get("SKILLWISE_S3_BUCKET"):
            raise ConfigurationError("SKILLWISE_STORAGE=s3 needs SKILLWISE_S3_BUCKET.")
        metrics_token = get("SKILLWISE_METRICS_TOKEN")
        if mode == "production" and metrics_token and len(metrics_token.encode()) < 32:
            raise ConfigurationError(
                "SKILLWISE_METRICS_TOKEN must be at least 32 bytes when SKILLWISE_ENV=production."
            )
        trusted_proxies = int(get("SKILLWISE_TRUSTED_PROXIES", "0") or 0)
        if trusted_proxies < 0:
            raise ConfigurationError(
                "SKILLWISE_TRUSTED_PROXIES counts the proxies in front of the app (0 or more)."
            )
        try:
            local_cache_mb = int(get("SKILLWISE_LOCAL_CACHE_MB") or cls.local_cache_mb)
        except ValueError:
            local_cache_mb = -1
        if local_cache_mb < 0:
            raise ConfigurationError(
                "SKILLWISE_LOCAL_CACHE_MB is a whole number of MiB (0 turns local copies off)."
            )
        # Links in emails and gateway callbacks point at where `make run` serves by default.
        host = get("HOST", "127.0.0.1") or "127.0.0.1"
        port = int(get("PORT", "8000") or 8000)
        return cls(
            env=mode,
            database_url=get("SKILLWISE_DATABASE_URL", f"sqlite:///{var_dir / 'skillwise.db'}")
            or "",
            redis_url=get("SKILLWISE_REDIS_URL"),
            redis_prefix=get("SKILLWISE_REDIS_PREFIX", "skillwise:") or "skillwise:",
            local_cache_mb=local_cache_mb,
            secret_key=secret_key,
            public_url=(get("SKILLWISE_PUBLIC_URL") or f"http://{host}:{port}").rstrip("/"),
            var_dir=var_dir,
            payment_gateway=get("SKILLWISE_PAYMENT_GATEWAY", "fake") or "fake",
            stripe_secret_key=get("SKILLWISE_STRIPE_SECRET_KEY"),
            stripe_publishable_key=get("SKILLWISE_STRIPE_PUBLISHABLE_KEY"),
            stripe_webhook_secret=get("SKILLWISE_STRIPE_WEBHOOK_SECRET"),
            stripe_api_base=get("SKILLWISE_STRIPE_API_BASE"),
            sslcommerz_store_id=get("SKILLWISE_SSLCOMMERZ_STORE_ID"),
            sslcommerz_store_password=get("SKILLWISE_SSLCOMMERZ_STORE_PASSWORD"),
            payments_test_mode=_flag(get("SKILLWISE_PAYMENTS_TEST_MODE"), False),
            sslcommerz_api_base=(
                get("SKILLWISE_SSLCOMMERZ_API_BASE", "https://sandbox.sslcommerz.com") or ""
            ).rstrip("/"),
            platform_fee_bps=platform_fee_bps,
            refund_window_days=int(get("SKILLWISE_REFUND_WINDOW_DAYS", "30") or 30),
            refund_max_progress_percent=int(
                get("SKILLWISE_REFUND_MAX_PROGRESS_PERCENT", "30") or 30
            ),
            payment_expiry_minutes=payment_expiry_minutes,
            default_currency=default_currency,
            email_backend=get("SKILLWISE_EMAIL_BACKEND", "console") or "console",
            smtp_host=get("SKILLWISE_SMTP_HOST", "localhost") or "localhost",
            smtp_port=int(get("SKILLWISE_SMTP_PORT", "25") or 25),
            smtp_user=get("SKILLWISE_SMTP_USER"),
            smtp_password=get("SKILLWISE_SMTP_PASSWORD"),
            smtp_security=get("SKILLWISE_SMTP_SECURITY", "none") or "none",
            smtp_timeout_seconds=float(get("SKILLWISE_SMTP_TIMEOUT", "10") or 10),
            email_from=get("SKILLWISE_EMAIL_FROM", cls.email_from) or cls.email_from,
            push_backend=get("SKILLWISE_PUSH_BACKEND", "console") or "console",
            fcm_project_id=get("SKILLWISE_FCM_PROJECT_ID"),
            fcm_credentials_file=get("SKILLWISE_FCM_CREDENTIALS_FILE"),
            fcm_api_base=(get("SKILLWISE_FCM_API_BASE") or cls.fcm_api_base).rstrip("/"),
            task_backend=get("SKILLWISE_TASK_BACKEND", "auto") or "auto",
            ratelimit_enabled=_flag(get("SKILLWISE_RATELIMIT_ENABLED"), True),
            ratelimit_login=get("SKILLWISE_RATELIMIT_LOGIN", cls.ratelimit_login) or "",
            ratelimit_signup=get("SKILLWISE_RATELIMIT_SIGNUP", cls.ratelimit_signup) or "",
            ratelimit_signup_domain=get(
                "SKILLWISE_RATELIMIT_SIGNUP_DOMAIN", cls.ratelimit_signup_domain
            )
            or "",
            ratelimit_password_reset=get(
                "SKILLWISE_RATELIMIT_PASSWORD_RESET", cls.ratelimit_password_reset
            )
            or "",
            ratelimit_resend_verification=get(
                "SKILLWISE_RATELIMIT_RESEND_VERIFICATION", cls.ratelimit_resend_verification
            )
            or "",
            trusted_proxies=trusted_proxies,
            metrics_token=metrics_token,
            max_attachment_bytes=int(
                get("SKILLWISE_MAX_ATTACHMENT_BYTES", str(25 * 1024 * 1024)) or 0
            ),
            storage=storage,
            s3_bucket=get("SKILLWISE_S3_BUCKET"),
            s3_endpoint_url=get("SKILLWISE_S3_ENDPOINT_URL"),
            s3_region=get("SKILLWISE_S3_REGION"),
            download_url_ttl_seconds=int(get("SKILLWISE_DOWNLOAD_URL_TTL_SECONDS", "300") or 300),
            max_json_bytes=int(get("SKILLWISE_MAX_JSON_BYTES", str(1024 * 1024)) or 0),
            max_video_bytes=int(get("SKILLWISE_MAX_VIDEO_BYTES") or cls.max_video_bytes),
            catalog_max_age=int(get("SKILLWISE_CATALOG_MAX_AGE") or cls.catalog_max_age),
            catalog_swr=int(get("SKILLWISE_CATALOG_SWR") or cls.catalog_swr),
            database_replica_url=get("SKILLWISE_DATABASE_REPLICA_URL"),
            host=host,
            port=port,
        )


MIN_PRODUCTION_SECRET_BYTES = 32
# Keys that ship in this repository's tests and docs, and words only placeholders contain.
_KNOWN_DEVELOPMENT_SECRETS = frozenset({"test-secret-key-that-is-long-enough-for-hs256"})
_PLACEHOLDER_WORDS = ("change", "secret", "password", "example", "default", "development")


def _refuse_weak_production_secret(secret_key: str, var_dir: Path) -> None:
    """Every token is signed with this key: a guessable one lets anybody mint an admin's."""
    if len(secret_key.encode()) < MIN_PRODUCTION_SECRET_BYTES:
        raise ConfigurationError(
            f"SKILLWISE_SECRET_KEY must be at least {MIN_PRODUCTION_SECRET_BYTES} bytes when "
            "SKILLWISE_ENV=production; generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
        )
    development_file = var_dir / "dev-secret-key"
    if secret_key in _KNOWN_DEVELOPMENT_SECRETS or (
        development_file.exists() and development_file.read_text().strip() == secret_key
    ):
        raise ConfigurationError(
            "SKILLWISE_SECRET_KEY is a development key; production needs a key of its own."
        )
    lowered = secret_key.lower()
    if len(set(secret_key)) < 10 or any(word in lowered for word in _PLACEHOLDER_WORDS):
        raise ConfigurationError(
            "SKILLWISE_SECRET_KEY looks like a placeholder, not a random key; production "
            "needs a random one."
        )


def _development_secret(var_dir: Path) -> str:
    """A per-checkout key kept under var/ so tokens survive restarts in development."""
    path = var_dir / "dev-secret-key"
    try:
        return path.read_text().strip() or _write_secret(path)
    except FileNotFoundError:
        return _write_secret(path)


def _write_secret(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key
