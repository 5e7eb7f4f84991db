package io.pinpush.segments;

import io.pinpush.config.DaemonThreads;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.endpoints.EndpointService;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A segment's audience, streamed: every endpoint of the app is read shard by shard (shards in parallel on a
 * bounded pool, each shard page by page), judged, and handed on or counted out. Nothing holds the audience in
 * memory, so an app with millions of endpoints is evaluated in constant memory.
 */
public final class SegmentAudience implements AutoCloseable {

    /** Imported members fetched per BatchGetItem. */
    private static final int IMPORTED_CHUNK = 100;

    private final SegmentService segments;
    private final EndpointService endpoints;
    private final ExecutorService shardReaders;

    public SegmentAudience(SegmentService segments, EndpointService endpoints, int parallelShards) {
        this.segments = segments;
        this.endpoints = endpoints;
        this.shardReaders = DaemonThreads.pool(parallelShards, "pinpush-segment-shard");
    }

    /**
     * Calls {@code member} for every sendable member of the segment (at {@code version}, or its latest when null)
     * and returns the counts. {@code member} is called from several threads at once and must be thread-safe.
     * NotFoundException for an unknown app, segment or version. When {@code member} throws, the pass stops and
     * the first exception is rethrown.
     */
    public EvaluationCounts forEachMember(String appId, String segmentId, Integer version, Consumer<EndpointResponse> member) {
        SegmentResponse segment = segments.require(appId, segmentId, version);
        return forEachMember(segment, member);
    }

    /** As {@link #forEachMember(String, String, Integer, Consumer)} for a segment version already read. */
    public EvaluationCounts forEachMember(SegmentResponse segment, Consumer<EndpointResponse> member) {
        if (segment.segmentType() == SegmentType.IMPORT) {
            return forEachImported(segment, member);
        }
        String appId = segment.applicationId();
        Predicate<EndpointResponse> inSegment = segments.membership(segment);
        int shards = endpoints.shardCount(appId);
        LongAdder total = new LongAdder();
        LongAdder sendable = new LongAdder();
        Map<ExclusionReason, LongAdder> excluded = new EnumMap<>(ExclusionReason.class);
        for (ExclusionReason reason : ExclusionReason.values()) excluded.put(reason, new LongAdder());

        List<Future<?>> running = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            int s = shard;
            running.add(shardReaders.submit(() -> judgeShard(appId, s, inSegment, endpoint -> {
                sendable.increment();
                member.accept(endpoint);
            }, reason -> excluded.get(reason).increment(), total)));
        }
        awaitAll(running);

        Map<ExclusionReason, Long> counts = new EnumMap<>(ExclusionReason.class);
        excluded.forEach((reason, n) -> {
            if (n.sum() > 0) counts.put(reason, n.sum());
        });
        return new EvaluationCounts(total.sum(), sendable.sum(), counts);
    }

    /**
     * An IMPORT segment: its member list is read page by page and the endpoints fetched 100 at a time, so only the
     * members (not the whole app) are read. A member whose endpoint was deleted since the import is not counted.
     */
    private EvaluationCounts forEachImported(SegmentResponse segment, Consumer<EndpointResponse> member) {
        String appId = segment.applicationId();
        long[] total = {0};
        long[] sendable = {0};
        Map<ExclusionReason, Long> excluded = new EnumMap<>(ExclusionReason.class);
        List<String> chunk = new ArrayList<>(IMPORTED_CHUNK);
        Runnable judge = () -> {
            endpoints.findAll(appId, chunk).values().forEach(endpoint -> {
                total[0]++;
                ExclusionReason reason = ExclusionReason.ofMember(endpoint).orElse(null);
                if (reason != null) {
                    excluded.merge(reason, 1L, Long::sum);
                } else {
                    sendable[0]++;
                    member.accept(endpoint);
                }
            });
            chunk.clear();
        };
        segments.importedMembers().forEach(appId, segment.id(), segment.version(), id -> {
            chunk.add(id);
            if (chunk.size() == IMPORTED_CHUNK) judge.run();
        });
        if (!chunk.isEmpty()) judge.run();
        return new EvaluationCounts(total[0], sendable[0], excluded);
    }

    /**
     * Calls {@code member} for every sendable member of the segment version stored in one endpoint shard, on the
     * calling thread, in endpoint id order: what a campaign runner does for one shard of a run.
     */
    public void forEachMemberInShard(SegmentResponse segment, Predicate<EndpointResponse> inSegment, int shard,
                                     Consumer<EndpointResponse> member) {
        judgeShard(segment.applicationId(), shard, inSegment, member, reason -> { }, new LongAdder());
    }

    private void judgeShard(String appId, int shard, Predicate<EndpointResponse> inSegment,
                            Consumer<EndpointResponse> member, Consumer<ExclusionReason> excluded, LongAdder total) {
        endpoints.forEachInShard(appId, shard, endpoint -> {
            total.increment();
            ExclusionReason reason = inSegment.test(endpoint)
                    ? ExclusionReason.ofMember(endpoint).orElse(null) : ExclusionReason.FILTERED_OUT_BY_SEGMENT;
            if (reason != null) {
                excluded.accept(reason);
            } else {
                member.accept(endpoint);
            }
        });
    }

    private static void awaitAll(List<Future<?>> running) {
        RuntimeException failure = null;
        for (Future<?> future : running) {
            try {
                if (failure != null) {
                    future.cancel(true);
                } else {
                    future.get();
                }
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(f -> f.cancel(true));
                throw new IllegalStateException("Interrupted while evaluating a segment", e);
            }
        }
        if (failure != null) throw failure;
    }

    @Override
    public void close() {
        shardReaders.shutdownNow();
    }
}
