import pytest

from skillwise.domain.enrollments import Enrollment, EnrollmentStatus
from skillwise.domain.errors import PermissionDenied
from skillwise.domain.learning.progress import percent_complete
from tests.factories import NOW, a_user


@pytest.mark.parametrize(
    ("completed", "total", "percent"),
    [(0, 0, 0), (0, 3, 0), (1, 3, 33), (2, 3, 66), (3, 3, 100), (199, 200, 99), (5, 4, 100)],
)
def test_percent_complete_is_a_whole_number_rounded_down(completed, total, percent):
    assert percent_complete(completed, total) == percent


def an_enrollment(status=EnrollmentStatus.ACTIVE):
    user = a_user()
    return Enrollment(
        user_id=user.id, course_id=user.id, started_at=NOW, updated_at=NOW, status=status
    )


def test_a_refund_ends_access_and_repeating_it_changes_nothing():
    enrollment = an_enrollment(EnrollmentStatus.COMPLETED)

    assert enrollment.refund(NOW) is True
    assert enrollment.refund(NOW) is False
    assert enrollment.grants_access is False
    with pytest.raises(PermissionDenied):
        enrollment.require_access()


def test_only_an_active_enrollment_can_be_completed():
    assert an_enrollment().complete(NOW) is True
    assert an_enrollment(EnrollmentStatus.REFUNDED).complete(NOW) is False
