"""With files on the API's own disk there is no store to upload to directly."""

import pytest

pytestmark = pytest.mark.integration


def test_direct_uploads_answer_unavailable_with_local_storage(client, catalog):
    course = catalog.course()
    lesson = course.lessons[0]
    started = client.post(
        f"/api/v1/lessons/{lesson.id}/uploads/",
        json={"kind": "video", "filename": "a.mp4", "content_type": "video/mp4", "size": 10},
        headers=catalog.auth(course.instructor),
    )
    assert (started.status_code, started.json["error"]) == (409, "direct_upload_unavailable")
    video = client.get(f"/api/v1/lessons/{lesson.id}/video/")
    assert (video.status_code, video.json["error"]) == (409, "direct_upload_unavailable")
