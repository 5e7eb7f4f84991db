package io.pinpush.local;

import io.pinpush.config.DaemonThreads;
import io.pinpush.functions.CampaignTickHandler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the EventBridge Scheduler schedule does in AWS, in-process: invokes the real campaign tick function, every
 * {@code PINPUSH_LOCAL_CAMPAIGN_TICK} (default 5 s rather than a minute, so a campaign scheduled two minutes ahead
 * starts within seconds of its time on a laptop).
 */
public final class LocalCampaignTick implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCampaignTick.class);
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("pinpush-campaign-tick"));

    private LocalCampaignTick() {
    }

    public static LocalCampaignTick start(CampaignTickHandler handler, Duration interval) {
        LocalCampaignTick tick = new LocalCampaignTick();
        tick.timer.scheduleWithFixedDelay(() -> {
            try {
                Map<String, Object> report = handler.tick();
                if (!Integer.valueOf(0).equals(report.get("runsStarted"))
                        || !Integer.valueOf(0).equals(report.get("slicesReleased"))) {
                    LOG.info("Campaign tick: {}", report);
                }
            } catch (RuntimeException e) {
                LOG.error("The campaign tick failed; it runs again in {}", interval, e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return tick;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
