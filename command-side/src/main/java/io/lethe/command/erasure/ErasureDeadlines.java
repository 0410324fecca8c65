package io.lethe.command.erasure;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Erasure deadlines that survive restarts: Axon's deadline manager on db-scheduler, its tasks in
 * {@code events.scheduled_tasks}. Any command-side instance may fire a due deadline (db-scheduler
 * picks each once).
 */
public final class ErasureDeadlines implements AutoCloseable {

    private final AtomicReference<DbSchedulerDeadlineManager> manager = new AtomicReference<>();
    private final Scheduler scheduler;

    public ErasureDeadlines(DataSource dataSource, Duration pollingInterval) {
        this.scheduler = Scheduler.create(dataSource, DbSchedulerDeadlineManager.binaryTask(manager::get))
                .tableName("events.scheduled_tasks")
                .pollingInterval(pollingInterval)
                .threads(1)
                .registerShutdownHook()
                .build();
    }

    /** The deadline manager for Axon's configuration; the scheduler starts once Axon is up. */
    public DeadlineManager deadlineManager(Configuration configuration) {
        DbSchedulerDeadlineManager deadlines = DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(configuration.scopeAwareProvider())
                .serializer(configuration.serializer())
                .transactionManager(configuration.getComponent(TransactionManager.class))
                .useBinaryPojo(true)
                .startScheduler(false)
                .stopScheduler(false)
                .build();
        manager.set(deadlines);
        return deadlines;
    }

    public void start() {
        scheduler.start();
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
