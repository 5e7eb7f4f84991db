package io.pinpush.access;

import io.pinpush.api.ApiRequest;
import io.pinpush.api.Router;

/**
 * The drop-in mode's authentication: a request nobody authenticated on the way in must carry a valid SigV4
 * signature for {@code mobiletargeting} made with an active Pinpush access key; it then carries that key's caller
 * ARN. A request API Gateway already authenticated with IAM (the access-key administration routes stay
 * {@code AWS_IAM} in AWS) keeps its IAM principal: IAM authorized it, a key policy does not apply.
 */
final class KeyAuthenticator implements Router.Authenticator {

    private final SigV4Verifier verifier;
    private final AccessKeyService keys;
    private final String region;
    private final String accountId;

    KeyAuthenticator(SigV4Verifier verifier, AccessKeyService keys, String region, String accountId) {
        this.verifier = verifier;
        this.keys = keys;
        this.region = region;
        this.accountId = accountId;
    }

    @Override
    public ApiRequest authenticate(ApiRequest request) {
        if (!ApiRequest.ANONYMOUS.equals(request.caller())) {
            return request;
        }
        String accessKeyId = verifier.verify(request);
        keys.used(accessKeyId);
        return request.withCaller(AccessKeyCallers.arn(region, accountId, accessKeyId));
    }
}
