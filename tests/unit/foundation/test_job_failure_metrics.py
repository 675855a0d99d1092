"""Background jobs that raise are counted by actor, on dramatiq and in process."""

from uuid import uuid4

import dramatiq
from dramatiq.brokers.stub import StubBroker
from prometheus_client import REGISTRY

from skillwise.adapters.tasks.dramatiq_queue import DELIVER_ACTOR, build_broker
from skillwise.adapters.tasks.failure_metrics import CountFailures
from skillwise.adapters.tasks.in_process import InProcessTaskQueue

FAILURES = "skillwise_worker_job_failures_total"


def failures(actor: str) -> float:
    return REGISTRY.get_sample_value(FAILURES, {"actor": actor}) or 0.0


def run_all(broker: StubBroker, queue: str) -> None:
    worker = dramatiq.Worker(broker, worker_timeout=50)
    worker.start()
    try:
        broker.join(queue, fail_fast=False)
        worker.join()
    finally:
        worker.stop()


def test_a_raising_actor_is_counted_and_a_succeeding_one_is_not():
    broker = StubBroker()
    broker.add_middleware(CountFailures())
    name = f"flaky_{uuid4().hex[:8]}"

    def job(fail: bool) -> None:
        if fail:
            raise RuntimeError("the job broke")

    actor = dramatiq.Actor(
        job, broker=broker, actor_name=name, queue_name="q", priority=0, options={"max_retries": 0}
    )
    actor.send(True)
    actor.send(False)
    actor.send(True)
    run_all(broker, "q")

    assert failures(name) == 2


def test_the_worker_broker_counts_failures():
    broker = build_broker("redis://127.0.0.1:6379/0", "test:")
    assert any(isinstance(m, CountFailures) for m in broker.middleware)


def test_an_in_process_delivery_that_raises_is_counted_under_the_delivery_actor():
    def deliver(_message_id):
        raise RuntimeError("the mail server said no")

    before = failures(DELIVER_ACTOR)
    InProcessTaskQueue(lambda: deliver).deliver_outbox_message(uuid4())
    InProcessTaskQueue(lambda: lambda _id: None).deliver_outbox_message(uuid4())

    assert failures(DELIVER_ACTOR) - before == 1
