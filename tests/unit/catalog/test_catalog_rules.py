"""The catalog's domain rules: slugs, ordering, status changes, visibility, attachments."""

from dataclasses import dataclass, field
from uuid import UUID, uuid4

import pytest

from skillwise.domain.catalog.attachments import (
    accepted_attachment_type,
    clean_filename,
    sniff_content_type,
)
from skillwise.domain.catalog.course import CourseStatus, clean_title
from skillwise.domain.catalog.outline import (
    Lesson,
    close_gap,
    lesson_content_is_open_to,
    place_at_position,
)
from skillwise.domain.catalog.pricing import MAX_PRICE_MINOR
from skillwise.domain.catalog.slugs import first_free_slug, slugify
from skillwise.domain.errors import DomainValidationError
from skillwise.domain.identity import Actor, Role
from skillwise.domain.money import Money
from tests.factories import NOW, a_course, a_user


@dataclass
class Item:
    position: int
    id: UUID = field(default_factory=uuid4)


# --- slugs ---


def test_a_slug_is_lower_case_ascii_words_joined_by_hyphens():
    assert slugify("  Python: From Zero to Hero! ") == "python-from-zero-to-hero"
    assert slugify("Café crème & Ñandú") == "cafe-creme-nandu"


def test_a_title_with_nothing_ascii_still_gets_a_slug():
    assert slugify("বাংলা শিখুন") == "course"


def test_slugs_are_cut_to_a_bounded_length_without_a_trailing_hyphen():
    slug = slugify("word " * 100)
    assert len(slug) <= 200 and not slug.endswith("-")


def test_a_taken_slug_gets_the_first_free_number_from_two():
    assert first_free_slug("python", set()) == "python"
    assert first_free_slug("python", {"python"}) == "python-2"
    assert first_free_slug("python", {"python", "python-2", "python-3"}) == "python-4"


def test_titles_are_tidied_and_blank_ones_refused():
    assert clean_title("  Intro   to  SQL ") == "Intro to SQL"
    with pytest.raises(DomainValidationError) as refused:
        clean_title("   ")
    assert refused.value.code == "blank_title"


# --- positions ---


def test_a_new_item_goes_last_when_no_position_is_asked_for():
    a, b = Item(1), Item(2)
    new = Item(0)
    place_at_position([a, b], new, None)
    assert [a.position, b.position, new.position] == [1, 2, 3]


def test_inserting_at_a_position_moves_the_following_items_down():
    a, b, c = Item(1), Item(2), Item(3)
    new = Item(0)
    moved = place_at_position([a, b, c], new, 2)
    assert [a.position, new.position, b.position, c.position] == [1, 2, 3, 4]
    assert set(map(id, moved)) == {id(new), id(b), id(c)}


def test_moving_an_item_up_renumbers_without_gaps_and_reports_only_what_moved():
    a, b, c, d = Item(1), Item(2), Item(3), Item(4)
    moved = place_at_position([a, b, c, d], d, 2)
    assert [a.position, d.position, b.position, c.position] == [1, 2, 3, 4]
    assert a not in moved and len(moved) == 3


def test_moving_an_item_down_shifts_the_ones_it_passes_up():
    a, b, c = Item(1), Item(2), Item(3)
    place_at_position([a, b, c], a, 3)
    assert [b.position, c.position, a.position] == [1, 2, 3]


def test_positions_past_either_end_are_clamped():
    a, b = Item(1), Item(2)
    place_at_position([a, b], a, 99)
    assert [b.position, a.position] == [1, 2]
    new = Item(0)
    place_at_position([a, b], new, 0)
    assert new.position == 1 and b.position == 2 and a.position == 3


def test_closing_a_gap_renumbers_what_remains():
    a, c, d = Item(1), Item(3), Item(4)
    moved = close_gap([d, a, c])
    assert [a.position, c.position, d.position] == [1, 2, 3]
    assert a not in moved


# --- status ---


def test_a_course_without_lessons_cannot_be_published():
    course = a_course(a_user(Role.INSTRUCTOR), published=False)
    with pytest.raises(DomainValidationError) as refused:
        course.move_to_status(CourseStatus.PUBLISHED, now=NOW, lesson_count=0)
    assert refused.value.code == "course_has_no_lessons"
    assert course.status is CourseStatus.DRAFT and course.published_at is None


def test_publishing_stamps_published_at_and_unpublishing_clears_it():
    course = a_course(a_user(Role.INSTRUCTOR), published=False)
    course.move_to_status(CourseStatus.PUBLISHED, now=NOW, lesson_count=1)
    assert course.is_published and course.published_at == NOW
    course.move_to_status(CourseStatus.DRAFT, now=NOW, lesson_count=1)
    assert course.status is CourseStatus.DRAFT and course.published_at is None


def test_archiving_keeps_the_date_it_was_published():
    course = a_course(a_user(Role.INSTRUCTOR), published=True)
    course.move_to_status(CourseStatus.ARCHIVED, now=NOW, lesson_count=0)
    assert course.status is CourseStatus.ARCHIVED and course.published_at == NOW


def test_a_negative_price_is_refused():
    course = a_course(a_user(Role.INSTRUCTOR))
    with pytest.raises(DomainValidationError):
        course.change_price(Money(-1, "USD"))
    assert course.price == Money(0, "USD")


def test_a_price_above_the_ceiling_is_refused():
    course = a_course(a_user(Role.INSTRUCTOR))
    with pytest.raises(DomainValidationError) as refused:
        course.change_price(Money(MAX_PRICE_MINOR + 1, "USD"))
    assert refused.value.code == "price_too_high"
    course.change_price(Money(MAX_PRICE_MINOR, "USD"))
    assert course.price.amount_minor == MAX_PRICE_MINOR


# --- visibility and lesson access ---


def test_drafts_are_visible_to_their_owner_admins_and_enrolled_students_only():
    owner = a_user(Role.INSTRUCTOR)
    draft = a_course(owner, published=False)
    stranger = Actor(uuid4(), Role.INSTRUCTOR)
    assert draft.is_visible_to(owner.as_actor())
    assert draft.is_visible_to(Actor(uuid4(), Role.ADMIN))
    assert not draft.is_visible_to(stranger)
    assert not draft.is_visible_to(None)
    assert draft.is_visible_to(Actor(uuid4(), Role.STUDENT), enrolled=True)


def _lesson(course, *, preview: bool) -> Lesson:
    return Lesson(
        module_id=uuid4(),
        course_id=course.id,
        title="L",
        position=1,
        created_at=NOW,
        updated_at=NOW,
        is_preview=preview,
    )


def test_preview_lessons_of_published_courses_are_open_to_anyone():
    course = a_course(a_user(Role.INSTRUCTOR), published=True)
    assert lesson_content_is_open_to(course, _lesson(course, preview=True), None, enrolled=False)
    assert not lesson_content_is_open_to(
        course, _lesson(course, preview=False), None, enrolled=False
    )


def test_preview_lessons_of_drafts_are_not_open_to_strangers():
    course = a_course(a_user(Role.INSTRUCTOR), published=False)
    stranger = Actor(uuid4(), Role.STUDENT)
    lesson = _lesson(course, preview=True)
    assert not lesson_content_is_open_to(course, lesson, stranger, enrolled=False)


def test_enrolled_students_owners_and_admins_read_every_lesson():
    owner = a_user(Role.INSTRUCTOR)
    course = a_course(owner, published=True)
    lesson = _lesson(course, preview=False)
    student = Actor(uuid4(), Role.STUDENT)
    assert lesson_content_is_open_to(course, lesson, student, enrolled=True)
    assert lesson_content_is_open_to(course, lesson, owner.as_actor(), enrolled=False)
    assert lesson_content_is_open_to(course, lesson, Actor(uuid4(), Role.ADMIN), enrolled=False)
    assert not lesson_content_is_open_to(course, lesson, student, enrolled=False)


# --- attachments ---


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.4 ...", "application/pdf"),
        (b"PK\x03\x04rest", "application/zip"),
        (b"\x89PNG\r\n\x1a\nrest", "image/png"),
        (b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        (b"GIF89a....", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        ("# Notes\n\nCafé ☕".encode(), "text/plain"),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),
        (b"\x7fELF\x02\x01\x01\x00", None),
    ],
)
def test_the_first_bytes_tell_what_a_file_really_is(head, expected):
    assert sniff_content_type(head) == expected


def test_text_cut_in_the_middle_of_a_character_is_still_text():
    head = ("é" * 300).encode()[:511]
    assert sniff_content_type(head) == "text/plain"


def test_declared_types_outside_the_allowlist_are_refused():
    with pytest.raises(DomainValidationError) as refused:
        accepted_attachment_type("application/x-msdownload", b"MZ\x90\x00")
    assert refused.value.code == "attachment_type_not_allowed"


def test_a_file_whose_bytes_contradict_its_declared_type_is_refused():
    with pytest.raises(DomainValidationError) as refused:
        accepted_attachment_type("application/pdf", b"MZ\x90\x00\x03\x00")
    assert refused.value.code == "attachment_content_mismatch"
    with pytest.raises(DomainValidationError):
        accepted_attachment_type("image/png", b"%PDF-1.7")


def test_markdown_and_plain_text_are_accepted_as_either_text_type():
    assert accepted_attachment_type("text/markdown; charset=utf-8", b"# Title") == "text/markdown"
    assert accepted_attachment_type("TEXT/PLAIN", b"hello") == "text/plain"


def test_empty_files_are_refused():
    with pytest.raises(DomainValidationError) as refused:
        accepted_attachment_type("text/plain", b"")
    assert refused.value.code == "attachment_empty"


def test_download_names_lose_directories_and_control_characters():
    assert clean_filename("../../etc/passwd") == "passwd"
    assert clean_filename("C:\\Users\\me\\notes.pdf") == "notes.pdf"
    assert clean_filename('bad\r\nname".pdf') == "badname.pdf"
    assert clean_filename("") == "attachment"
    assert clean_filename(".hidden") == "hidden"
    long_name = clean_filename("x" * 400 + ".pdf")
    assert len(long_name) == 255 and long_name.endswith(".pdf")
