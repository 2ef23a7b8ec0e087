"""PgQueuer on the same server, as the peer: enqueue rate and drain rate with a no-op entrypoint
at batch sizes 10 and 100, each drain the best of two rounds (as Atelier's). One JSON line per figure.

    python pgqueuer_bench.py DSN JOBS
"""
import asyncio
import json
import sys
import time

import asyncpg
from pgqueuer import AsyncpgDriver, QueueManager, Queries
from pgqueuer.types import QueueExecutionMode


def report(name, value):
    print(json.dumps({"figure": name, "value": round(value, 1)}), flush=True)


async def main(dsn, jobs):
    connection = await asyncpg.connect(dsn)
    driver = AsyncpgDriver(connection)
    queries = Queries(driver)
    try:
        await queries.uninstall()
    except Exception:
        pass
    await queries.install()
    for batch in (10, 100):
        best = 0.0
        for round in range(2):
            await connection.execute("TRUNCATE pgqueuer")
            start = time.perf_counter()
            for first in range(0, jobs, 1000):
                count = min(1000, jobs - first)
                await queries.enqueue(["noop"] * count, [None] * count, [0] * count)
            if batch == 10 and round == 0:
                report("enqueue_jobs_per_s", jobs / (time.perf_counter() - start))
            manager = QueueManager(queries)

            @manager.entrypoint("noop")
            async def noop(job):
                pass

            start = time.perf_counter()
            await manager.run(batch_size=batch, mode=QueueExecutionMode.drain)
            best = max(best, jobs / (time.perf_counter() - start))
        report(f"drain_jobs_per_s_batch_{batch}", best)
    await connection.close()


asyncio.run(main(sys.argv[1], int(sys.argv[2])))
