"""The dramatiq worker module: `dramatiq skillwise.entrypoints.worker` (or `skillwise worker`).

dramatiq imports this module in each worker process, so this is where the broker is set up.
"""

import dramatiq

from skillwise.containers import Container

container = Container()
broker = container.infra.broker()
dramatiq.set_broker(broker)
deliver_outbox_message = container.infra.deliver_actor()
