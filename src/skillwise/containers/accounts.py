"""Accounts: sign-up, sessions, password reset, profiles and user management."""

from __future__ import annotations

from datetime import timedelta

from dependency_injector import containers, providers

from skillwise.adapters.blocklist.database import DatabaseTokenBlocklist
from skillwise.adapters.blocklist.redis_blocklist import KEY_PREFIX, RedisTokenBlocklist
from skillwise.adapters.cache.local_copies import LocallyCopiedCache
from skillwise.adapters.security.argon2_hasher import Argon2PasswordHasher
from skillwise.adapters.security.jwt_tokens import JwtTokenIssuer
from skillwise.application.accounts.use_cases.confirm_password_reset import ConfirmPasswordReset
from skillwise.application.accounts.use_cases.create_admin import CreateAdmin
from skillwise.application.accounts.use_cases.delete_user import DeleteUser
from skillwise.application.accounts.use_cases.get_profile import GetProfile
from skillwise.application.accounts.use_cases.get_user import GetUser
from skillwise.application.accounts.use_cases.list_users import ListUsers
from skillwise.application.accounts.use_cases.log_in import LogIn
from skillwise.application.accounts.use_cases.log_out import LogOut
from skillwise.application.accounts.use_cases.purge_expired_tokens import PurgeExpiredTokens
from skillwise.application.accounts.use_cases.refresh_session import RefreshSession
from skillwise.application.accounts.use_cases.register_user import RegisterUser
from skillwise.application.accounts.use_cases.request_password_reset import RequestPasswordReset
from skillwise.application.accounts.use_cases.resend_verification_email import (
    ResendVerificationEmail,
)
from skillwise.application.accounts.use_cases.update_profile import UpdateProfile
from skillwise.application.accounts.use_cases.update_user import UpdateUser
from skillwise.application.accounts.use_cases.verify_email import VerifyEmail
from skillwise.containers.root import local_copies
from skillwise.settings import Settings


def _blocklist_copies(client, settings: Settings) -> LocallyCopiedCache | None:
    """The blocklist's keys sit beside the cache's, not under its namespace; a quarter of the
    catalog's budget again is plenty, as a token's check reads four small keys."""
    if not settings.local_cache_mb:
        return None
    return local_copies(client, settings, namespace="", prefix=KEY_PREFIX, share=0.25)


class AccountsContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    settings = infra.settings
    uow = infra.uow
    clock = infra.clock
    public_url = settings.provided.public_url

    password_hasher = providers.Singleton(
        Argon2PasswordHasher, profile=settings.provided.password_hash_profile
    )
    access_token_lifetime = providers.Singleton(
        timedelta, minutes=settings.provided.access_token_minutes
    )
    refresh_token_lifetime = providers.Singleton(
        timedelta, days=settings.provided.refresh_token_days
    )
    token_issuer = providers.Singleton(
        JwtTokenIssuer,
        access_lifetime=access_token_lifetime,
        refresh_lifetime=refresh_token_lifetime,
    )
    database_token_blocklist = providers.Singleton(
        DatabaseTokenBlocklist,
        engine=infra.engine,
        clock=clock,
        access_lifetime=access_token_lifetime,
    )
    token_blocklist = providers.Selector(
        providers.Callable(lambda s: "redis" if s.redis_url else "database", settings),
        database=database_token_blocklist,
        redis=providers.Singleton(
            RedisTokenBlocklist,
            database=database_token_blocklist,
            client=infra.redis_client,
            clock=clock,
            prefix=settings.provided.redis_prefix,
            copies=providers.Singleton(
                _blocklist_copies, client=infra.redis_client, settings=settings
            ),
        ),
    )

    register_user = providers.Factory(
        RegisterUser, uow=uow, hasher=password_hasher, clock=clock, public_url=public_url
    )
    verify_email = providers.Factory(VerifyEmail, uow=uow, clock=clock)
    resend_verification_email = providers.Factory(
        ResendVerificationEmail, uow=uow, clock=clock, public_url=public_url
    )
    log_in = providers.Factory(
        LogIn, uow=uow, hasher=password_hasher, tokens=token_issuer, clock=clock
    )
    refresh_session = providers.Factory(
        RefreshSession, uow=uow, tokens=token_issuer, blocklist=token_blocklist, clock=clock
    )
    log_out = providers.Factory(
        LogOut, uow=uow, tokens=token_issuer, blocklist=token_blocklist, clock=clock
    )
    request_password_reset = providers.Factory(
        RequestPasswordReset, uow=uow, clock=clock, public_url=public_url
    )
    confirm_password_reset = providers.Factory(
        ConfirmPasswordReset,
        uow=uow,
        hasher=password_hasher,
        blocklist=token_blocklist,
        clock=clock,
    )
    get_profile = providers.Factory(GetProfile, uow=uow)
    update_profile = providers.Factory(UpdateProfile, uow=uow)
    get_user = providers.Factory(GetUser, uow=uow)
    list_users = providers.Factory(ListUsers, uow=uow)
    update_user = providers.Factory(UpdateUser, uow=uow, blocklist=token_blocklist, clock=clock)
    delete_user = providers.Factory(DeleteUser, uow=uow, blocklist=token_blocklist, clock=clock)
    purge_expired_tokens = providers.Factory(PurgeExpiredTokens, uow=uow, clock=clock)
    create_admin = providers.Factory(CreateAdmin, uow=uow, hasher=password_hasher, clock=clock)
