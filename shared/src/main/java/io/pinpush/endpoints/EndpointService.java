package io.pinpush.endpoints;

import io.pinpush.api.ApiError;
import io.pinpush.api.Timestamps;
import io.pinpush.apps.App;
import io.pinpush.apps.AppScopedData;
import io.pinpush.apps.AppService;
import io.pinpush.channels.ChannelType;
import io.pinpush.config.DaemonThreads;
import io.pinpush.endpoints.EndpointStore.Stored;
import io.pinpush.store.Backoff;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * Endpoints and users: UpdateEndpoint's merge and quotas, Pinpoint's automatic status rules, and the reads the
 * messaging, segment and event code build on.
 *
 * <p>Every write is optimistic: read the endpoint with its version, compute the new document, write it on the
 * condition that the version is unchanged (or, for a new endpoint, that none exists), and start over when
 * another writer came first. Concurrent updates of one endpoint therefore never lose each other's changes.
 *
 * <p>Two of Pinpoint's rules touch other endpoints after a write:
 * <ul>
 *   <li>An ACTIVE endpoint owns its address: other endpoints of the app with the same channel and address
 *       become INACTIVE (a reinstalled app gets a new endpoint id for the same device token).</li>
 *   <li>A user id has at most 15 endpoints ({@link UserEndpointCap}).</li>
 * </ul>
 * Both run after the write and are best effort under concurrency: the indexes they query are eventually consistent.
 */
public final class EndpointService implements AppScopedData {

    /** Conditional-write attempts before a caller is told to slow down (429, which the AWS SDKs retry). */
    static final int MAX_WRITE_ATTEMPTS = 50;
    private static final int WORKER_THREADS = 16;

    private final EndpointStore store;
    private final AppService apps;
    private final Clock clock;
    private final ExecutorService workers = DaemonThreads.pool(WORKER_THREADS, "pinpush-endpoints");

    public EndpointService(EndpointStore store, AppService apps, Clock clock) {
        this.store = store;
        this.apps = apps;
        this.clock = clock;
    }

    // ---- The service API other packages build on --------------------------------------------------------------

    /** The endpoint, or empty when it does not exist. NotFoundException when the app does not exist. */
    public Optional<EndpointResponse> find(String appId, String endpointId) {
        int shards = shardCount(appId);
        if (!EndpointLimits.isStorableKey(endpointId)) {
            return Optional.empty();
        }
        return store.get(appId, EndpointHashing.shard(endpointId, shards), endpointId).map(Stored::endpoint);
    }

    /** The endpoints among {@code endpointIds} that exist, by id (BatchGetItem in chunks of 100). */
    public Map<String, EndpointResponse> findAll(String appId, Collection<String> endpointIds) {
        int shards = shardCount(appId);
        Map<String, Integer> shardById = new LinkedHashMap<>();
        endpointIds.stream().filter(EndpointLimits::isStorableKey).distinct()
                .forEach(id -> shardById.put(id, EndpointHashing.shard(id, shards)));
        Map<String, EndpointResponse> found = new LinkedHashMap<>();
        store.getAll(appId, shardById).forEach((id, stored) -> found.put(id, stored.endpoint()));
        return Collections.unmodifiableMap(found);
    }

    /** The user's endpoints, oldest first; empty when the user has none. */
    public List<EndpointResponse> userEndpoints(String appId, String userId) {
        shardCount(appId);
        if (!EndpointLimits.isStorableKey(userId)) {
            return List.of();
        }
        return store.byUser(appId, userId);
    }

    /**
     * Creates or updates an endpoint exactly as UpdateEndpoint does: validation, {@link EndpointMerge}'s rules,
     * the quotas, then the address and user rules. Nothing is written when the request breaks a rule.
     */
    public EndpointResponse upsert(String appId, String endpointId, EndpointRequest request) {
        return upsert(apps.require(appId), endpointId, request);
    }

    /**
     * {@link #upsert(String, String, EndpointRequest)} for a caller that has just read the app (PutEvents, once per
     * call for all its batch items): the app is not read again.
     */
    public EndpointResponse upsert(App app, String endpointId, EndpointRequest request) {
        EndpointLimits.requireValidId(endpointId, "EndpointId");
        int shards = shardsOf(app);
        int shard = EndpointHashing.shard(endpointId, shards);
        Change change = write(app.id(), shard, endpointId, request, store.get(app.id(), shard, endpointId),
                BatchPeers.NONE);
        afterWrite(app.id(), shards, change);
        return change.after();
    }

    /**
     * Import jobs' bulk upsert: every request is merged and checked exactly as UpdateEndpoint's merge does
     * ({@link EndpointMerge}, {@link EndpointLimits}), so a row that breaks a rule is reported, not written; then the
     * new endpoints are written with BatchWriteItem and the existing ones with the usual conditional write.
     * Requests for one id apply in order, as if sent one by one. Returns the rule each refused request broke, by
     * its position in {@code requests}; the rest are written.
     *
     * <p>Deliberately not applied: the rules that reach other endpoints (an ACTIVE endpoint taking its address from
     * the others, the 15-endpoints-per-user cap, a user's attributes copied to the user's other endpoints). Each needs an index query per row, which would make a bulk load
     * of millions of rows many times slower; the README ("Import and export jobs") says so.
     */
    public Map<Integer, String> importBatch(String appId, List<Map.Entry<String, EndpointRequest>> requests) {
        int shards = shardCount(appId);
        Map<String, Integer> shardById = new LinkedHashMap<>();
        Map<Integer, String> refused = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            String id = requests.get(i).getKey();
            try {
                EndpointLimits.requireValidId(id, "Id");
                shardById.put(id, EndpointHashing.shard(id, shards));
            } catch (ApiError error) {
                refused.put(i, error.getMessage());
            }
        }
        List<String> ids = List.copyOf(shardById.keySet());
        Map<String, Stored> current = new ConcurrentHashMap<>();
        inParallel(chunks(ids, IMPORT_CHUNK).stream().<Callable<Void>>map(chunk -> () -> {
            Map<String, Integer> part = new LinkedHashMap<>();
            chunk.forEach(id -> part.put(id, shardById.get(id)));
            current.putAll(store.getAll(appId, part));
            return null;
        }).toList());
        String now = Timestamps.now(clock);
        Map<String, EndpointResponse> merged = new LinkedHashMap<>();
        Map<String, List<EndpointRequest>> accepted = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            if (refused.containsKey(i)) continue;
            String id = requests.get(i).getKey();
            EndpointResponse before = merged.containsKey(id) ? merged.get(id)
                    : Optional.ofNullable(current.get(id)).map(Stored::endpoint).orElse(null);
            try {
                merged.put(id, importMerge(appId, id, before, requests.get(i).getValue(), now));
                accepted.computeIfAbsent(id, k -> new ArrayList<>()).add(requests.get(i).getValue());
            } catch (ApiError error) {
                refused.put(i, error.getMessage());
            }
        }
        List<EndpointResponse> created = merged.values().stream().filter(e -> !current.containsKey(e.id())).toList();
        List<Callable<Object>> writes = new ArrayList<>();
        chunks(created, IMPORT_CHUNK).forEach(chunk -> writes.add(() -> {
            store.createAll(shardById, chunk);
            return null;
        }));
        // Existing endpoints: the usual optimistic write; when another writer came first, the rows merge again
        // onto what it wrote.
        merged.values().stream().filter(e -> current.containsKey(e.id())).forEach(after -> writes.add(() ->
                update(appId, shardById.get(after.id()), after.id(), Optional.of(current.get(after.id())), before -> {
                    if (before != null && before.equals(current.get(after.id()).endpoint())) return after;
                    EndpointResponse again = before;
                    for (EndpointRequest request : accepted.get(after.id())) {
                        again = importMerge(appId, after.id(), again, request, Timestamps.now(clock));
                    }
                    return again;
                })));
        inParallel(writes);
        return refused;
    }

    /** Rows per parallel unit of an import batch's reads and writes. */
    private static final int IMPORT_CHUNK = 200;

    private static EndpointResponse importMerge(String appId, String endpointId, EndpointResponse before,
                                                EndpointRequest request, String now) {
        EndpointResponse after = EndpointMerge.apply(before, request, appId, endpointId, now);
        EndpointLimits.checkStored(after);
        return after;
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return chunks;
    }

    /**
     * Sets the endpoint INACTIVE because a provider said {@code address} is dead, only if the endpoint still has that
     * address: the app may have registered a fresh token while the push was queued. Nothing happens when the endpoint
     * does not exist. True when this call set it INACTIVE.
     */
    public boolean markInactive(String appId, String endpointId, String address) {
        int shards = shardCount(appId);
        return EndpointLimits.isStorableKey(endpointId) && deactivate(appId, shards, endpointId, address);
    }

    /** Sets every ACTIVE endpoint with this channel and address INACTIVE; returns the ids it changed. */
    public List<String> markInactiveByAddress(String appId, ChannelType channelType, String address) {
        int shards = shardCount(appId);
        if (!EndpointLimits.isStorableKey(address)) {
            return List.of();
        }
        List<String> changed = new ArrayList<>();
        for (EndpointResponse endpoint : store.byAddress(appId, channelType, address)) {
            // The address index is eventually consistent: deactivate reads the endpoint again and checks its address.
            if (endpoint.isActive() && deactivate(appId, shards, endpoint.id(), address)) {
                changed.add(endpoint.id());
            }
        }
        return changed;
    }

    /**
     * Replaces the endpoint's address with the provider's canonical one, only if it still is {@code oldAddress}
     * (the app may have registered a fresh token meanwhile). True when the address was replaced.
     */
    public boolean replaceAddress(String appId, String endpointId, String oldAddress, String newAddress) {
        if (newAddress == null || newAddress.isEmpty()) {
            throw new IllegalArgumentException("A replacement address is required");
        }
        EndpointLimits.requireKeySize("Address", newAddress);
        int shards = shardCount(appId);
        if (!EndpointLimits.isStorableKey(endpointId)) {
            return false;
        }
        Optional<Change> change = update(appId, EndpointHashing.shard(endpointId, shards), endpointId,
                endpoint -> endpoint != null && Objects.equals(endpoint.address(), oldAddress)
                        ? endpoint.withAddress(newAddress) : null);
        change.filter(Change::changed).ifPresent(c -> deactivateDuplicates(appId, shards, c.after()));
        return change.map(Change::changed).orElse(false);
    }

    /** How many shards the app's endpoints are spread over; NotFoundException when the app does not exist. */
    public int shardCount(String appId) {
        return shardsOf(apps.require(appId));
    }

    private static int shardsOf(App app) {
        return Math.max(1, app.endpointShards());
    }

    /** Every endpoint of one shard, read page by page (segment evaluation and campaigns run shards in parallel). */
    public void forEachInShard(String appId, int shard, Consumer<EndpointResponse> consumer) {
        int shards = shardCount(appId);
        if (shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("App " + appId + " has shards 0 to " + (shards - 1) + ", not " + shard);
        }
        store.forEachInShard(appId, shard, stored -> consumer.accept(stored.endpoint()));
    }

    // ---- Operations behind the API routes ---------------------------------------------------------------------

    EndpointResponse require(String appId, String endpointId) {
        return find(appId, endpointId).orElseThrow(() -> notFound(appId, endpointId));
    }

    /** UpdateEndpointsBatch: every item is validated against the stored endpoints before any is written. */
    void upsertBatch(String appId, EndpointBatchRequest batch, String apiRequestId) {
        int shards = shardCount(appId);
        Map<String, EndpointRequest> requests = new LinkedHashMap<>();
        batch.requests().forEach((id, request) -> requests.put(id, request.withRequestIdIfAbsent(apiRequestId)));
        Map<String, Integer> shardById = new LinkedHashMap<>();
        requests.keySet().forEach(id -> shardById.put(id, EndpointHashing.shard(id, shards)));
        Map<String, Stored> current = store.getAll(appId, shardById);

        // Items that give an endpoint a user id count toward that user's cap for the items after them, as if the
        // batch had been sent one by one: checked against the stored endpoints alone, two items could each fit and
        // the second write fail after the first was made.
        List<EndpointResponse> joiners = new ArrayList<>();
        Map<String, Integer> joinersBefore = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, EndpointRequest> entry : requests.entrySet()) {
            Stored stored = current.get(entry.getKey());
            EndpointResponse before = stored == null ? null : stored.endpoint();
            joinersBefore.put(entry.getKey(), joiners.size());
            try {
                EndpointResponse after = merged(appId, entry.getKey(), before, entry.getValue(),
                        new BatchPeers(Set.of(), List.copyOf(joiners)));
                if (gainsUser(before, after)) {
                    joiners.add(after);
                }
            } catch (ApiError error) {
                throw ApiError.badRequest("Item[" + index + "] (Id " + entry.getKey() + "): " + error.getMessage());
            }
            index++;
        }

        // The writes run in parallel: each sees the same peers as its check did, whichever others are written first.
        Set<String> joinerIds = new HashSet<>(joiners.stream().map(EndpointResponse::id).toList());
        List<Callable<Change>> writes = requests.entrySet().stream().<Callable<Change>>map(entry -> () ->
                write(appId, shardById.get(entry.getKey()), entry.getKey(), entry.getValue(),
                        Optional.ofNullable(current.get(entry.getKey())),
                        new BatchPeers(joinerIds, joiners.subList(0, joinersBefore.get(entry.getKey()))))).toList();
        List<Change> changes = new ArrayList<>(inParallel(writes));
        // Later items win an address both claim, as if the batch had been sent one by one.
        Collections.reverse(changes);
        changes.forEach(change -> afterWrite(appId, shards, change));
    }

    EndpointResponse delete(String appId, String endpointId) {
        int shards = shardCount(appId);
        if (!EndpointLimits.isStorableKey(endpointId)) {
            throw notFound(appId, endpointId);
        }
        return store.delete(appId, EndpointHashing.shard(endpointId, shards), endpointId)
                .orElseThrow(() -> notFound(appId, endpointId));
    }

    List<EndpointResponse> deleteUserEndpoints(String appId, String userId) {
        int shards = shardCount(appId);
        if (!EndpointLimits.isStorableKey(userId)) {
            return List.of();
        }
        List<EndpointResponse> deleted = new ArrayList<>();
        for (EndpointResponse endpoint : store.byUser(appId, userId)) {
            store.delete(appId, EndpointHashing.shard(endpoint.id(), shards), endpoint.id()).ifPresent(deleted::add);
        }
        return deleted;
    }

    /** RemoveAttributes: takes the named (or glob-matched) attributes off every endpoint of the app, shards in parallel. */
    AttributesResource removeAttributes(String appId, AttributeType type, UpdateAttributesRequest request) {
        int shards = shardCount(appId);
        Predicate<String> names = Globs.anyOf(request.blacklist());
        Set<String> removed = ConcurrentHashMap.newKeySet();
        inParallel(IntStream.range(0, shards).<Callable<Void>>mapToObj(shard -> () -> {
            store.forEachInShard(appId, shard, stored -> {
                if (type.matching(stored.endpoint(), names).isEmpty()) {
                    return;
                }
                update(appId, shard, stored.endpoint().id(), Optional.of(stored),
                        endpoint -> endpoint == null ? null : type.without(endpoint, names))
                        .filter(Change::changed)
                        .ifPresent(change -> removed.addAll(type.matching(change.before(), names)));
            });
            return null;
        }).toList());
        return new AttributesResource(appId, type.pathValue(), List.copyOf(new TreeSet<>(removed)));
    }

    /** DeleteApp's cascade: every endpoint of the app, shards in parallel. */
    @Override
    public void deleteAllOf(String appId) {
        int shards = shardCount(appId);
        inParallel(IntStream.range(0, shards).<Callable<Integer>>mapToObj(shard -> () -> store.deleteShard(appId, shard))
                .toList());
    }

    // ---- Writing ----------------------------------------------------------------------------------------------

    /** One successful (or unnecessary) write: the endpoint before (null when created) and after. */
    private record Change(EndpointResponse before, EndpointResponse after) {
        boolean changed() {
            return !after.equals(before);
        }
    }

    private Change write(String appId, int shard, String endpointId, EndpointRequest request, Optional<Stored> current,
                         BatchPeers peers) {
        return update(appId, shard, endpointId, current, before -> merged(appId, endpointId, before, request, peers))
                .orElseThrow();
    }

    /**
     * The other items of one UpdateEndpointsBatch, as the user cap of one item sees them: {@code joinerIds} are the
     * batch's endpoints that take a user id (left out of what is stored, since some may be written already) and
     * {@code earlierJoiners} those of them before this item (counted, whether written yet or not).
     */
    private record BatchPeers(Set<String> joinerIds, List<EndpointResponse> earlierJoiners) {
        static final BatchPeers NONE = new BatchPeers(Set.of(), List.of());

        List<EndpointResponse> withStored(List<EndpointResponse> storedOfUser, String userId) {
            List<EndpointResponse> seen = new ArrayList<>(storedOfUser.stream()
                    .filter(e -> !joinerIds.contains(e.id())).toList());
            earlierJoiners.stream().filter(e -> userId.equals(e.userId())).forEach(seen::add);
            return seen;
        }
    }

    /** The endpoint as {@code request} would leave it, or BadRequestException when that breaks a quota. */
    private EndpointResponse merged(String appId, String endpointId, EndpointResponse before, EndpointRequest request,
                                    BatchPeers peers) {
        EndpointResponse after = EndpointMerge.apply(before, request, appId, endpointId, Timestamps.now(clock));
        if (gainsUser(before, after)) {
            List<EndpointResponse> ofUser = store.byUser(appId, after.userId());
            UserEndpointCap.requireRoom(after, peers.withStored(ofUser, after.userId()));
            after = withUsersAttributes(after, ofUser);
        }
        EndpointLimits.checkStored(after);
        return after;
    }

    /**
     * An endpoint joining a user takes the attributes the user has (its own win): Pinpoint keeps a user's attributes
     * the same on each of the user's endpoints (see {@link #syncUserAttributes}).
     */
    private static EndpointResponse withUsersAttributes(EndpointResponse joining, List<EndpointResponse> ofUser) {
        return ofUser.stream().filter(e -> !e.id().equals(joining.id())).findFirst()
                .map(other -> joining.withUser(EndpointMerge.user(AttributeMaps.merge(other.user().userAttributes(),
                        joining.user().userAttributes()), joining.userId())))
                .orElse(joining);
    }

    /** {@link #update(String, int, String, Optional, UnaryOperator)} on a fresh read of the endpoint. */
    private Optional<Change> update(String appId, int shard, String endpointId, UnaryOperator<EndpointResponse> change) {
        return update(appId, shard, endpointId, store.get(appId, shard, endpointId), change);
    }

    /**
     * The optimistic write loop. {@code change} gets the current endpoint (null when there is none) and returns
     * the endpoint to store, or null to leave it alone. {@code current} is what the caller already read.
     */
    private Optional<Change> update(String appId, int shard, String endpointId, Optional<Stored> current,
                                    UnaryOperator<EndpointResponse> change) {
        for (int attempt = 0; ; attempt++) {
            EndpointResponse before = current.map(Stored::endpoint).orElse(null);
            EndpointResponse after = change.apply(before);
            if (after == null) {
                return Optional.empty();
            }
            if (after.equals(before)) {
                return Optional.of(new Change(before, after));
            }
            boolean written = current.isPresent()
                    ? store.replace(shard, after, current.get().version())
                    : store.create(shard, after);
            if (written) {
                return Optional.of(new Change(before, after));
            }
            if (attempt + 1 >= MAX_WRITE_ATTEMPTS) {
                throw ApiError.tooManyRequests("Endpoint " + endpointId + " is being changed by many requests at once;"
                        + " retry the request");
            }
            Backoff.pause(attempt);
            current = store.get(appId, shard, endpointId);
        }
    }

    private boolean deactivate(String appId, int shards, String endpointId, String deadAddress) {
        return update(appId, EndpointHashing.shard(endpointId, shards), endpointId,
                endpoint -> endpoint != null && endpoint.isActive() && Objects.equals(endpoint.address(), deadAddress)
                        ? endpoint.withEndpointStatus(EndpointResponse.INACTIVE) : null)
                .map(Change::changed).orElse(false);
    }

    private void afterWrite(String appId, int shards, Change change) {
        EndpointResponse after = change.after();
        deactivateDuplicates(appId, shards, after);
        boolean joined = gainsUser(change.before(), after);
        Map<String, List<String>> userChanges = after.userId() == null ? Map.of() : AttributeMaps.changes(
                joined ? null : change.before().user().userAttributes(), after.user().userAttributes());
        if (!joined && userChanges.isEmpty()) {
            return;
        }
        List<EndpointResponse> ofUser = store.byUser(appId, after.userId()); // one query for both steps
        if (joined) {
            releaseExcessUserEndpoints(appId, shards, after, ofUser);
        }
        syncUserAttributes(appId, shards, after, userChanges, ofUser);
    }

    /**
     * Pinpoint keeps a user's attributes the same on each endpoint of the user: what one write sets or removes in
     * User.UserAttributes ({@code changes}) is applied to the user's other endpoints. (An endpoint that joins a user
     * took the user's attributes when it was merged.) So a segment on a user attribute reaches all of them.
     */
    private void syncUserAttributes(String appId, int shards, EndpointResponse after,
                                    Map<String, List<String>> changes, List<EndpointResponse> ofUser) {
        if (changes.isEmpty()) {
            return;
        }
        ofUser.stream().filter(other -> !other.id().equals(after.id())).forEach(other -> updateUserAttributes(
                appId, shards, other.id(), after.userId(), theirs -> AttributeMaps.merge(theirs, changes)));
    }

    /** Changes the user attributes of one endpoint, if it still belongs to {@code userId}. */
    private void updateUserAttributes(String appId, int shards, String endpointId, String userId,
                                      UnaryOperator<Map<String, List<String>>> change) {
        update(appId, EndpointHashing.shard(endpointId, shards), endpointId,
                endpoint -> endpoint == null || !userId.equals(endpoint.userId()) ? null
                        : endpoint.withUser(EndpointMerge.user(change.apply(endpoint.user().userAttributes()), userId)));
    }

    /** Pinpoint sets other endpoints with the same address INACTIVE when one is written ACTIVE. */
    private void deactivateDuplicates(String appId, int shards, EndpointResponse owner) {
        if (!owner.isActive() || owner.channelType() == null || owner.address() == null) {
            return;
        }
        List<EndpointResponse> others = store.byAddress(appId, owner.channelType(), owner.address()).stream()
                .filter(e -> !e.id().equals(owner.id()) && e.isActive()).toList();
        if (others.isEmpty()) {
            return;
        }
        // Only the endpoint that holds the address now may take it from the others.
        boolean stillOwner = store.get(appId, EndpointHashing.shard(owner.id(), shards), owner.id())
                .map(Stored::endpoint)
                .filter(e -> e.isActive() && owner.channelType() == e.channelType() && owner.address().equals(e.address()))
                .isPresent();
        if (stillOwner) {
            others.forEach(e -> deactivate(appId, shards, e.id(), owner.address()));
        }
    }

    private void releaseExcessUserEndpoints(String appId, int shards, EndpointResponse kept,
                                            List<EndpointResponse> ofUser) {
        String userId = kept.userId();
        for (EndpointResponse released : UserEndpointCap.toRelease(kept, ofUser)) {
            update(appId, EndpointHashing.shard(released.id(), shards), released.id(),
                    endpoint -> endpoint == null || !userId.equals(endpoint.userId()) ? null
                            : endpoint.withEndpointStatus(EndpointResponse.INACTIVE)
                                    .withUser(EndpointMerge.user(endpoint.user().userAttributes(), null)));
        }
    }

    private static boolean gainsUser(EndpointResponse before, EndpointResponse after) {
        return after.userId() != null && (before == null || !after.userId().equals(before.userId()));
    }

    private <T> List<T> inParallel(List<Callable<T>> tasks) {
        List<Future<T>> futures;
        try {
            futures = workers.invokeAll(tasks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for endpoint work", e);
        }
        List<T> results = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for endpoint work", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    private static ApiError notFound(String appId, String endpointId) {
        return ApiError.notFound("Endpoint " + endpointId + " not found in application " + appId);
    }
}
