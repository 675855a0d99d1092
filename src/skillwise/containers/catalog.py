"""Catalog: courses, modules, lessons and attachments."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from dependency_injector import containers, providers

from skillwise.adapters.db.queries.catalog import SqlCourseQueries
from skillwise.adapters.db.queries.categories import SqlCategoryQueries
from skillwise.adapters.db.replica import reading_the_primary
from skillwise.application.catalog.counts import CatalogCounts
from skillwise.application.catalog.page_marks import PageMarks
from skillwise.application.catalog.use_cases.add_lesson import AddLesson
from skillwise.application.catalog.use_cases.add_module import AddModule
from skillwise.application.catalog.use_cases.complete_direct_upload import CompleteDirectUpload
from skillwise.application.catalog.use_cases.create_course import CreateCourse
from skillwise.application.catalog.use_cases.delete_attachment import DeleteAttachment
from skillwise.application.catalog.use_cases.delete_course import DeleteCourse
from skillwise.application.catalog.use_cases.delete_lesson import DeleteLesson
from skillwise.application.catalog.use_cases.delete_module import DeleteModule
from skillwise.application.catalog.use_cases.download_attachment import DownloadAttachment
from skillwise.application.catalog.use_cases.get_course import GetCourse
from skillwise.application.catalog.use_cases.link_lesson_video import LinkLessonVideo
from skillwise.application.catalog.use_cases.list_all_courses import ListAllCourses
from skillwise.application.catalog.use_cases.list_categories import ListCategories
from skillwise.application.catalog.use_cases.list_courses import ListCourses
from skillwise.application.catalog.use_cases.list_instructor_courses import ListInstructorCourses
from skillwise.application.catalog.use_cases.list_lessons import ListLessons
from skillwise.application.catalog.use_cases.list_modules import ListModules
from skillwise.application.catalog.use_cases.read_lesson import ReadLesson
from skillwise.application.catalog.use_cases.scroll_courses import ScrollCourses
from skillwise.application.catalog.use_cases.serve_cached_catalog import ServeCachedCatalog
from skillwise.application.catalog.use_cases.start_direct_upload import StartDirectUpload
from skillwise.application.catalog.use_cases.update_course import UpdateCourse
from skillwise.application.catalog.use_cases.update_lesson import UpdateLesson
from skillwise.application.catalog.use_cases.update_module import UpdateModule
from skillwise.application.catalog.use_cases.upload_attachment import UploadAttachment
from skillwise.application.shared.cursors import CursorCodec
from skillwise.settings import Settings


def _lesson_video_url(settings: Settings) -> Callable[[UUID], str]:
    """Where the API hands out a lesson's video: a stable address behind the expiring links."""
    return lambda lesson_id: f"{settings.public_url}/api/v1/lessons/{lesson_id}/video/"


def _cursor_secret(settings: Settings) -> bytes:
    return settings.secret_key.encode()


class CatalogContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    uow = infra.uow
    clock = infra.clock
    storage = infra.file_storage

    course_queries = providers.Factory(SqlCourseQueries, session_factory=infra.read_session_factory)
    # Answers built right after the use case's own commit: a replica may not have it yet.
    course_queries_after_write = providers.Factory(
        SqlCourseQueries, session_factory=infra.session_factory
    )
    serve_cached_catalog = providers.Factory(
        ServeCachedCatalog, cache=infra.cache, fresh_reads=providers.Object(reading_the_primary)
    )
    create_course = providers.Factory(
        CreateCourse,
        uow=uow,
        clock=clock,
        queries=course_queries_after_write,
        accepted_currencies=infra.payment_gateways,
    )
    update_course = providers.Factory(
        UpdateCourse,
        uow=uow,
        clock=clock,
        queries=course_queries_after_write,
        accepted_currencies=infra.payment_gateways,
    )
    delete_course = providers.Factory(
        DeleteCourse,
        uow=uow,
        clock=clock,
        queries=course_queries_after_write,
        storage=storage,
    )
    get_course = providers.Factory(GetCourse, uow=uow, queries=course_queries)
    catalog_counts = providers.Factory(CatalogCounts, cache=infra.cache)
    page_marks = providers.Factory(PageMarks, cache=infra.cache)
    list_courses = providers.Factory(
        ListCourses, queries=course_queries, counts=catalog_counts, marks=page_marks
    )
    cursors = providers.Singleton(
        CursorCodec, secret=providers.Callable(_cursor_secret, infra.settings)
    )
    scroll_courses = providers.Factory(ScrollCourses, queries=course_queries, cursors=cursors)
    list_all_courses = providers.Factory(ListAllCourses, queries=course_queries)
    list_instructor_courses = providers.Factory(ListInstructorCourses, queries=course_queries)
    list_categories = providers.Factory(
        ListCategories,
        queries=providers.Factory(SqlCategoryQueries, session_factory=infra.read_session_factory),
    )
    add_module = providers.Factory(AddModule, uow=uow)
    list_modules = providers.Factory(ListModules, uow=uow, queries=course_queries)
    update_module = providers.Factory(UpdateModule, uow=uow)
    delete_module = providers.Factory(DeleteModule, uow=uow, storage=storage)
    add_lesson = providers.Factory(AddLesson, uow=uow, clock=clock)
    list_lessons = providers.Factory(ListLessons, uow=uow)
    read_lesson = providers.Factory(ReadLesson, uow=uow)
    update_lesson = providers.Factory(UpdateLesson, uow=uow, clock=clock)
    delete_lesson = providers.Factory(DeleteLesson, uow=uow, storage=storage)
    upload_attachment = providers.Factory(
        UploadAttachment,
        uow=uow,
        storage=storage,
        clock=clock,
        max_bytes=infra.settings.provided.max_attachment_bytes,
    )
    download_attachment = providers.Factory(
        DownloadAttachment,
        uow=uow,
        storage=storage,
        links=infra.direct_upload_storage,
        link_seconds=infra.settings.provided.download_url_ttl_seconds,
    )
    start_direct_upload = providers.Factory(
        StartDirectUpload,
        uow=uow,
        storage=infra.direct_upload_storage,
        clock=clock,
        max_attachment_bytes=infra.settings.provided.max_attachment_bytes,
        max_video_bytes=infra.settings.provided.max_video_bytes,
    )
    complete_direct_upload = providers.Factory(
        CompleteDirectUpload,
        uow=uow,
        storage=infra.direct_upload_storage,
        clock=clock,
        video_url=providers.Callable(_lesson_video_url, infra.settings),
    )
    link_lesson_video = providers.Factory(
        LinkLessonVideo,
        uow=uow,
        storage=infra.direct_upload_storage,
        link_seconds=infra.settings.provided.download_url_ttl_seconds,
    )
    delete_attachment = providers.Factory(DeleteAttachment, uow=uow, storage=storage)
