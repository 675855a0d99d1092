"""The circuit breaker in front of Redis: skip after a failure, one probe per pause."""

from skillwise.adapters.circuit_breaker import CircuitBreaker


class Ticking:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_failure_makes_callers_skip_until_the_pause_is_over_then_one_probes():
    clock = Ticking()
    breaker = CircuitBreaker("redis", pause_seconds=5, monotonic=clock)
    assert breaker.allows_call()
    breaker.failed()
    assert not breaker.allows_call()
    clock.now += 5
    assert breaker.allows_call()
    assert not breaker.allows_call()  # the others wait for the probe's verdict


def test_a_success_after_an_outage_reports_the_recovery_once():
    clock = Ticking()
    breaker = CircuitBreaker("redis", pause_seconds=5, monotonic=clock)
    breaker.failed()
    clock.now += 5
    assert breaker.allows_call()
    assert breaker.succeeded() is True
    assert breaker.succeeded() is False
    assert breaker.allows_call() and breaker.allows_call()
