package io.pinpush.jobs;

import io.pinpush.api.ApiError;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where a job reads or writes: {@code s3://bucket/key-or-prefix}, or (a Pinpush extension for laptops, refused
 * unless the deployment allows it) {@code file:///absolute/path}. For a file location, {@code bucket} is empty and
 * {@code key} is the absolute path.
 */
public record ObjectLocation(String scheme, String bucket, String key) {

    public static final String S3 = "s3";
    public static final String FILE = "file";

    /** Parses a URL given as {@code member} of a request; BadRequestException naming the member when it is not one. */
    public static ObjectLocation parse(String member, String url) {
        if (url == null || url.isBlank()) {
            throw ApiError.badRequest(member + " is required: an s3://bucket/key URL");
        }
        if (url.startsWith("s3://")) {
            String rest = url.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            if (bucket.isEmpty() || !bucket.matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
                throw ApiError.badRequest(member + " '" + url + "' does not name a valid S3 bucket");
            }
            return new ObjectLocation(S3, bucket, slash < 0 ? "" : rest.substring(slash + 1));
        }
        if (url.startsWith("file:")) {
            try {
                URI uri = new URI(url);
                if (uri.getPath() == null || !uri.getPath().startsWith("/") || uri.getAuthority() != null) {
                    throw ApiError.badRequest(member + " '" + url + "' must be file:///an/absolute/path");
                }
                return new ObjectLocation(FILE, "", Path.of(uri).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw ApiError.badRequest(member + " '" + url + "' is not a valid file URL: " + e.getMessage());
            }
        }
        throw ApiError.badRequest(member + " '" + url + "' must be an s3:// URL");
    }

    boolean isFile() {
        return FILE.equals(scheme);
    }

    /** The same bucket with another key (or, for files, another path). */
    ObjectLocation withKey(String newKey) {
        return new ObjectLocation(scheme, bucket, newKey);
    }

    /** A location under this one as a folder: {@code prefix/child}. */
    ObjectLocation child(String name) {
        if (key.isEmpty()) return withKey(name);
        return withKey(key.endsWith("/") ? key + name : key + "/" + name);
    }

    @Override
    public String toString() {
        return isFile() ? "file://" + key : "s3://" + bucket + "/" + key;
    }
}
