import io

from skillwise.adapters.push.console import ConsolePushSender
from skillwise.application.notifications.push import Delivered, PushMessage


def test_console_prints_each_push_and_reports_it_delivered():
    stream = io.StringIO()
    sender = ConsolePushSender(stream=stream)
    push = PushMessage(
        token="device-token-1",
        title="Payment received",
        body="Invoice INV-2026-000042 is on its way.",
        data={"kind": "payment_succeeded", "id": "n-1"},
        android_priority="high",
    )

    first = sender.send(push)
    second = sender.send(push)

    printed = stream.getvalue()
    assert "Push to device: device-token-1" in printed
    assert "Title: Payment received" in printed
    assert "Data: kind=payment_succeeded, id=n-1" in printed
    assert "Android priority: high" in printed
    assert "Invoice INV-2026-000042 is on its way." in printed
    assert (first, second) == (Delivered("console/1"), Delivered("console/2"))
