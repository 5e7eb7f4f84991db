package io.pinpush.templates;

import java.util.Map;

/**
 * What a template is apart from its versions: its tags, dates and version bookkeeping.
 *
 * @param latestVersion  the highest existing version: the one an update without create-new-version overwrites
 * @param activeVersion  the version sends and GetPushTemplate use when they name none
 * @param versionCount   how many versions exist (Pinpoint allows 5,000)
 * @param nextVersion    the number the next new version gets; only ever grows, so numbers are never reused
 * @param revision       grows with every change to the template; writes are conditional on it, so two
 *                       concurrent changes can never both succeed on the same starting point
 */
record TemplateHead(String name, TemplateType type, Map<String, String> tags, String creationDate,
                    String lastModifiedDate, int latestVersion, int activeVersion, int versionCount, int nextVersion,
                    long revision) {

    static TemplateHead first(String name, Map<String, String> tags, String now) {
        return new TemplateHead(name, TemplateType.PUSH, tags, now, now, 1, 1, 1, 2, 1);
    }

    TemplateHead touched(String now) {
        return new TemplateHead(name, type, tags, creationDate, now, latestVersion, activeVersion, versionCount,
                nextVersion, revision + 1);
    }

    TemplateHead withNewVersion(String now) {
        return new TemplateHead(name, type, tags, creationDate, now, nextVersion, activeVersion, versionCount + 1,
                nextVersion + 1, revision + 1);
    }

    TemplateHead withActive(int version, String now) {
        return new TemplateHead(name, type, tags, creationDate, now, latestVersion, version, versionCount, nextVersion,
                revision + 1);
    }

    TemplateHead withoutVersion(int newLatest, String now) {
        return new TemplateHead(name, type, tags, creationDate, now, newLatest, activeVersion, versionCount - 1,
                nextVersion, revision + 1);
    }

    /** Tags changed (TagResource, UntagResource); dates stay, as a tag change is not a change of the template. */
    TemplateHead withTags(Map<String, String> newTags) {
        return new TemplateHead(name, type, newTags, creationDate, lastModifiedDate, latestVersion, activeVersion,
                versionCount, nextVersion, revision + 1);
    }

    TemplateResponse toResponse() {
        return new TemplateResponse(creationDate, lastModifiedDate, name, type, Integer.toString(activeVersion));
    }
}
