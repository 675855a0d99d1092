import pytest

from skillwise.domain.identity import Role

pytestmark = pytest.mark.integration

URL = "/api/v1/admin/courses/"


def test_admins_list_every_course_with_its_status(client, catalog):
    published = catalog.course(title="Published Python")
    draft = catalog.course(published=False, title="Draft Rust")
    response = client.get(URL, headers=catalog.auth(catalog.user(Role.ADMIN)))
    assert response.status_code == 200
    statuses = {row["id"]: row["status"] for row in response.json["results"]}
    assert statuses == {str(published.id): "published", str(draft.id): "draft"}


def test_admins_filter_every_course_by_status_and_search(client, catalog):
    catalog.course(title="Published Python")
    draft = catalog.course(published=False, title="Draft Rust")
    headers = catalog.auth(catalog.user(Role.ADMIN))
    by_status = client.get(URL + "?status=draft", headers=headers).json
    assert [row["id"] for row in by_status["results"]] == [str(draft.id)]
    by_words = client.get(URL + "?search=rust", headers=headers).json
    assert [row["id"] for row in by_words["results"]] == [str(draft.id)]
    assert client.get(URL + "?status=lost", headers=headers).status_code == 422


@pytest.mark.parametrize(("role", "status"), [(Role.STUDENT, 403), (Role.INSTRUCTOR, 403)])
def test_only_admins_list_every_course(client, catalog, role, status):
    catalog.course(published=False)
    assert client.get(URL, headers=catalog.auth(catalog.user(role))).status_code == status
    assert client.get(URL).status_code == 401
