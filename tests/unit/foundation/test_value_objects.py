import pytest

from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.email_address import Email
from skillwise.domain.errors import DomainValidationError


def test_emails_compare_case_insensitively_and_are_stored_trimmed_lower_case():
    assert Email("  Ada@Example.COM ") == Email("ada@example.com")
    assert str(Email("Ada@Example.com")) == "ada@example.com"


@pytest.mark.parametrize("text", ["", "ada", "ada@", "@example.com", "ada@example", "a b@c.de"])
def test_malformed_emails_are_refused(text):
    with pytest.raises(DomainValidationError):
        Email(text)


def test_page_request_refuses_pages_below_one_and_sizes_outside_1_to_100():
    with pytest.raises(DomainValidationError):
        PageRequest(page=0)
    with pytest.raises(DomainValidationError):
        PageRequest(page_size=101)
    assert PageRequest(page=3, page_size=20).offset == 40


def test_page_knows_whether_neighbours_exist():
    middle = Page(items=[1] * 10, total=25, request=PageRequest(page=2, page_size=10))
    last = Page(items=[1] * 5, total=25, request=PageRequest(page=3, page_size=10))
    assert middle.has_next and middle.has_previous
    assert not last.has_next and last.has_previous
