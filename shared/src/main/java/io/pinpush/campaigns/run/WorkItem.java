package io.pinpush.campaigns.run;

/**
 * One message of the campaign work queue: evaluate one endpoint shard for one slice of a run, or (with
 * {@code slice == null}) plan a local-time run: find its time-zone slices.
 *
 * @param shard the endpoint shard, or -1 for a plan
 */
public record WorkItem(String appId, String campaignId, int runNumber, Slice slice, int shard) {

    static WorkItem plan(RunRecord run) {
        return new WorkItem(run.appId(), run.campaignId(), run.runNumber(), null, -1);
    }

    static WorkItem shard(RunRecord run, Slice slice, int shard) {
        return new WorkItem(run.appId(), run.campaignId(), run.runNumber(), slice, shard);
    }

    boolean isPlan() {
        return slice == null;
    }
}
